"""Small template helpers of the workflow pages: status colours and deadline badges."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from erkt.workflow.deadlines import Deadline

register = template.Library()

TONES = {
    "running": "primary",
    "completed": "success",
    "cancelled": "secondary",
    "open": "primary",
    "done": "success",
    "active": "primary",
    "pending": "light",
}


BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@register.filter
def tanggal_singkat(value: datetime.date | datetime.datetime | None, empty: str = "-") -> str:
    """ "2 Des 2026" for narrow table cells; "2 Des 2026 14:05" for a datetime (local time).

    Indonesian whatever the browser's language, like erkt.org's `tanggal` filter.
    """
    if not value:
        return empty
    time = ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        time = f" {value:%H:%M}"
    return f"{value.day} {BULAN_SINGKAT[value.month - 1]} {value.year}{time}"


@register.filter
def status_tone(status: str) -> str:
    """The Bootstrap colour of a process, step or task status."""
    return TONES.get(str(status), "secondary")


@register.inclusion_tag("workflow/_deadline.html")
def deadline_badge(deadline: Deadline | None) -> dict:
    """ "sisa 3 hari kerja" grey, "jatuh tempo hari ini" amber, "terlambat 2 hari kerja" red."""
    return {"deadline": deadline}
