"""Draft RKT (steps 6-10): versions, their rows and totals, diffs, corrections and decisions.

Everyone of the organisation reads; writing goes through the same services as the
RKT pages, which check that the caller is the actor of the open step:
compiling (6) and the next version (8) are one POST, verdicts (7) and reviewer
comments (9, 10) another. Step 10's "ya" is completing its task (POST
/tasks/{id}/complete), which freezes the current version as final.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from erkt.api.errors import ApiError
from erkt.api.rkt_schemas import (
    CorrectionIn,
    CorrectionOut,
    DiffOut,
    DraftCreate,
    DraftOut,
    DraftSummary,
    Marked,
)
from erkt.org.access import organization_of
from erkt.rkt.drafts import corrections as services
from erkt.rkt.drafts.access import StepClosed, get_process, get_version, step_task
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.drafts.diff import diff
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow
from erkt.rkt.drafts.steps import KOREKSI_UNIT, REVIEW_STEPS, SUSUN_DRAFT
from erkt.rkt.drafts.table import build_table
from erkt.rkt.drafts.versions import make_next_version
from erkt.workflow.models import Process, StepRun, Task

router = Router(tags=["Draft RKT"])


def drafts_of(request: HttpRequest) -> QuerySet[DraftRkt]:
    return DraftRkt.objects.filter(process__organization=organization_of(request.user))


def get_draft(request: HttpRequest, draft_id: int) -> DraftRkt:
    draft = (
        drafts_of(request)
        .select_related("process__organization", "created_by")
        .filter(pk=draft_id)
        .first()
    )
    if draft is None:
        raise Http404
    return draft


def draft_summary(draft: DraftRkt, row_count: int, total: Decimal | None) -> dict:
    return {
        "id": draft.pk,
        "process": draft.process_id,
        "number": draft.number,
        "status": draft.status,
        "note": draft.summary,
        "created_by": draft.created_by.get_username(),
        "created_at": draft.created_at,
        "frozen_at": draft.frozen_at,
        "row_count": row_count,
        "total_anggaran": total or Decimal(0),
    }


def row_data(row: DraftRow) -> dict:
    return {
        "key": row.key,
        "order": row.order,
        "level": row.level,
        **row.content(),
        "unit": row.unit.short_name if row.unit_id else None,
    }


def draft_data(draft: DraftRkt) -> dict:
    rows = list(draft.rows.select_related("unit"))
    table = build_table(rows)
    return {
        **draft_summary(draft, table.row_count, table.total),
        "program_totals": [
            {"code": p.code, "name": p.name, "amount": p.amount} for p in table.program_totals
        ],
        "rows": [row_data(row) for row in rows],
    }


@router.get(
    "/processes/{process_id}/drafts",
    response=list[DraftSummary],
    summary="Versi-versi Draft RKT sebuah pelaksanaan",
)
def draft_list(request: HttpRequest, process_id: int) -> list[dict]:
    process = get_process(request, process_id)
    versions = (
        DraftRkt.objects.filter(process=process)
        .select_related("created_by")
        .annotate(row_count=Count("rows"), total=Sum("rows__anggaran"))
        .order_by("number")
    )
    return [draft_summary(draft, draft.row_count, draft.total) for draft in versions]


@router.get(
    "/drafts/{draft_id}",
    response=DraftOut,
    summary="Satu versi Draft RKT: baris, total per program dan total anggaran",
)
def draft_detail(request: HttpRequest, draft_id: int) -> dict:
    return draft_data(get_draft(request, draft_id))


class DiffQuery(Schema):
    from_version: int | None = Field(None, alias="from", description="Bawaan: versi sebelumnya.")
    to_version: int | None = Field(None, alias="to", description="Bawaan: versi terbaru.")


@router.get(
    "/processes/{process_id}/diff",
    response=DiffOut,
    summary="Perubahan antara dua versi: baris ditambah, dihapus dan diubah (lama -> baru)",
)
def draft_diff(request: HttpRequest, process_id: int, query: Query[DiffQuery]) -> dict:
    process = get_process(request, process_id)
    numbers = list(process.drafts.order_by("number").values_list("number", flat=True))
    if not numbers:
        raise ApiError(404, _("Belum ada Draft RKT."))
    to_number = numbers[-1] if query.to_version is None else query.to_version
    from_number = query.from_version
    if from_number is None:
        from_number = max(to_number - 1, numbers[0])
    result = diff(get_version(process, from_number), get_version(process, to_number))
    return {
        "from_version": from_number,
        "to_version": to_number,
        "added": [row_data(row) for row in result.added],
        "removed": [row_data(row) for row in result.removed],
        "changed": [
            {
                "key": change.key,
                "row": row_data(change.new),
                "changes": [
                    {
                        "field": c.field,
                        "label": c.label,
                        "old": None if c.old is None else str(c.old),
                        "new": None if c.new is None else str(c.new),
                    }
                    for c in change.changes
                ],
            }
            for change in result.changed
        ],
    }


def _step_active(process: Process, number: int) -> bool:
    return process.step_runs.filter(number=number, status=StepRun.Status.ACTIVE).exists()


@router.post(
    "/processes/{process_id}/drafts",
    response={201: DraftOut},
    summary="Langkah 6: kompilasi versi 1. Langkah 8: versi berikutnya, setiap koreksi diputuskan",
)
def draft_create(request: HttpRequest, process_id: int, payload: DraftCreate) -> Status:
    process = get_process(request, process_id)
    if _step_active(process, SUSUN_DRAFT):
        decisions = {pk: (d.decision, d.reason) for pk, d in payload.decisions.items()}
        draft = make_next_version(process, by=request.user, decisions=decisions)
    elif payload.decisions:
        raise ApiError(
            422, _("Koreksi hanya diputuskan pada langkah %(number)s.") % {"number": SUSUN_DRAFT}
        )
    else:
        draft = compile_draft(process, by=request.user)
    return Status(201, draft_data(draft))


# --- Corrections -----------------------------------------------------------------------------


def correction_data(correction: Correction, rows: dict[str, DraftRow]) -> dict:
    row = rows.get(correction.row_key)
    return {
        "id": correction.pk,
        "draft": correction.draft_id,
        "version": correction.draft.number,
        "row_key": correction.row_key,
        "row_title": row.title if row is not None else "",
        "field": correction.field,
        "unit": correction.unit.short_name if correction.unit_id else None,
        "author": correction.author.get_username(),
        "source": correction.source,
        "verdict": correction.verdict,
        "comment": correction.comment,
        "proposed_value": correction.proposed_value,
        "status": correction.status,
        "created_at": correction.created_at,
        "decided_by": correction.decided_by.get_username() if correction.decided_by_id else None,
        "decided_at": correction.decided_at,
        "decision_reason": correction.decision_reason,
        "resolved_in": correction.resolved_in.number if correction.resolved_in_id else None,
    }


def _with_relations(corrections: QuerySet[Correction]) -> QuerySet[Correction]:
    return corrections.select_related("draft", "unit", "author", "decided_by", "resolved_in")


@router.get(
    "/drafts/{draft_id}/corrections",
    response=list[CorrectionOut],
    summary="Hasil pemeriksaan dan koreksi atas satu versi, dan tindak lanjutnya",
)
def correction_list(request: HttpRequest, draft_id: int) -> list[dict]:
    draft = get_draft(request, draft_id)
    rows = {row.key: row for row in draft.rows.all()}
    corrections = _with_relations(draft.corrections.all()).order_by(
        "source", "unit__order", "created_at", "pk"
    )
    return [correction_data(correction, rows) for correction in corrections]


def _my_task(request: HttpRequest, draft: DraftRkt, numbers: tuple[int, ...]) -> Task:
    """The caller's open task of one of the steps, on the version under review."""
    process = draft.process
    try:
        task = step_task(request, process, numbers)
    except StepClosed:
        raise ApiError(
            409, _("Langkah pemeriksaan Draft RKT tidak sedang terbuka untuk Anda.")
        ) from None
    latest = DraftRkt.objects.latest_of(process)
    if latest.pk != draft.pk:
        raise ApiError(
            409,
            _("Yang diperiksa adalah versi terbaru, versi %(number)s.") % {"number": latest.number},
        )
    return task


@router.post(
    "/drafts/{draft_id}/corrections",
    response={201: CorrectionOut},
    summary="Langkah 7: 'sesuai' atau koreksi satu baris unit. Langkah 9/10: komentar",
)
def correction_add(request: HttpRequest, draft_id: int, payload: CorrectionIn) -> Status:
    draft = get_draft(request, draft_id)
    task = _my_task(request, draft, (KOREKSI_UNIT, *REVIEW_STEPS))
    if task.step_run.number == KOREKSI_UNIT:
        correction = services.record_verdict(
            task,
            by=request.user,
            row_key=payload.row_key,
            verdict=payload.verdict,
            field=payload.field,
            comment=payload.comment,
            proposed_value=payload.proposed_value,
        )
    else:
        correction = services.add_review_comment(
            task,
            by=request.user,
            row_key=payload.row_key,
            field=payload.field or Correction.Field.BARIS,
            comment=payload.comment,
            proposed_value=payload.proposed_value,
        )
    correction = _with_relations(Correction.objects.filter(pk=correction.pk)).get()
    rows = {row.key: row for row in draft.rows.filter(key=correction.row_key)}
    return Status(201, correction_data(correction, rows))


@router.post(
    "/drafts/{draft_id}/corrections/sesuai",
    response=Marked,
    summary="Langkah 7: tandai 'sesuai' setiap baris unit yang belum diperiksa",
)
def correction_rest_sesuai(request: HttpRequest, draft_id: int) -> dict:
    draft = get_draft(request, draft_id)
    task = _my_task(request, draft, (KOREKSI_UNIT,))
    return {"count": services.mark_rest_sesuai(task, by=request.user)}


@router.delete(
    "/corrections/{correction_id}",
    response={204: None},
    summary="Tarik hasil pemeriksaan atau komentar selama tugasnya masih terbuka",
)
def correction_withdraw(request: HttpRequest, correction_id: int) -> Status:
    correction = (
        Correction.objects.select_related("task")
        .filter(pk=correction_id, draft__process__organization=organization_of(request.user))
        .first()
    )
    if correction is None:
        raise Http404
    services.withdraw(correction, by=request.user)
    return Status(204, None)
