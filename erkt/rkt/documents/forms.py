"""Each unit's Form RKT as submitted: PDF, DOCX and XLSX, printed from a snapshot.

The snapshot is taken when the unit sends the form (erkt.rkt.unit_forms.services.
submit_form) and again whenever it is printed while sent; a form returned and sent
again with other values gets a new document, and the earlier one keeps the values
the Tim Perencanaan received then.
"""

from __future__ import annotations

import zoneinfo
from decimal import Decimal

from django.utils import timezone, translation

from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.documents.snapshots import acting_signatory, kop, tanggal
from erkt.org.access import positions_of, unwrapped
from erkt.rkt.unit_forms.models import FormRkt, group_rows
from erkt.workflow.models import Process

SCHEMA = 1
FORM = "rkt.form"


def form_key(form: FormRkt) -> str:
    return f"form:{form.pk}"


def form_title(year: int, unit_name: str) -> str:
    return f"Form RKT Tahun {year} {unit_name}"


def form_snapshot(form: FormRkt) -> dict:
    """Everything the form's documents print: the rows per program and kegiatan, totals, pagu."""
    process = form.process
    organization = process.organization
    sent = form.submitted_at or timezone.now()
    sent_on = sent.astimezone(zoneinfo.ZoneInfo(organization.time_zone)).date()
    with translation.override("id"):
        rows = form.rows.select_related("kegiatan__program", "sub_kegiatan")
        groups = group_rows(list(rows), form.unit_pagu_by_program())
        programs = [_program(group) for group in groups]
        total = sum((group.total for group in groups), Decimal(0))
        pagu = sum(form.unit_pagu_by_program().values(), Decimal(0))
        return {
            "schema": SCHEMA,
            "year": process.year,
            "kop": kop(organization),
            "unit": {"name": form.unit.name, "short_name": form.unit.short_name},
            "submitted_on": tanggal(sent_on),
            "programs": programs,
            "row_count": sum(len(k["rows"]) for p in programs for k in p["kegiatan"]),
            "total": str(total),
            "pagu": str(pagu),
            "signature": {
                "place_date": f"{organization.city}, {tanggal(sent_on)}",
                # Sent by a Plh. of the unit head: "Plh. Kepala Bidang ..." and their name.
                **acting_signatory(
                    form.unit.head_position,
                    form.submitted_by,
                    sent_on,
                    fallback_title=f"Kepala {form.unit.name}",
                ),
            },
        }


def _program(group) -> dict:
    return {
        "code": group.program.code,
        "name": group.program.name,
        "pagu": str(group.pagu),
        "total": str(group.total),
        "over_pagu": group.over_pagu,
        "kegiatan": [
            {
                "code": kegiatan.kegiatan.code,
                "name": kegiatan.kegiatan.name,
                "total": str(kegiatan.total),
                "rows": [_row(row) for row in kegiatan.rows],
            }
            for kegiatan in group.kegiatan
        ],
    }


def _row(row) -> dict:
    return {
        "code": row.code,
        "sasaran": row.sasaran_kegiatan,
        "indikator": row.indikator,
        "satuan": row.satuan,
        "target": row.target,
        "anggaran": str(row.anggaran),
        "justifikasi": row.justifikasi,
    }


def issue_form_document(form: FormRkt, *, by) -> IssuedDocument:
    """Issue (or reuse, when unchanged) the document of the form as it stands."""
    process = form.process
    return issue(
        kind=FORM,
        key=form_key(form),
        title=form_title(process.year, form.unit.name),
        snapshot=form_snapshot(form),
        organization=process.organization,
        process=process,
        by=by,
    )


def latest_form_document(form: FormRkt) -> IssuedDocument | None:
    """The document of the form's last sending, if it was ever sent."""
    return (
        IssuedDocument.objects.filter(process_id=form.process_id, kind=FORM, key=form_key(form))
        .order_by("-issued_at", "-pk")
        .first()
    )


def printable_form_document(form: FormRkt, *, by) -> IssuedDocument | None:
    """What "print" gives: the form as sent now, or (returned) as it was last sent; else None."""
    if form.is_submitted:
        return issue_form_document(form, by=by)
    return latest_form_document(form)


def form_documents(process: Process, *, by) -> list[IssuedDocument]:
    """The archive provider: every sending of every unit's form (the current ones issued now)."""
    for form in process.unit_forms.filter(status=FormRkt.Status.SUBMITTED).select_related(
        "unit__head_position", "process__organization"
    ):
        issue_form_document(form, by=by)
    return list(
        IssuedDocument.objects.filter(process=process, kind=FORM).order_by("key", "issued_at", "pk")
    )


def _readable_by(document, user) -> bool:
    """The unit's own head and the readers of every form, as on the form's page."""
    from erkt.rkt.unit_forms.access import can_read, reads_all_forms

    if reads_all_forms(user, document.organization_id):  # the usual reader: no form lookup
        return True
    heads = _form_heads(user, document.organization_id)
    if document.key in heads:
        head_id = heads[document.key]
        return bool(head_id) and any(p.pk == head_id for p in positions_of(user))
    # A form made since the heads were read: looked up alone.
    form = (
        FormRkt.objects.select_related("unit", "process")
        .filter(pk=document.key.removeprefix("form:"))
        .first()
    )
    return form is not None and can_read(user, form)


def _form_heads(user, organization_id: int) -> dict[str, int | None]:
    """Each form's key and its unit's head position, of the organisation's forms: read once
    a request (kept on the user object, as their positions are) where a list of documents
    (the Arsip of a unit head) looked each form up by its own query."""
    user = unwrapped(user)
    kept = getattr(user, "_erkt_form_heads", None)
    if kept is None:
        kept = user._erkt_form_heads = {}
    heads = kept.get(organization_id)
    if heads is None:
        pairs = FormRkt.objects.filter(process__organization_id=organization_id).values_list(
            "pk", "unit__head_position_id"
        )
        heads = kept[organization_id] = {f"form:{pk}": head for pk, head in pairs}
    return heads


def _register() -> None:
    from erkt.rkt.documents import form_render as render

    registry.register(
        registry.DocumentType(
            kind=FORM,
            label="Form RKT",
            filename=lambda s: f"Form-RKT-{s['year']}-{s['unit']['short_name']}",
            pdf=render.form_pdf,
            docx=render.form_docx,
            xlsx=render.form_xlsx,
            readable_by=_readable_by,
        )
    )
    registry.register_provider(form_documents)


_register()
