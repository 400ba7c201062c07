"""The draft Renstra page of a Penyusunan Renstra process.

Every user of the organisation reads it (another organisation: 404); the assignee of the
open rancangan awal / rancangan / rancangan akhir task edits it (403 otherwise), each
step only the rows of its stage.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from erkt.renstra_process import draft
from erkt.renstra_process.actions import EDITING
from erkt.renstra_process.forms import FORMS, ImportForm
from erkt.rkt.renstra_data import RenstraData
from erkt.workflow.models import Process, Task
from erkt.workflow.pages import get_process
from erkt.workflow.views.common import render_for


def _process(request: HttpRequest, pk: int) -> Process:
    process = get_process(request.user, pk)
    if draft.draft_of(process) is None:
        raise Http404
    return process


def editing_task(process: Process, user) -> Task | None:
    """The user's open task of a step that edits the draft, if any."""
    if not process.is_running:
        return None
    tasks = Task.objects.filter(
        process=process, status=Task.Status.OPEN, step_run__step__action__in=list(EDITING)
    ).select_related("step_run__step")
    for task in tasks:
        task.process = process
        if task.can_be_completed_by(user):
            return task
    return None


def _require_kind(process: Process, user, kind: str) -> Task:
    task = editing_task(process, user)
    if task is None or kind not in EDITING[task.step.action]:
        raise PermissionDenied
    return task


def _require_editor(process: Process, user) -> Task:
    task = editing_task(process, user)
    if task is None:
        raise PermissionDenied
    return task


def _units(process: Process) -> list[str]:
    return list(process.organization.units.order_by("name").values_list("short_name", flat=True))


def _forms(process: Process, data: RenstraData, kinds: list[str], bound=None) -> dict:
    units = _units(process)
    forms = {kind: FORMS[kind](data_of=data, units=units, prefix=kind) for kind in kinds}
    if bound is not None:
        forms[bound.prefix] = bound
    return forms


def _page(request: HttpRequest, process: Process, status: int = 200, **extra) -> HttpResponse:
    data = draft.data_of(process)
    task = editing_task(process, request.user)
    allowed = EDITING[task.step.action] if task else set()
    kinds = [kind for kind in draft.KINDS if kind in allowed]
    context = {
        "process": process,
        "renstra": draft.draft_of(process),
        "data": data,
        "task": task,
        "kinds": kinds,
        "forms": _forms(process, data, kinds, extra.pop("bound", None)) if task else {},
        "import_form": extra.pop("import_form", None) or ImportForm(),
        "problems": draft.problems(process),
        **extra,
    }
    return render_for(request, "renstra_process/draft.html", context, process.organization, status)


@login_required
@require_GET
def draft_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _process(request, pk))


@login_required
@require_POST
def draft_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    process = _process(request, pk)
    if kind not in FORMS:
        raise Http404
    _require_kind(process, request.user, kind)
    data = draft.data_of(process)
    form = FORMS[kind](request.POST, data_of=data, units=_units(process), prefix=kind)
    if form.is_valid():
        try:
            draft.add_row(
                process,
                kind,
                form.row(),
                by=request.user,
                allowed=lambda locked: _require_kind(locked, request.user, kind),
            )
        except draft.DraftInvalid as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Baris ditambahkan ke rancangan Renstra."))
            return redirect("renstra_process:draft", process.pk)
    return _page(request, process, 422, bound=form, open_kind=kind)


@login_required
@require_POST
def draft_remove(request: HttpRequest, pk: int, kind: str, index: int) -> HttpResponse:
    process = _process(request, pk)
    if kind not in FORMS:
        raise Http404
    _require_kind(process, request.user, kind)
    code = request.POST.get("code", "")
    try:
        draft.remove_row(
            process,
            kind,
            index,
            code,
            by=request.user,
            allowed=lambda locked: _require_kind(locked, request.user, kind),
        )
    except draft.DraftInvalid as refused:
        return _page(request, process, 422, errors=refused.messages)
    messages.success(request, _("Baris dihapus dari rancangan Renstra."))
    return redirect("renstra_process:draft", process.pk)


@login_required
@require_POST
def draft_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace the whole draft by a filled Excel template (steps 4 and 6, or step 3)."""
    process = _process(request, pk)
    _require_editor(process, request.user)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            data = draft.import_file(
                process,
                form.cleaned_data["file"].read(),
                by=request.user,
                allowed=lambda locked: _require_editor(locked, request.user),
            )
        except draft.DraftInvalid as refused:
            return _page(request, process, 422, errors=refused.messages, import_form=form)
        counts = data.counts()
        messages.success(
            request,
            _("Template diimpor ke rancangan: %(tujuan)s tujuan, %(program)s program.")
            % {"tujuan": counts["tujuan"], "program": counts["program"]},
        )
        return redirect("renstra_process:draft", process.pk)
    return _page(request, process, 422, import_form=form)
