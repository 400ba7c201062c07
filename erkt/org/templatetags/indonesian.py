"""Template filters for Indonesian official writing.

`tanggal` always writes Indonesian month names ("29 November 2026"), whatever the active
UI language: the dates of an official document (SOP, RKT, surat) are part of its text.
Django's `date` filter follows the active language and would print "November 29, 2026"
for a user who chose English.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

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
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


@register.filter
def tanggal(value: datetime.date | datetime.datetime | None, empty: str = "-") -> str:
    """{{ version.tanggal_efektif|tanggal }} -> "29 November 2026", or "-" when empty."""
    return format_tanggal(value, empty)
