"""The parts every document snapshot shares: the kop, the signatory, dates in Indonesian.

They copy what they print (names, NIP, pangkat, the logo itself) so a document issued
today prints the same after a mutation, a new logo or a new Kepala.
"""

from __future__ import annotations

import datetime

from erkt.org.models import Organization, Position
from erkt.org.substitutes import substitution_for
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
    return {"jabatan": jabatan, **_person(holder)}


def acting_signatory(
    position: Position | None, user, on_date: datetime.date, *, fallback_title: str = ""
) -> dict[str, str]:
    """Who signs in `position`: `user` as its Plt./Plh. on `on_date` ("Plh. Kepala Bidang
    PSDM" with the substitute's name and NIP), else the holder (signatory)."""
    employee = getattr(user, "employee", None) if user is not None else None
    acting = (
        substitution_for(employee, position, on_date)
        if employee is not None and position is not None
        else None
    )
    if acting is None:
        return signatory(position, fallback_title=fallback_title)
    return {**_person(employee), "jabatan": acting.title}


def _person(employee) -> dict[str, str]:
    label = employee.get_pangkat_display() if employee.pangkat else ""
    return {
        "name": employee.full_name,
        # "Pembina Utama Muda (IV/c)" -> pangkat "Pembina Utama Muda", golongan "IV/c"
        "pangkat": label.split(" (")[0],
        "golongan": employee.pangkat or "",
        "nip": employee.nip_display,
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
