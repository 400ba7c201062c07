"""The pages of the actors of steps 6-10: compile, unit review, next version, reviewer comments.

Each write goes through one service function (erkt.rkt.drafts.compile /
corrections / versions), which checks again who acts and changes everything or
nothing; a refusal shows its message with the service's status (403/409/422).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from erkt.org.models import Unit
from erkt.rkt.drafts import corrections as services
from erkt.rkt.drafts.access import StepClosed, get_process, own_unit, step_task
from erkt.rkt.drafts.compile import compile_draft, form_summaries
from erkt.rkt.drafts.forms import VALUE_CHOICES, CorrectionForm, GeneralCommentForm
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow
from erkt.rkt.drafts.steps import (
    KOMPILASI,
    KOREKSI_UNIT,
    PENGESAHAN,
    REVIEW_STEPS,
    SUSUN_DRAFT,
    actor_task,
)
from erkt.rkt.drafts.table import shown_amount, subtotals
from erkt.rkt.drafts.versions import (
    ACCEPT,
    REJECT,
    DecisionError,
    make_next_version,
    open_corrections,
)
from erkt.workflow.errors import WorkflowError
from erkt.workflow.models import Process, Task
from erkt.workflow.views.common import render_for


def _closed(request: HttpRequest, process: Process, number: int | str) -> HttpResponse:
    messages.info(
        request, _("Langkah %(number)s tidak sedang terbuka untuk Anda.") % {"number": number}
    )
    if request.htmx:  # a whole page must not land inside a table row
        return HttpResponseClientRedirect(reverse("rkt:drafts:page", args=[process.pk]))
    return redirect("rkt:drafts:page", process.pk)


# --- Step 6: compile ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def compile_view(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request, process_id)
    try:
        task = step_task(request, process, (KOMPILASI,))
    except StepClosed:
        return _closed(request, process, KOMPILASI)
    error, status = "", 200
    if request.method == "POST":
        try:
            draft = compile_draft(process, by=request.user)
        except WorkflowError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _done_message(draft, task))
            return redirect("rkt:drafts:page", process.pk)
    context = {
        "process": process,
        "task": task,
        "summaries": form_summaries(process),
        "compiled": process.drafts.exists(),
        "error": error,
    }
    return render_for(request, "rkt/drafts/compile.html", context, process.organization, status)


def _done_message(draft: DraftRkt, task: Task) -> str:
    return _(
        "Draft RKT versi %(number)s dibuat. Selesaikan tugas langkah %(step)s di halaman tugas."
    ) % {"number": draft.number, "step": task.step_run.number}


# --- Step 7: a unit reviews its part -----------------------------------------------------------


@dataclass
class ReviewItem:
    row: DraftRow
    corrections: list[Correction] = field(default_factory=list)
    form: CorrectionForm | None = None
    error: str = ""
    amount: Decimal | None = None  # the anggaran shown: a kegiatan's subtotal, not 0

    @property
    def sesuai(self) -> bool:
        return any(c.verdict == Correction.Verdict.SESUAI for c in self.corrections)


def _reviewed_draft(process: Process, unit: Unit, task: Task | None) -> DraftRkt | None:
    """While the task is open the current version; afterwards the version the unit reviewed."""
    if task is None:
        reviewed = DraftRkt.objects.filter(
            process=process,
            corrections__unit=unit,
            corrections__source=Correction.Source.UNIT_REVIEW,
        ).first()
        if reviewed is not None:
            return reviewed
    return DraftRkt.objects.latest_of(process)


def _unit_base(process: Process, unit: Unit, task: Task | None, draft: DraftRkt | None) -> dict:
    return {
        "process": process,
        "unit": unit,
        "task": task,
        "draft": draft,
        "field_choices": VALUE_CHOICES,
    }


def _unit_items(draft: DraftRkt | None, unit: Unit) -> list[ReviewItem]:
    if draft is None:
        return []
    recorded: dict[str, list[Correction]] = {}
    for correction in draft.corrections.filter(
        unit=unit, source=Correction.Source.UNIT_REVIEW
    ).select_related("author__employee"):
        recorded.setdefault(correction.row_key, []).append(correction)
    rows = services.unit_rows(draft, unit.pk)
    return [ReviewItem(row, recorded.get(row.key, [])) for row in rows]


def _render_unit_review(
    request: HttpRequest,
    process: Process,
    unit: Unit,
    *,
    failed: ReviewItem | None = None,
    status: int = 200,
) -> HttpResponse:
    task = actor_task(process, KOREKSI_UNIT, request.user, unit)
    draft = _reviewed_draft(process, unit, task)
    items = _unit_items(draft, unit)
    if failed is not None:
        items = [failed if item.row.key == failed.row.key else item for item in items]
    base = _unit_base(process, unit, task, draft)
    if request.htmx and failed is not None:
        context = {**base, "item": next(i for i in items if i.row.key == failed.row.key)}
        return render_for(
            request, "rkt/drafts/unit_review.html#row", context, process.organization, status
        )
    context = {
        **base,
        "items": items,
        "unchecked": sum(1 for item in items if not item.corrections),
    }
    return render_for(request, "rkt/drafts/unit_review.html", context, process.organization, status)


@login_required
@require_GET
def unit_review(request: HttpRequest, process_id: int, unit_id: int) -> HttpResponse:
    process = get_process(request, process_id)
    unit = own_unit(request, process, unit_id)
    return _render_unit_review(request, process, unit)


def _unit_task(request: HttpRequest, process: Process, unit: Unit) -> Task | None:
    return actor_task(process, KOREKSI_UNIT, request.user, unit)


@login_required
@require_POST
def unit_verdict(request: HttpRequest, process_id: int, unit_id: int) -> HttpResponse:
    """Record "sesuai" or a correction for one row of the unit's part."""
    process = get_process(request, process_id)
    unit = own_unit(request, process, unit_id)
    task = _unit_task(request, process, unit)
    if task is None:
        return _closed(request, process, KOREKSI_UNIT)
    verdict = request.POST.get("verdict", "")
    form = CorrectionForm(request.POST) if verdict == Correction.Verdict.KOREKSI else None
    try:
        services.record_verdict(
            task,
            by=request.user,
            row_key=request.POST.get("row_key", ""),
            verdict=verdict,
            field=request.POST.get("field", ""),
            comment=request.POST.get("comment", ""),
            proposed_value=request.POST.get("proposed_value", ""),
        )
    except WorkflowError as refused:
        return _unit_refused(request, process, unit, form, refused)
    return _after_unit_change(request, process, unit, _("Hasil pemeriksaan dicatat."))


def _unit_refused(
    request: HttpRequest,
    process: Process,
    unit: Unit,
    form: CorrectionForm | None,
    refused: WorkflowError,
) -> HttpResponse:
    draft = DraftRkt.objects.latest_of(process)
    row = (
        draft.rows.filter(key=request.POST.get("row_key", ""), unit=unit).first() if draft else None
    )
    if row is None:
        messages.error(request, refused.message)
        return redirect("rkt:drafts:unit_review", process.pk, unit.pk)
    failed = ReviewItem(row, list(draft.corrections.filter(unit=unit, row_key=row.key)))
    failed.form, failed.error = form, refused.message
    return _render_unit_review(request, process, unit, failed=failed, status=refused.status)


def _after_unit_change(
    request: HttpRequest, process: Process, unit: Unit, notice: str
) -> HttpResponse:
    if request.htmx:
        row_key = request.POST.get("row_key", "")
        task = _unit_task(request, process, unit)
        draft = DraftRkt.objects.latest_of(process)
        items = _unit_items(draft, unit)
        context = {
            **_unit_base(process, unit, task, draft),
            "item": next(i for i in items if i.row.key == row_key),
            "unchecked": sum(1 for i in items if not i.corrections),
        }
        template = "rkt/drafts/unit_review.html#row_update"
        return render_for(request, template, context, process.organization)
    messages.success(request, notice)
    return redirect("rkt:drafts:unit_review", process.pk, unit.pk)


@login_required
@require_POST
def unit_rest_sesuai(request: HttpRequest, process_id: int, unit_id: int) -> HttpResponse:
    process = get_process(request, process_id)
    unit = own_unit(request, process, unit_id)
    task = _unit_task(request, process, unit)
    if task is None:
        return _closed(request, process, KOREKSI_UNIT)
    try:
        count = services.mark_rest_sesuai(task, by=request.user)
    except WorkflowError as refused:  # the task closed meanwhile
        messages.error(request, refused.message)
    else:
        messages.success(request, _("%(count)s baris ditandai sesuai.") % {"count": count})
    return redirect("rkt:drafts:unit_review", process.pk, unit.pk)


@login_required
@require_POST
def correction_withdraw(request: HttpRequest, process_id: int, correction_id: int) -> HttpResponse:
    """Take back a verdict or comment while its task is still open."""
    process = get_process(request, process_id)
    correction = get_object_or_404(
        Correction.objects.select_related("task", "unit"), pk=correction_id, draft__process=process
    )
    if correction.source == Correction.Source.UNIT_REVIEW:
        unit = own_unit(request, process, correction.unit_id)
        back = reverse("rkt:drafts:unit_review", args=[process.pk, unit.pk])
    else:
        back = reverse("rkt:drafts:review", args=[process.pk])
    try:
        services.withdraw(correction, by=request.user)
    except WorkflowError as refused:
        if refused.status == 403:
            raise PermissionDenied from refused
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Catatan ditarik."))
    return redirect(back)


# --- Step 8: the next version ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def next_version(request: HttpRequest, process_id: int) -> HttpResponse:
    """Accept or reject every open correction, then issue the next version."""
    process = get_process(request, process_id)
    try:
        task = step_task(request, process, (SUSUN_DRAFT,))
    except StepClosed:
        return _closed(request, process, SUSUN_DRAFT)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            draft = make_next_version(
                process,
                by=request.user,
                decisions=_decisions(request.POST),
                shown_as=_numbers(open_corrections(process).values_list("pk", flat=True)),
            )
        except DecisionError as refused:
            errors, status = refused.messages, refused.status
        except WorkflowError as refused:
            errors, status = [refused.message], refused.status
        else:
            messages.success(request, _done_message(draft, task))
            return redirect("rkt:drafts:version", process.pk, draft.number)
    context = _next_version_context(process, task, request.POST, errors)
    return render_for(
        request, "rkt/drafts/next_version.html", context, process.organization, status
    )


def _decisions(data) -> dict[int, tuple[str, str]]:
    """{correction id: (accept|reject, reason)} from keputusan-<id> / alasan-<id> fields."""
    verdicts = {"terima": ACCEPT, "tolak": REJECT}
    decisions = {}
    for name, value in data.items():
        prefix, _sep, number = name.partition("-")
        if prefix == "keputusan" and number.isdigit():
            decisions[int(number)] = (verdicts.get(value, value), data.get(f"alasan-{number}", ""))
    return decisions


def _numbers(ids: Iterable[int]) -> dict[int, int]:
    """{correction id: the running number the page shows for it (1, 2, 3...)}."""
    return {pk: number for number, pk in enumerate(ids, start=1)}


def _next_version_context(process: Process, task: Task, posted, errors: list[str]) -> dict:
    base = DraftRkt.objects.latest_of(process)
    rows = {row.key: row for row in base.rows.select_related("unit")} if base else {}
    pending = list(open_corrections(process))
    numbers = _numbers(correction.pk for correction in pending)
    for correction in pending:
        correction.number = numbers[correction.pk]
        correction.row = rows.get(correction.row_key)
        correction.current = getattr(correction.row, correction.field, None)
        correction.chosen = posted.get(f"keputusan-{correction.pk}", "")
        correction.reason = posted.get(f"alasan-{correction.pk}", "")
    return {
        "process": process,
        "task": task,
        "base": base,
        "made": DraftRkt.objects.filter(process=process, task=task).first(),
        "pending": pending,
        "errors": errors,
    }


# --- Steps 9 and 10: the reviewer's comments ---------------------------------------------------


def _review_context(process: Process, task: Task) -> dict:
    draft = DraftRkt.objects.latest_of(process)
    mine: dict[str, list[Correction]] = {}
    for correction in Correction.objects.filter(task=task).order_by("created_at", "pk"):
        mine.setdefault(correction.row_key, []).append(correction)
    rows = list(draft.rows.all()) if draft else []
    sums = subtotals(rows)
    items = [ReviewItem(row, mine.get(row.key, [])) for row in rows]
    for item in items:
        item.amount = shown_amount(item.row, sums)
    return {
        "process": process,
        "task": task,
        "draft": draft,
        "items": items,
        "general": mine.get("", []),
        "comment_count": sum(len(found) for found in mine.values()),
        "general_form": GeneralCommentForm(),
        "signs": task.step_run.number == PENGESAHAN,  # step 10: "ya" is the signature
    }


@login_required
@require_GET
def review(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request, process_id)
    try:
        task = step_task(request, process, REVIEW_STEPS)
    except StepClosed:
        return _closed(request, process, "9/10")
    context = _review_context(process, task)
    return render_for(request, "rkt/drafts/review.html", context, process.organization)


@login_required
@require_POST
def review_comment(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request, process_id)
    try:
        task = step_task(request, process, REVIEW_STEPS)
    except StepClosed:
        return _closed(request, process, "9/10")
    try:
        services.add_review_comment(
            task,
            by=request.user,
            row_key=request.POST.get("row_key", ""),
            field=request.POST.get("field", Correction.Field.BARIS),
            comment=request.POST.get("comment", ""),
            proposed_value=request.POST.get("proposed_value", ""),
        )
    except WorkflowError as refused:
        return _review_refused(request, process, task, refused)
    messages.success(request, _("Komentar dicatat."))
    anchor = _anchor(process, request.POST.get("row_key", ""))
    return redirect(reverse("rkt:drafts:review", args=[process.pk]) + anchor)


def _review_refused(
    request: HttpRequest, process: Process, task: Task, refused: WorkflowError
) -> HttpResponse:
    """The review page again, the refused comment still in its form with the message."""
    context = {**_review_context(process, task), "error": refused.message}
    row_key = request.POST.get("row_key", "")
    failed = next((item for item in context["items"] if item.row.key == row_key), None)
    if failed is not None:
        failed.form, failed.error = CorrectionForm(request.POST), refused.message
        context["error_order"] = failed.row.order
    else:
        context["general_comment"] = request.POST.get("comment", "")
    return render_for(
        request, "rkt/drafts/review.html", context, process.organization, refused.status
    )


def _anchor(process: Process, row_key: str) -> str:
    draft = DraftRkt.objects.latest_of(process)
    row = draft.rows.filter(key=row_key).first() if draft and row_key else None
    return f"#baris-{row.order}" if row else "#umum"
