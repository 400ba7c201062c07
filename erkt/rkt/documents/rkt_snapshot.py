"""The snapshot of a Draft RKT version: everything its documents print, as plain JSON.

Taken from the version itself (its rows are already copies), its corrections as
they stand when the document is issued, the kop and, for the final RKT, the
Kepala Badan who signs it. The renderers read this dict only.
"""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from erkt.documents.snapshots import acting_signatory, kop, tanggal
from erkt.org.models import Organization, Role
from erkt.org.substitutes import today_in
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow

SCHEMA = 1
ROW_FIELDS = (
    "key",
    "section",
    "sasaran_code",
    "sasaran_strategis",
    "indikator",
    "satuan",
    "target",
    "program_code",
    "program_name",
    "kegiatan_code",
    "kegiatan_name",
    "sub_kegiatan_code",
    "sub_kegiatan_name",
    "sasaran_kegiatan",
    "unit_name",
)


def version_snapshot(draft: DraftRkt) -> dict:
    """Everything the documents of this version print (Indonesian, whatever the UI language)."""
    process = draft.process
    organization = process.organization
    with translation.override("id"):
        rows = list(draft.rows.order_by("order"))
        snapshot = {
            "schema": SCHEMA,
            "year": process.year,
            "version": draft.number,
            "is_final": draft.is_final,
            "title": final_title(process.year),
            "kop": kop(organization),
            "created_on": tanggal(_local(draft.created_at, organization)),
            "created_by": _name(draft.created_by),
            "note": draft.note,
            "rows": [_row(row) for row in rows],
            "total": str(sum((row.anggaran or Decimal(0) for row in rows), Decimal(0))),
            "corrections": _corrections(draft, {row.key: row for row in rows}),
            "sesuai_count": draft.corrections.filter(verdict=Correction.Verdict.SESUAI).count(),
        }
        if draft.is_final:
            snapshot["signature"] = _signature(draft, organization)
    return snapshot


def final_title(year: int) -> str:
    return f"RENCANA KINERJA TAHUNAN (RKT) TAHUN {year}"


def _row(row: DraftRow) -> dict:
    values = {name: getattr(row, name) for name in ROW_FIELDS}
    values["anggaran"] = None if row.anggaran is None else str(row.anggaran)
    return values


def _corrections(draft: DraftRkt, rows: dict[str, DraftRow]) -> list[dict]:
    corrections = (
        draft.corrections.exclude(verdict=Correction.Verdict.SESUAI)
        .select_related("unit", "author__employee", "decided_by__employee", "resolved_in")
        .order_by("source", "unit__order", "created_at", "pk")
    )
    return [
        _correction(number, correction, rows.get(correction.row_key))
        for number, correction in enumerate(corrections, start=1)
    ]


def _correction(number: int, correction: Correction, row: DraftRow | None) -> dict:
    if row is not None:
        subject = row.title
        indikator = row.indikator
    else:
        subject = correction.row_key or _("Seluruh Draft RKT")
        indikator = ""
    old = ""
    if correction.proposed_value and row is not None and hasattr(row, correction.field):
        value = getattr(row, correction.field)
        old = "" if value is None else str(value)
    resolved = correction.resolved_in
    return {
        "number": number,
        "source": correction.get_source_display(),
        "unit": correction.unit.short_name if correction.unit else "",
        "author": _name(correction.author),
        "author_jabatan": _jabatan(correction.author),
        "created_on": tanggal(correction.created_at),
        "subject": subject,
        "indikator": indikator,
        "field": correction.field,
        "field_label": correction.get_field_display(),
        "verdict": correction.get_verdict_display(),
        "old_value": old,
        "is_amount": correction.field == Correction.Field.ANGGARAN,
        "proposed_value": correction.proposed_value,
        "comment": correction.comment,
        "status": correction.status,
        "status_label": correction.get_status_display(),
        "decided_by": _name(correction.decided_by) if correction.decided_by else "",
        "decided_on": tanggal(correction.decided_at) if correction.decided_at else "",
        "decision_reason": correction.decision_reason,
        "resolved_in": resolved.number if resolved is not None else None,
    }


def _signature(draft: DraftRkt, organization: Organization) -> dict:
    head = organization.positions.filter(role=Role.KEPALA).first()
    signed_on = _local(draft.frozen_at, organization) if draft.frozen_at else None
    # A Plt. Kepala Badan freezes (and signs) the final version: "Plt. Kepala Badan ...".
    person = acting_signatory(
        head, draft.frozen_by, signed_on or today_in(organization), fallback_title=_("Kepala Badan")
    )
    title, acting = person["jabatan"], ""
    for prefix in ("Plt. ", "Plh. "):
        if title.startswith(prefix):
            title, acting = title.removeprefix(prefix), prefix
    return {
        "place_date": f"{organization.city}, {tanggal(signed_on)}".strip(", "),
        "jabatan": acting + full_jabatan(title, organization),
        "name": person["name"],
        "pangkat": person["pangkat"],
        "golongan": person["golongan"],
        "nip": person["nip"],
    }


def full_jabatan(title: str, organization: Organization) -> str:
    """'Kepala Badan' -> 'Kepala Badan Kepegawaian ... Kabupaten Balangan', as a signature
    block names the head of the organisation; any other title stays as it is."""
    first_word = organization.name.split(" ", 1)[0]
    if title.strip().lower() != f"kepala {first_word}".lower():
        return title
    region = organization.pemerintah_daerah.removeprefix("Pemerintah ").strip()
    return f"Kepala {organization.name} {region}".strip()


def _local(moment: datetime.datetime, organization: Organization) -> datetime.date:
    return moment.astimezone(zoneinfo.ZoneInfo(organization.time_zone)).date()


def _jabatan(user) -> str:
    """The jabatan the commenter holds (the Sekretaris comments as Sekretaris, not as the
    unit whose row she comments on)."""
    employee = getattr(user, "employee", None) if user is not None else None
    position = employee.positions.order_by("pk").first() if employee is not None else None
    return position.title if position is not None else ""


def _name(user) -> str:
    if user is None:
        return ""
    employee = getattr(user, "employee", None)
    return employee.full_name if employee is not None else user.get_username()
