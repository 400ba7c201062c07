"""Two documents every archived process carries, whatever its SOP: the SOP version it ran
(its official PDF) and the audit report (who did what, when, in which jabatan).

Both are issued documents like the others, so their PDFs are rendered once, stored and
packed into the bundle as stored. The audit report is issued once the process is complete
(inside the archiving transaction, after the archiving task completed), so it holds every
entry up to the completion; the archive's own entry follows the bundle and is not in it.
"""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from erkt.audit.models import AuditEntry
from erkt.documents import registry
from erkt.documents.archive.bundle import _bound_objects
from erkt.documents.models import IssuedDocument
from erkt.documents.pdf import render_pdf
from erkt.documents.services import issue
from erkt.documents.snapshots import kop, tanggal
from erkt.org.access import roles_of
from erkt.org.templatetags.indonesian import BULAN
from erkt.workflow.models import Process
from erkt.workflow.pages import ACTION_LABELS, QUIET_ACTIONS
from erkt.workflow.permissions import UNIT_OVERSEER_ROLES, is_admin_of

SCHEMA = 1
SOP = "sop.dokumen"
AUDIT_REPORT = "audit.laporan"
ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
USER_REPR = re.compile(r"^\S+ \((?P<name>.+)\)$")
# What each logged action means, for the reader of the report (an unknown one prints its key).
REPORT_LABELS = {
    **ACTION_LABELS,
    "disposisi.save": "Mengisi lembar disposisi",
    "rencana.save": "Menyusun rencana penyusunan",
    "rapat.save": "Mencatat undangan rapat sosialisasi",
    "rapat.attendance": "Mencatat kehadiran dan notulen",
    "form_rkt.issue": "Membuat Form RKT unit",
    "form_rkt.row_change": "Mengubah baris Form RKT",
    "form_rkt.row_add": "Menambah baris Form RKT",
    "form_rkt.row_delete": "Menghapus baris Form RKT",
    "form_rkt.upload": "Mengisi Form RKT lewat Excel",
    "form_rkt.submit": "Mengirim Form RKT",
    "form_rkt.return": "Mengembalikan Form RKT",
    "rkt.draft.compile": "Mengompilasi Draft RKT",
    "rkt.draft.next_version": "Membuat versi Draft RKT berikutnya",
    "rkt.draft.freeze": "Menetapkan versi final RKT",
    "rkt.correction.add": "Memberi koreksi/komentar",
    "rkt.correction.withdraw": "Menarik koreksi",
    "document.sign": "Menandatangani dokumen",
    "archive.berkas.create": "Mengarsipkan berkas",
}


# --- The SOP version the process ran ------------------------------------------------------


def sop_snapshot(process: Process) -> dict[str, Any]:
    version = process.sop_version
    return {
        "schema": SCHEMA,
        "kop": kop(process.organization),
        "sop_version": version.pk,
        "code": version.sop.code,
        "number": version.number,
        "nomor": version.nomor,
        "judul": version.judul,
        "draft": version.status == version.Status.DRAFT,
        "created_on": str(version.tanggal_efektif or version.tanggal_pembuatan or ""),
    }


def sop_pdf(snapshot: dict[str, Any]) -> bytes:
    """The official SOP document of the version the snapshot names.

    A version other than a draft never changes (erkt.sop.models), and the PDF is stored once
    when issued; the watermark of a version superseded since is left out: the process ran
    while it was in force."""
    from erkt.sop.document import render_pdf as sop_render_pdf
    from erkt.sop.models import SopVersion

    version = SopVersion.objects.select_related("sop__organization").get(pk=snapshot["sop_version"])
    return sop_render_pdf(version, watermark="DRAF" if snapshot["draft"] else "")


# --- The audit report ---------------------------------------------------------------------


def _when(entry: AuditEntry, zone: zoneinfo.ZoneInfo) -> str:
    moment = entry.created_at.astimezone(zone)
    return f"{moment.day} {BULAN[moment.month - 1][:3]} {moment.year} {moment:%H.%M.%S}"


def _actor(entry: AuditEntry) -> str:
    """The name as logged at the time ("kepala (Dr. H. ...)" -> the name)."""
    match = USER_REPR.match(entry.user_repr)
    return match["name"] if match else (entry.user_repr or _("Sistem"))


def audit_entries(process: Process):
    """The entries of the process and of every record bound to it, as the bundle's extract."""
    condition = Q()
    for label, ids in _bound_objects(process).items():
        condition |= Q(object_type=label, object_id__in=ids)
    return AuditEntry.objects.filter(condition, organization_id=process.organization_id).order_by(
        "seq"
    )


def audit_report_snapshot(process: Process) -> dict[str, Any]:
    organization = process.organization
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    every = list(audit_entries(process))
    last = every[-1] if every else None
    # The engine's bookkeeping (a step opened or done) follows someone's action already
    # listed; it is shown when it carries a reason, as on the process page.
    entries = [e for e in every if e.action not in QUIET_ACTIONS or e.reason]
    with translation.override("id"):
        return {
            "schema": SCHEMA,
            "kop": kop(organization),
            "process": str(process),
            "year": process.year,
            "zone": ZONES.get(organization.time_zone, organization.time_zone),
            "mulai": tanggal(process.start_date),
            "selesai": tanggal(last.created_at.astimezone(zone).date()) if last else "",
            "created_on": str(last.created_at.astimezone(zone).date()) if last else "",
            "entries": [
                {
                    "no": number,
                    "seq": entry.seq,
                    "waktu": _when(entry, zone),
                    "pelaku": _actor(entry),
                    "jabatan": entry.position_repr,
                    "tindakan": str(REPORT_LABELS.get(entry.action, entry.action)),
                    "objek": entry.object_repr,
                    "alasan": entry.reason,
                }
                for number, entry in enumerate(entries, start=1)
            ],
            "head": {"seq": last.seq, "hash": last.hash} if last else None,
            "left_out": len(every) - len(entries),
        }


def audit_report_pdf(snapshot: dict[str, Any]) -> bytes:
    return render_pdf(
        "documents/archive/audit_report.html", {"kop": snapshot["kop"], "s": snapshot}
    )


def may_read_audit_report(document: IssuedDocument, user: Any) -> bool:
    """The whole trail, every unit's included: the planning line and the administrator."""
    return bool(roles_of(user) & UNIT_OVERSEER_ROLES) or is_admin_of(user, document.organization_id)


# --- Issuing, and the archive provider ----------------------------------------------------


def issue_sop_document(process: Process, *, by) -> IssuedDocument:
    version = process.sop_version
    return issue(
        kind=SOP,
        key=f"sop-version:{version.pk}",
        title=f"SOP {version.judul} (versi {version.number})",
        snapshot=sop_snapshot(process),
        organization=process.organization,
        process=process,
        by=by,
    )


def issue_audit_report(process: Process, *, by) -> IssuedDocument:
    return issue(
        kind=AUDIT_REPORT,
        key="laporan-audit",
        title=f"Laporan Jejak Audit {process}",
        snapshot=audit_report_snapshot(process),
        organization=process.organization,
        process=process,
        by=by,
    )


@registry.register_provider
def process_records(process: Process, *, by) -> list[IssuedDocument]:
    """For the archive: the SOP version the process ran, and once the process is complete,
    its audit report."""
    documents = [issue_sop_document(process, by=by)]
    if process.status == Process.Status.COMPLETED:
        documents.append(issue_audit_report(process, by=by))
    return documents


registry.register(
    registry.DocumentType(
        kind=SOP,
        label="SOP yang dijalankan",
        filename=lambda s: f"SOP-{s['code']}-v{s['number']}",
        pdf=sop_pdf,
    )
)
registry.register(
    registry.DocumentType(
        kind=AUDIT_REPORT,
        label="Laporan jejak audit",
        filename=lambda s: f"Laporan-Jejak-Audit-{s['year']}",
        pdf=audit_report_pdf,
        readable_by=may_read_audit_report,
    )
)
