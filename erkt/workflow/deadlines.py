"""How far a due date is from today, in working days, as the pages say it.

The pages compute every deadline of a list with one WorkingCalendar (one query for the
organisation's local days), where Task.remaining_working_days would build one per task.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from erkt.date_texts import day_texts
from erkt.workflow.calendar import WorkingCalendar

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Deadline:
    """The distance from `today` to `due`: days > 0 left, 0 due today, < 0 late."""

    due: datetime.date
    today: datetime.date
    days: int

    @property
    def is_late(self) -> bool:
        return self.today > self.due

    @property
    def is_today(self) -> bool:
        return self.today == self.due

    @property
    def text(self) -> str:
        if self.is_late:
            late = -self.days
            if late < 1:
                # Due on Friday, seen on Saturday: late, though no working day was lost yet.
                return _("lewat batas waktu")
            return ngettext("terlambat %(n)s hari kerja", "terlambat %(n)s hari kerja", late) % {
                "n": late
            }
        if self.is_today:
            return _("jatuh tempo hari ini")
        return ngettext("sisa %(n)s hari kerja", "sisa %(n)s hari kerja", self.days) % {
            "n": self.days
        }

    @property
    def tone(self) -> str:
        """The Bootstrap colour: red when late, amber on the due date."""
        if self.is_late:
            return "danger"
        if self.is_today or self.days < 1:
            return "warning"
        return "secondary"


def deadline(due: datetime.date | None, today: datetime.date, calendar: WorkingCalendar):
    """The Deadline of `due` seen on `today`, or None without a due date."""
    if due is None:
        return None
    return Deadline(due=due, today=today, days=calendar.working_days_between(today, due))


# Dates are Indonesian whatever the browser's language (like the `tanggal` filters).
HARI_SINGKAT = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@dataclass(frozen=True)
class DueExplanation:
    """Why a due date falls where it does: `days` working days after `start`, skipping
    the non-working days in between (a reason each; "" for a plain Saturday or Sunday)."""

    start: datetime.date
    due: datetime.date
    days: int
    skipped: tuple[tuple[datetime.date, str], ...]

    @property
    def text(self) -> str:
        """ "3 hari kerja; dilewati: Sab 28 Mar, Min 29 Mar, Sen 30 Mar (Cuti Bersama ...)"."""
        return _text(translation.get_language(), self)


# The sentence depends only on the language and the explanation's own values (the days,
# the skipped dates and their reasons): kept, as a process page explains a dozen spans
# and the API's process read every task's, each through some twenty translation calls.
@functools.lru_cache(maxsize=4096)
def _text(language: str | None, explanation: DueExplanation) -> str:
    count = ngettext("%(n)s hari kerja", "%(n)s hari kerja", explanation.days) % {
        "n": explanation.days
    }
    if not explanation.skipped:
        return count
    parts = []
    for index, (day, reason) in enumerate(explanation.skipped):
        text = _short_day(day)
        following = explanation.skipped[index + 1] if index + 1 < len(explanation.skipped) else None
        # Consecutive days of one holiday share its name: "Sen 23 Mar, Sel 24 Mar (...)".
        if reason and (following is None or following[1] != reason):
            text += f" ({reason})"
        parts.append(text)
    return _("%(count)s; dilewati: %(days)s") % {"count": count, "days": ", ".join(parts)}


def _short_day(day: datetime.date) -> str:
    """ "Sab 28 Mar" in Bahasa Indonesia; Django's localised "Sat 28 Mar" otherwise."""
    if (translation.get_language() or "id").split("-")[0] == "id":
        return f"{HARI_SINGKAT[day.weekday()]} {day.day} {BULAN_SINGKAT[day.month - 1]}"
    return day_texts("D j M")[day]


def explain_due(calendar: WorkingCalendar, start: datetime.date, days: int) -> DueExplanation:
    """The due date `days` working days after `start`, with the days it skipped and why."""
    due = calendar.add_working_days(start, days)
    return DueExplanation(start, due, days, tuple(calendar.skipped_days(start, due)))


def explain_span(
    calendar: WorkingCalendar, start: datetime.date | None, due: datetime.date | None
) -> DueExplanation | None:
    """The explanation of a recorded due date (None without both dates): the working days
    from `start` to `due` and the days skipped between them."""
    if start is None or due is None or due < start:
        return None
    # calendar.working_days_between(start, due) and calendar.skipped_days(start, due) in
    # one walk over the span: every step row and task of a process page explains one.
    days, skipped, day = 0, [], start
    while day < due:
        day += ONE_DAY
        if calendar.is_working_day(day):
            days += 1
        else:
            skipped.append((day, calendar.holiday_name(day)))
    return DueExplanation(start, due, days, tuple(skipped))


# A span's sentence, kept per calendar version (an organisation's local days are read per
# calendar_token; the national holidays are the package's) and language: a process page
# explains every step's planned span on every visit, the same spans day after day, each
# a walk over its days and twenty-odd calls.
_SPAN_TEXTS: dict[tuple, str] = {}
SPAN_TEXTS = 4096


def span_text(
    calendar: WorkingCalendar,
    start: datetime.date | None,
    due: datetime.date | None,
    language: str | None = None,
) -> str:
    """explain_span(calendar, start, due)'s text ("" without both dates); `language`: the
    active one, when the caller has read it already."""
    version = calendar.version
    key = (version, start, due, language or translation.get_language())
    found = _SPAN_TEXTS.get(key) if version is not None else None
    if found is None:
        explanation = explain_span(calendar, start, due)
        found = explanation.text if explanation is not None else ""
        if version is not None:
            if len(_SPAN_TEXTS) >= SPAN_TEXTS:  # a bound, as for _text
                _SPAN_TEXTS.clear()
            _SPAN_TEXTS[key] = found
    return found
