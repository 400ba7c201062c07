"""Filters of the step 1-3 pages (the RKT preparation)."""

from __future__ import annotations

from django import template

from erkt.org.templatetags.indonesian import nip

register = template.Library()
# The one NIP filter (erkt.org.templatetags.indonesian), also under this library's name.
register.filter("nip", nip)


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
