"""Template filters for Indonesian writing and the pages' dates.

`tanggal` writes a page's date in the active language: "29 November 2026" in Bahasa
Indonesia, Django's localised date ("Nov. 29, 2026") for a user who chose English.
`tanggal_id` always writes Indonesian month names: the dates of an official document (SOP,
RKT, surat) are part of its text (so does `format_tanggal`, for the documents' snapshots
and the engine's messages).
"""

from __future__ import annotations

import datetime

from django import template

from erkt.date_texts import local_day, tanggal_writer
from erkt.org.nip import format_nip

register = template.Library()

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_tanggal(value: datetime.date | datetime.datetime | None, empty: str = "-") -> str:
    """'29 November 2026'; `empty` for no date. An aware datetime is read in local time."""
    if not value:
        return empty
    day = local_day(value)
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


@register.filter
def nip(value: str | None) -> str:
    """Every NIP on a page or a document in one written form: "19820425 200902 2 002"
    (whether stored with or without spaces); anything else as it is, nothing for none."""
    return format_nip(value) if value else ""


@register.filter
def tanggal(value: datetime.date | datetime.datetime | None, empty: str = "-") -> str:
    """{{ task.due_date|tanggal }} -> "29 November 2026" (English: "Nov. 29, 2026"), or "-".
    Each day's text is written once per language (erkt.date_texts)."""
    return tanggal_writer()(value, empty) if value else empty


@register.filter
def tanggal_id(value: datetime.date | datetime.datetime | None, empty: str = "-") -> str:
    """{{ version.tanggal_efektif|tanggal_id }}: "29 November 2026" in any UI language."""
    return format_tanggal(value, empty)
