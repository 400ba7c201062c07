"""The working-day calendar (hari kerja) of an organisation.

A working day is Monday to Friday, less Indonesian public holidays and cuti
bersama (the `holidays` package, country ID, categories public + government),
less the organisation's local non-working days, plus its working-day exceptions
(both are CalendarDay rows recorded by an administrator).

Deadlines: a task opened on day D with waktu N is due on the Nth working day
after D (`add_working_days(org, D, N)`); D itself never counts.

Every function takes the organisation (or None for the national calendar only).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from erkt.org.models import Organization

HOLIDAY_CATEGORIES = ("public", "government")
SATURDAY = 5
ONE_DAY = datetime.timedelta(days=1)
# A deadline search never needs more than a few weeks; the bound only stops a
# misconfigured calendar (every day a holiday) from looping forever.
MAX_SEARCH_DAYS = 3660


@lru_cache(maxsize=64)
def national_holidays(year: int) -> MappingProxyType[datetime.date, str]:
    """Public holidays and cuti bersama of Indonesia in `year`, names in Indonesian."""
    # Building the holiday set is slow (lunar calendars): cached per year.
    found = holidays.country_holidays(
        "ID", years=year, categories=HOLIDAY_CATEGORIES, language="id"
    )
    return MappingProxyType(dict(found.items()))


def warm_up() -> None:
    """Build this year's and next year's holidays before a worker's first request
    (erkt.gunicorn_config): the first deadline a process computed imported every country
    of the `holidays` package (some 0.3 s of CPU) inside a transition."""
    this_year = timezone.now().year
    national_holidays(this_year)
    national_holidays(this_year + 1)


@lru_cache(maxsize=64)
def has_cuti_bersama_data(year: int) -> bool:
    """Whether the `holidays` package knows the cuti bersama (SKB 3 Menteri) of `year`.

    Fixed public holidays are computed for any year, so their presence says
    nothing; cuti bersama exist only once the yearly decree is in the package.
    """
    return bool(holidays.country_holidays("ID", years=year, categories=("government",)))


@lru_cache(maxsize=1024)
def local_days(
    organization_id: int, calendar_token: object
) -> MappingProxyType[datetime.date, tuple[str, str]]:
    """The organisation's local days, read once per process and version of its calendar.

    Every change of a CalendarDay gives the organisation a new token, so the next
    request, reading the organisation, asks for the new days.
    """
    from erkt.workflow.models import CalendarDay

    rows = CalendarDay.objects.filter(organization_id=organization_id)
    fields = ("date", "kind", "name", "dasar_hukum")
    return MappingProxyType(
        {d: (kind, _reason(name, basis)) for d, kind, name, basis in rows.values_list(*fields)}
    )


def _reason(name: str, basis: str) -> str:
    """A local day's reason: its name and, when recorded, its legal basis."""
    return f"{name}, {basis}" if basis else name


def today_for(organization: Organization | None) -> datetime.date:
    """Today's date in the organisation's time zone (WITA for Balangan)."""
    name = organization.time_zone if organization else settings.TIME_ZONE
    return timezone.now().astimezone(zoneinfo.ZoneInfo(name)).date()


class WorkingCalendar:
    """The calendar of one organisation, with its local days read once."""

    def __init__(self, organization: Organization | None) -> None:
        self.local: Mapping[datetime.date, tuple[str, str]] = {}
        self._known: dict[datetime.date, bool] | None = None
        self._known_for: Mapping | None = None
        # What the days depend on beside the national holidays (None: not kept by it).
        self.version: tuple | None = None
        if organization is not None and organization.pk is not None:
            self.version = (organization.pk, organization.calendar_token)
            self.local = local_days(*self.version)
        self._version_days = self.local  # the local days of `version`

    def is_working_day(self, day: datetime.date) -> bool:
        from erkt.workflow.models import CalendarDay

        local = self.local.get(day)
        if local is not None:
            return local[0] == CalendarDay.Kind.KERJA
        return day.weekday() < SATURDAY and day not in national_holidays(day.year)

    def non_working_reason(self, day: datetime.date) -> str:
        """Why `day` is not a working day ("" when it is one)."""
        if self.is_working_day(day):
            return ""
        if day in self.local:
            return self.local[day][1]
        if day in national_holidays(day.year):
            return national_holidays(day.year)[day]
        return _("Sabtu") if day.weekday() == SATURDAY else _("Minggu")

    def skipped_days(
        self, start: datetime.date, end: datetime.date
    ) -> list[tuple[datetime.date, str]]:
        """The non-working days in (start, end] with their reasons ("" for a plain weekend)."""
        skipped = []
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if not self.is_working_day(day):
                skipped.append((day, self.holiday_name(day)))
        return skipped

    def holiday_name(self, day: datetime.date) -> str:
        """The local day's or national holiday's name of `day` ("" for none)."""
        if day in self.local:
            return self.local[day][1]
        return national_holidays(day.year).get(day, "")

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The `days`-th working day after `start` (`start` itself never counts)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        for _step in range(MAX_SEARCH_DAYS):
            if days == 0:
                return day
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        raise ValueError(f"no working day within {MAX_SEARCH_DAYS} days after {start}")

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]; negative, counting (end, start], when end is earlier.

        So add_working_days(start, n) == end gives working_days_between(start, end) == n.
        """
        if end < start:
            return -self.working_days_between(end, start)
        # Each day's answer kept on the calendar (for the local days it holds): a page that
        # counts many passes over the same weeks (Pemantauan) asks is_working_day() once a
        # day, not once a day per pass. `in` and `[]` make no Python call.
        known = self._known
        if known is None or self._known_for is not self.local:
            known = self._known = self._known_days()
            self._known_for = self.local
        count = 0
        day = start
        one = ONE_DAY
        while day < end:
            day += one
            if day not in known:
                known[day] = self.is_working_day(day)
            count += known[day]
        return count

    def _known_days(self) -> dict[datetime.date, bool]:
        """The answers kept for this calendar's version, shared by the process's later
        requests (Pemantauan counts the same weeks on every visit), as span_text keeps its
        sentences: a new calendar_token is a new version. A calendar whose local days were
        given by hand (no version, or other days) keeps its own."""
        version = self.version
        if version is None or self.local is not self._version_days:
            return {}
        known = _KNOWN_DAYS.get(version)
        if known is None:
            if len(_KNOWN_DAYS) >= KNOWN_VERSIONS:
                _KNOWN_DAYS.clear()
            known = _KNOWN_DAYS[version] = {}
        return known


# Whether each day is a working day, per calendar version (WorkingCalendar._known_days).
# An office's years of history are some two thousand days: at most 64 offices' answers
# (a few MB) are kept, then they start again.
_KNOWN_DAYS: dict[tuple, dict[datetime.date, bool]] = {}
KNOWN_VERSIONS = 64


def is_working_day(organization: Organization | None, day: datetime.date) -> bool:
    return WorkingCalendar(organization).is_working_day(day)


def add_working_days(
    organization: Organization | None, start: datetime.date, days: int
) -> datetime.date:
    return WorkingCalendar(organization).add_working_days(start, days)


def working_days_between(
    organization: Organization | None, start: datetime.date, end: datetime.date
) -> int:
    return WorkingCalendar(organization).working_days_between(start, end)


def missing_holiday_data_warning(
    organization: Organization | None, today: datetime.date | None = None
) -> str:
    """A warning for administrators when next year's cuti bersama are unknown ("" if fine).

    Recording the year's local non-working days (e.g. the cuti bersama from the
    SKB, entered by hand) silences it.
    """
    year = (today or today_for(organization)).year + 1
    if has_cuti_bersama_data(year):
        return ""
    if organization is not None:
        from erkt.workflow.models import CalendarDay

        if CalendarDay.objects.filter(
            organization=organization, date__year=year, kind=CalendarDay.Kind.LIBUR
        ).exists():
            return ""
    return _(
        "Data cuti bersama tahun %(year)s belum tersedia. Perbarui paket holidays atau catat "
        "cuti bersama dan hari libur tahun %(year)s sebagai hari libur lokal, agar batas "
        "waktu tugas tepat."
    ) % {"year": year}
