"""A day's text in the active language, written once per language, format and day.

Django's `formats.date_format` looks its format up and walks it again on every call (some
45 Python calls a date: the format's lookups and a gettext per month name, each through
asgiref's locals), so an English page paid that for every date it showed, twice the calls
of the same page in Indonesian. A day's text in a language and format never changes, and a
page's days repeat (due dates, a year's days): each is written once, by Django itself in
that language, and kept; a day seen before is a dict lookup in C, no Python call.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone, translation

from erkt.per_language import Kept, per_language_alone

# `tanggal`'s format: Indonesian written out ("29 November 2026", as the official documents
# write it), every other language its own DATE_FORMAT ("Nov. 29, 2026").
TANGGAL_FORMATS = {"id": "j F Y"}
# A long-running process sees at most a few years of days per format; beyond this the
# texts start again rather than grow.
LIMIT = 4096


def base_language() -> str:
    """The active language without its region ("en" for "en-us"); Indonesian when none."""
    return (translation.get_language() or "id").split("-")[0]


class DayTexts(dict):
    """day -> its text in `language` and `format_name` (a format setting's name, such as
    "DATE_FORMAT", or a format string, such as "D j M"). A missing day is written by
    `formats.date_format` in that language and kept."""

    def __init__(self, language: str, format_name: str) -> None:
        super().__init__()
        self.language = language
        self.format_name = format_name

    def __missing__(self, day: datetime.date) -> str:
        if len(self) >= LIMIT:
            self.clear()
        with translation.override(self.language):
            text = formats.date_format(day, self.format_name)
        self[day] = text
        return text


@per_language_alone
def day_texts(format_name: str) -> DayTexts:
    """The active language's texts of days in `format_name`: `day_texts("D j M")[day]`."""
    return DayTexts(base_language(), format_name)


class Tanggal:
    """The `tanggal` filter of one language: a date, or an aware datetime's local day,
    as that language writes a page's dates; `empty` for none."""

    def __init__(self, texts: DayTexts) -> None:
        self.texts = texts

    def __call__(self, value: datetime.date | datetime.datetime | None, empty: str = "-") -> str:
        if not value:
            return empty
        return self.texts[local_day(value)]


def local_day(value: datetime.date | datetime.datetime) -> datetime.date:
    """A date as it is; an aware datetime's day in local time, a naive one's own day."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


_writers = Kept(per_prefix=False)


def tanggal_writer() -> Tanggal:
    """`tanggal` for the active language, to write a table's dates with its language read
    once: `write = tanggal_writer()`, then `write(day)` per row."""
    return _writers.get((), _new_writer)


def _new_writer() -> Tanggal:
    language = base_language()
    return Tanggal(DayTexts(language, TANGGAL_FORMATS.get(language, "DATE_FORMAT")))
