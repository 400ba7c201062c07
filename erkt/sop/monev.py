"""Monev SOP: the evaluation form's life (create pre-filled, edit, sign off, revise) and its
issued document (the official form as PDF/A and DOCX, rendered from the snapshot only)."""

from __future__ import annotations

import zoneinfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.documents.snapshots import kop, signatory, tanggal
from erkt.sop.evaluation import measure, period_bounds, propose, waktu_of
from erkt.sop.models import SopVersion, SopVersionError
from erkt.sop.monev_models import SopEvaluation, SopEvaluationItem

KIND = "sop.evaluasi"
SCHEMA = 1
SEMESTER = {1: "Semester I (Januari s.d. Juni)", 2: "Semester II (Juli s.d. Desember)"}


class EvaluationError(SopVersionError):
    """A refused change of an evaluation; `message` is in Bahasa Indonesia."""


def create_evaluation(
    version: SopVersion, *, year: int, semester: int, late_share: int, by
) -> SopEvaluation:
    """The form of the period, pre-filled from the measurements of the version."""
    if version.is_draft:
        raise EvaluationError(gettext("Versi draf belum dijalankan: tidak ada yang dievaluasi."))
    with transaction.atomic():
        if SopEvaluation.objects.filter(version=version, year=year, semester=semester).exists():
            raise EvaluationError(gettext("Evaluasi untuk periode ini sudah ada."))
        measurement = measure(version, period_bounds(year, semester))
        evaluation = SopEvaluation.objects.create(
            version=version,
            year=year,
            semester=semester,
            late_share=late_share,
            process_count=len(measurement.processes),
            created_by=by,
        )
        SopEvaluationItem.objects.bulk_create(
            SopEvaluationItem(
                evaluation=evaluation,
                step_number=proposal.step_number,
                uraian=proposal.uraian,
                berjalan_baik=proposal.berjalan_baik,
                catatan=proposal.catatan,
                tindakan=proposal.tindakan,
                proposed_waktu=proposal.proposed_waktu,
            )
            for proposal in propose(measurement, late_share)
        )
    return evaluation


def _locked_draft(evaluation: SopEvaluation) -> SopEvaluation:
    current = SopEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not current.is_draft:
        raise EvaluationError(gettext("Evaluasi yang sudah disahkan tidak dapat diubah."))
    return current


def save_items(evaluation: SopEvaluation, values: dict[int, dict]) -> None:
    """Store the edited rows ({item pk: {berjalan_baik, catatan, tindakan, proposed_waktu}})
    all together, or none when the evaluation is no longer a draft."""
    with transaction.atomic():
        _locked_draft(evaluation)
        for item in evaluation.items.all():
            if item.pk in values:
                for name, value in values[item.pk].items():
                    setattr(item, name, value)
                item.save()


def sign_off(evaluation: SopEvaluation, *, by) -> None:
    """The Kepala Badan's approval: the evaluation is final and its signatory kept."""
    with transaction.atomic():
        current = _locked_draft(evaluation)
        organization = current.version.sop.organization
        current.status = SopEvaluation.Status.SIGNED
        current.signed_by = by
        current.signed_at = timezone.now()
        current.signatory = signatory(organization.head, fallback_title="Kepala Badan")
        current.save()
    evaluation.refresh_from_db()


def start_revision(evaluation: SopEvaluation) -> SopVersion:
    """ "Revisi SOP": a new draft version of the evaluated (active) version with the Waktu of
    every step judged not running well raised as proposed, recorded with the evaluation."""
    with transaction.atomic():
        current = SopEvaluation.objects.select_for_update().get(pk=evaluation.pk)
        version = current.version
        if current.is_draft:
            raise EvaluationError(gettext("Evaluasi harus disahkan Kepala Badan lebih dahulu."))
        if current.revision_id is not None:
            raise EvaluationError(gettext("Revisi SOP dari evaluasi ini sudah dibuat."))
        if version.status != SopVersion.Status.ACTIVE:
            raise EvaluationError(gettext("Versi yang dievaluasi sudah tidak berlaku."))
        draft = version.new_draft()
        steps = {step.number: step for step in draft.steps.all()}
        for item in current.items.all():
            step = steps.get(item.step_number)
            if step is None or item.berjalan_baik or not item.proposed_waktu:
                continue
            step.waktu_amount, step.waktu_unit = waktu_of(step, item.proposed_waktu)
            step.save(update_fields=["waktu_amount", "waktu_unit"])
        draft.tanggal_revisi = timezone.localdate()
        draft.save(update_fields=["tanggal_revisi"])
        current.revision = draft
        current.save(update_fields=["revision"])
    evaluation.refresh_from_db()
    return draft


# --- The issued document ---------------------------------------------------------------------


def snapshot_of(evaluation: SopEvaluation) -> dict:
    version = evaluation.version
    organization = version.sop.organization
    signed_on = evaluation.signed_at.astimezone(zoneinfo.ZoneInfo(organization.time_zone)).date()
    person = evaluation.signatory or {}
    return {
        "schema": SCHEMA,
        "kop": kop(organization),
        "sop": {
            "code": version.sop.code,
            "judul": version.judul,
            "nomor": version.nomor,
            "versi": version.number,
        },
        "periode": f"{SEMESTER[evaluation.semester]} {evaluation.year}",
        "year": evaluation.year,
        "semester": evaluation.semester,
        "process_count": evaluation.process_count,
        "late_share": evaluation.late_share,
        "items": [
            {
                "no": item.step_number,
                "uraian": item.uraian,
                "baik": item.berjalan_baik,
                "catatan": item.catatan,
                "tindakan": item.tindakan,
            }
            for item in evaluation.items.order_by("step_number")
        ],
        "signed_on": tanggal(signed_on),
        "signature": {
            "place_date": f"{organization.city}, {tanggal(signed_on)}",
            **person,
        },
    }


def issue_evaluation(evaluation: SopEvaluation, *, by) -> IssuedDocument:
    version = evaluation.version
    return issue(
        kind=KIND,
        key=f"{version.sop.code}-v{version.number}-{evaluation.year}-{evaluation.semester}",
        title=(
            f"Evaluasi Penerapan SOP {version.judul} "
            f"{SEMESTER[evaluation.semester].split(' (')[0]} {evaluation.year}"
        ),
        snapshot=snapshot_of(evaluation),
        organization=version.sop.organization,
        by=by,
    )


def filename(snapshot: dict) -> str:
    sop = snapshot["sop"]
    return f"Evaluasi-SOP-{sop['code']}-v{sop['versi']}-{snapshot['year']}-S{snapshot['semester']}"


def render_pdf(snapshot: dict) -> bytes:
    from erkt.documents.pdf import render_pdf as write

    return write("sop/evaluation_pdf.html", {"kop": snapshot["kop"], "s": snapshot})


def render_docx(s: dict) -> bytes:
    from erkt.documents import docx as word

    document = word.new_document(landscape=True)
    word.add_kop(document, s["kop"])
    word.add_title(document, "FORMULIR MONITORING DAN EVALUASI PENERAPAN SOP", s["sop"]["judul"])
    nomor = s["sop"]["nomor"] or "-"
    for line in (
        f"Nomor SOP: {nomor} (versi {s['sop']['versi']})",
        f"Periode evaluasi: {s['periode']}",
        f"Jumlah proses yang selesai: {s['process_count']}",
    ):
        document.add_paragraph(line)
    rows = [
        [
            str(item["no"]),
            item["uraian"],
            "Ya" if item["baik"] else "",
            "" if item["baik"] else "Tidak",
            item["catatan"],
            item["tindakan"],
        ]
        for item in s["items"]
    ]
    word.add_table(
        document,
        ["No", "Prosedur", "Berjalan baik: Ya", "Tidak", "Catatan hasil penilaian", "Tindakan"],
        rows,
        widths_cm=(1, 7, 1.6, 1.6, 8, 6),
    )
    word.add_signature(document, s["signature"])
    return word.to_bytes(document, title="Evaluasi Penerapan SOP", snapshot=s)


def _readable(document: IssuedDocument, user) -> bool:
    from erkt.sop.monev_access import may_read

    return may_read(user, document.organization_id)


registry.register(
    registry.DocumentType(
        kind=KIND,
        label="Formulir Evaluasi Penerapan SOP",
        filename=filename,
        pdf=render_pdf,
        docx=render_docx,
        readable_by=_readable,
    )
)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
