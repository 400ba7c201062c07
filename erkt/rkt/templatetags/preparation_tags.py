"""Filters of the step 1-3 pages (the RKT preparation)."""

from __future__ import annotations

from django import template

from erkt.org.nip import format_nip

register = template.Library()


@register.filter
def nip(value: str) -> str:
    """A stored NIP in its written form: "19700314 199503 1 002"."""
    return format_nip(value) if value else ""


ZONA_WAKTU = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


@register.filter
def zona_waktu(time_zone: str) -> str:
    """The Indonesian name of an organisation's time zone: "Asia/Makassar" -> "WITA"."""
    return ZONA_WAKTU.get(time_zone, "")
