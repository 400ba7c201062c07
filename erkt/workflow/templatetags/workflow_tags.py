"""Small template helpers of the workflow pages: status colours and deadline badges."""

from __future__ import annotations

from django import template

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


@register.filter
def status_tone(status: str) -> str:
    """The Bootstrap colour of a process, step or task status."""
    return TONES.get(str(status), "secondary")


@register.inclusion_tag("workflow/_deadline.html")
def deadline_badge(deadline: Deadline | None) -> dict:
    """ "sisa 3 hari kerja" grey, "jatuh tempo hari ini" amber, "terlambat 2 hari kerja" red."""
    return {"deadline": deadline}
