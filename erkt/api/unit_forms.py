"""Form RKT (steps 4-5): the overview of a process, one unit's form, its rows, sending, returning.

A unit head sees only their own unit's form: another unit's form answers 404. The
rows of a PUT are checked by the rules of the Excel upload and replace the whole
form, or nothing changes and every problem is listed.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from erkt.api.errors import ApiError
from erkt.api.rkt_schemas import FormOut, FormReturn, FormRowsIn, FormsOverview, FormSubmit
from erkt.org.models import Unit
from erkt.rkt.unit_forms import access, services
from erkt.rkt.unit_forms.excel import LETTER, FormFileError, read_form_values
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.pages import OverviewItem, form_context, overview_context
from erkt.rkt.unit_forms.rules import too_many_rows
from erkt.rkt.unit_forms.views import get_editable_form, get_form
from erkt.workflow.pages import get_process

router = Router(tags=["Form RKT"])

FIELD_OF_COLUMN = {letter: name for name, letter in LETTER.items()}


def _summary(
    form: FormRkt | None, unit: Unit, total: Decimal, pagu: Decimal, row_count: int
) -> dict:
    return {
        "id": form.pk if form else None,
        "process": form.process_id if form else None,
        "unit": unit.short_name,
        "unit_name": unit.name,
        "status": form.status if form else None,
        "row_count": row_count,
        "total_anggaran": total,
        "pagu": pagu,
        "submitted_at": form.submitted_at if form else None,
        "returned_at": form.returned_at if form else None,
        "return_reason": form.return_reason if form else "",
    }


def _item_data(item: OverviewItem, process_id: int) -> dict:
    data = _summary(item.form, item.unit, item.total, item.pagu, item.rows)
    data["process"] = process_id
    return data


def form_data(request: HttpRequest, form: FormRkt) -> dict:
    context = form_context(request.user, form)
    groups = context["groups"]
    rows = [row for group in groups for row in group.rows]
    return {
        **_summary(form, form.unit, context["total"], context["pagu_total"], len(rows)),
        "editable": context["may_edit"],
        "problems": context["problems"],
        "programs": [
            {
                "code": group.program.code,
                "name": group.program.name,
                "total": group.total,
                "pagu": group.pagu,
                "over_pagu": group.over_pagu,
            }
            for group in groups
        ],
        "rows": [
            {
                "id": row.pk,
                "number": row.number,
                "program": row.kegiatan.program.code,
                "kegiatan": row.kegiatan.code,
                "sub_kegiatan": row.sub_kegiatan.code if row.sub_kegiatan_id else None,
                "renstra_indikator": row.renstra_indikator_id,
                "sasaran_kegiatan": row.sasaran_kegiatan,
                "indikator": row.indikator,
                "satuan": row.satuan,
                "target": row.target,
                "anggaran": row.anggaran,
                "justifikasi": row.justifikasi,
                "version": row.version,
            }
            for row in rows
        ],
        "version": form.version,
    }


def _fresh(request: HttpRequest, form: FormRkt) -> dict:
    """The form as the service left it."""
    return form_data(request, get_form(request, form.pk))


@router.get(
    "/processes/{process_id}/forms",
    response=FormsOverview,
    summary="Rekap Form RKT: status, jumlah baris, total anggaran dan pagu per unit",
    description="Tim Perencanaan dan pimpinan melihat semua unit; kepala unit hanya unitnya.",
)
def forms_overview(request: HttpRequest, process_id: int) -> dict:
    process = get_process(request.user, process_id)
    context = overview_context(request.user, process)
    items = context["items"]
    if not access.reads_all_forms(request.user, process.organization_id):
        # A unit head finds the own form here; other units' forms do not exist for them.
        items = [i for i in items if i.form is not None and access.can_read(request.user, i.form)]
        if not items:
            raise PermissionDenied
    submitted = sum(1 for item in items if item.form is not None and item.form.is_submitted)
    return {
        "process": process.pk,
        "collecting": context["collecting"],
        "submitted": submitted,
        "waiting": len(items) - submitted,
        "total_anggaran": sum((item.total for item in items), Decimal(0)),
        "pagu": sum((item.pagu for item in items), Decimal(0)),
        "forms": [_item_data(item, process.pk) for item in items],
    }


@router.get("/forms/{form_id}", response=FormOut, summary="Satu Form RKT dengan barisnya")
def form_detail(request: HttpRequest, form_id: int) -> dict:
    return form_data(request, get_form(request, form_id))


def _row_problems(error: FormFileError) -> str:
    sentences = []
    for problem in error.errors:
        field = FIELD_OF_COLUMN.get(problem.column, "")
        where = _("Baris %(number)s") % {"number": problem.row}
        if field:
            where = f"{where} ({field})"
        sentences.append(f"{where}: {problem.message}")
    return " ".join(sentences)


@router.put(
    "/forms/{form_id}/rows",
    response=FormOut,
    summary="Ganti seluruh baris Form RKT (semua atau tidak sama sekali)",
)
def form_rows_replace(request: HttpRequest, form_id: int, payload: FormRowsIn) -> dict:
    form = get_editable_form(request, form_id)
    if not payload.rows:
        raise ApiError(422, _("Form RKT harus berisi paling sedikit satu baris."))
    if refusal := too_many_rows(len(payload.rows)):
        # Before reading the rows: the limit of the Excel upload and of the service.
        raise ApiError(422, refusal)
    try:
        rows = read_form_values(form, [row.dict() for row in payload.rows])
    except FormFileError as error:
        raise ApiError(422, _row_problems(error)) from error
    services.replace_rows(form, rows, by=request.user, version=payload.version)
    return _fresh(request, form)


@router.post(
    "/forms/{form_id}/submit",
    response=FormOut,
    summary="Kirim Form RKT ke Tim Perencanaan (kepala unit); tugas langkah 4 selesai",
)
def form_submit(request: HttpRequest, form_id: int, payload: FormSubmit) -> dict:
    form = get_editable_form(request, form_id)
    services.submit_form(form, by=request.user, on_behalf_reason=payload.on_behalf_reason)
    return _fresh(request, form)


@router.post(
    "/forms/{form_id}/return",
    response=FormOut,
    summary="Kembalikan Form RKT ke unitnya dengan alasan (Tim Perencanaan, langkah 5)",
)
def form_return(request: HttpRequest, form_id: int, payload: FormReturn) -> dict:
    form = get_form(request, form_id)
    if not access.reads_all_forms(request.user, form.process.organization_id):
        raise PermissionDenied
    services.return_form(
        form,
        by=request.user,
        reason=payload.reason,
        on_behalf_reason=payload.on_behalf_reason,
    )
    return _fresh(request, form)
