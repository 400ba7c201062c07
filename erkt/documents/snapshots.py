"""The parts every document snapshot shares: the kop, the signatory, dates in Indonesian.

They copy what they print (names, NIP, pangkat, the logo itself) so a document issued
today prints the same after a mutation, a new logo or a new Kepala.
"""

from __future__ import annotations

import datetime

from erkt.org.models import Organization, Position
from erkt.org.templatetags.indonesian import format_tanggal
from erkt.sop.document import logo_data_uri


def kop(organization: Organization) -> dict[str, str]:
    return {
        "pemerintah_daerah": organization.pemerintah_daerah,
        "name": organization.name,
        "short_name": organization.short_name,
        "address": organization.address,
        "city": organization.city,
        "logo": logo_data_uri(organization),
    }


def signatory(position: Position | None, *, fallback_title: str = "") -> dict[str, str]:
    """Who signs as the holder of `position` now: jabatan, name, pangkat, golongan, NIP."""
    holder = position.holders.first() if position is not None else None
    jabatan = position.title if position is not None else fallback_title
    if holder is None:
        return {"jabatan": jabatan, "name": "", "pangkat": "", "golongan": "", "nip": ""}
    label = holder.get_pangkat_display() if holder.pangkat else ""
    return {
        "jabatan": jabatan,
        "name": holder.full_name,
        # "Pembina Utama Muda (IV/c)" -> pangkat "Pembina Utama Muda", golongan "IV/c"
        "pangkat": label.split(" (")[0],
        "golongan": holder.pangkat or "",
        "nip": holder.nip_display,
    }


def tanggal(value: datetime.date | datetime.datetime | str | None, empty: str = "") -> str:
    """'29 November 2026' from a date, an aware datetime or an ISO string."""
    if isinstance(value, str):
        value = _parse_iso(value) if value else None
    return format_tanggal(value, empty)


def _parse_iso(text: str) -> datetime.date | datetime.datetime:
    if "T" in text or " " in text:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return datetime.date.fromisoformat(text)
