"""Monev SOP pages: the measurements of a version, its XLSX, and the evaluation forms.

Readers (erkt.sop.monev_access): Kepala, Sekretaris, Kasubbag Perencanaan, Tim
Perencanaan, administrators. Another organisation's SOP: 404; another role: 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from erkt.documents import registry
from erkt.documents.services import render as render_document
from erkt.sop import monev
from erkt.sop.evaluation import DEFAULT_LATE_SHARE, measure
from erkt.sop.models import SopVersion, SopVersionError
from erkt.sop.monev_access import (
    may_edit,
    may_sign,
    require_editor,
    require_reader,
    require_signer,
)
from erkt.sop.monev_charts import durations_svg, on_time_svg
from erkt.sop.monev_forms import parse_items, parse_new
from erkt.sop.monev_models import SopEvaluation
from erkt.sop.monev_xlsx import measurement_xlsx
from erkt.sop.views import _sop_version

RETURNS_PER_PAGE = 20


def _readable_version(request: HttpRequest, code: str) -> SopVersion:
    version = _sop_version(request, code)
    require_reader(request.user, version.sop.organization_id)
    return version


def _evaluation(request: HttpRequest, code: str, pk: int) -> SopEvaluation:
    version = _readable_version(request, code)
    return get_object_or_404(
        SopEvaluation.objects.select_related("version__sop__organization"),
        pk=pk,
        version__sop=version.sop,
    )


@login_required
@require_GET
def evaluation_page(request: HttpRequest, code: str) -> HttpResponse:
    """Per step of the version: passes, median/maximum against the Waktu, share on time,
    "tidak" returns (paginated) and the units late most often; charts; the forms."""
    version = _readable_version(request, code)
    measurement = measure(version)
    returns = Paginator(measurement.returns, RETURNS_PER_PAGE).get_page(request.GET.get("halaman"))
    context = {
        "version": version,
        "measurement": measurement,
        "returns": returns,
        "durations_chart": durations_svg(measurement.rows),
        "on_time_chart": on_time_svg(measurement.rows),
        "evaluations": version.evaluations.order_by("-year", "-semester"),
        "may_edit": may_edit(request.user),
        "default_late_share": DEFAULT_LATE_SHARE,
    }
    return render(request, "sop/evaluation.html", context)


@login_required
@require_GET
def evaluation_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    version = _readable_version(request, code)
    response = HttpResponse(measurement_xlsx(measure(version)), content_type=monev.XLSX_MIME)
    filename = f"Monev-SOP-{version.sop.code}-v{version.number}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def evaluation_create(request: HttpRequest, code: str) -> HttpResponse:
    """A new evaluation form of a period, pre-filled from the measurements."""
    version = _readable_version(request, code)
    require_editor(request.user)
    values, errors = parse_new(request.POST)
    if not errors:
        try:
            evaluation = monev.create_evaluation(version, **values, by=request.user)
        except monev.EvaluationError as error:
            errors = [error.message]
    if errors:
        for error in errors:
            messages.error(request, error)
        return redirect(_page_url(version))
    return redirect("sop:evaluation", code=code, pk=evaluation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The form: editable by the Kasubbag Perencanaan and the Tim while a draft."""
    evaluation = _evaluation(request, code, pk)
    items = list(evaluation.items.order_by("step_number"))
    errors: dict[int, list[str]] = {}
    if request.method == "POST":
        require_editor(request.user)
        values, errors = parse_items(request.POST, items)
        if not errors:
            try:
                monev.save_items(evaluation, values)
            except monev.EvaluationError as error:
                messages.error(request, error.message)
                return redirect("sop:evaluation", code=code, pk=pk)
            messages.success(request, _("Evaluasi disimpan."))
            return redirect("sop:evaluation", code=code, pk=pk)
        _keep_typed(items, request.POST)
        for item in items:
            item.form_errors = errors.get(item.pk, [])
    context = {
        "evaluation": evaluation,
        "version": evaluation.version,
        "items": items,
        "errors": errors,
        "editable": evaluation.is_draft and may_edit(request.user),
        "may_sign": evaluation.is_draft and may_sign(request.user),
        "may_revise": (not evaluation.is_draft) and may_edit(request.user),
        "semester_label": monev.SEMESTER[evaluation.semester],
    }
    return render(request, "sop/evaluation_form.html", context, status=400 if errors else 200)


def _keep_typed(items, data) -> None:
    """Show what was typed again beside its messages (nothing is stored)."""
    for item in items:
        item.catatan = data.get(f"catatan-{item.pk}", item.catatan)
        item.tindakan = data.get(f"tindakan-{item.pk}", item.tindakan)
        item.berjalan_baik = data.get(f"baik-{item.pk}") != "tidak"
        item.typed_waktu = data.get(f"waktu-{item.pk}", "")


@login_required
@require_POST
def evaluation_sign(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """The Kepala Badan signs the evaluation off (the Kepala only)."""
    evaluation = _evaluation(request, code, pk)
    require_signer(request.user)
    try:
        monev.sign_off(evaluation, by=request.user)
        messages.success(request, _("Evaluasi disahkan."))
    except monev.EvaluationError as error:
        messages.error(request, error.message)
    return redirect("sop:evaluation", code=code, pk=pk)


@login_required
@require_POST
def evaluation_revise(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """ "Revisi SOP": a new draft version with the proposed changes."""
    evaluation = _evaluation(request, code, pk)
    require_editor(request.user)
    try:
        draft = monev.start_revision(evaluation)
    except SopVersionError as error:
        messages.error(request, error.message)
        return redirect("sop:evaluation", code=code, pk=pk)
    messages.success(request, _("Versi draf %(number)d dibuat.") % {"number": draft.number})
    return redirect(f"{_detail_url(code)}?versi={draft.number}")


@login_required
@require_GET
def evaluation_document(request: HttpRequest, code: str, pk: int, fmt: str) -> HttpResponse:
    """The signed form as the official document (PDF/A or DOCX), issued from its snapshot."""
    evaluation = _evaluation(request, code, pk)
    if evaluation.is_draft or fmt not in registry.get(monev.KIND).formats:
        raise Http404
    rendered = render_document(monev.issue_evaluation(evaluation, by=request.user), fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


def _page_url(version: SopVersion) -> str:
    from django.urls import reverse

    return f"{reverse('sop:evaluations', args=[version.sop.code])}?versi={version.number}"


def _detail_url(code: str) -> str:
    from django.urls import reverse

    return reverse("sop:detail", args=[code])
