from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from erkt.compiled_sql import Shape
from erkt.org import layout
from erkt.org.access import is_admin_of, organization_of
from erkt.org.csrf_token import csrf
from erkt.org.models import Organization, Role
from erkt.sop.flowchart import render_flowchart_svg
from erkt.workflow import engine, process_page_html
from erkt.workflow.calendar import today_for
from erkt.workflow.errors import WorkflowError
from erkt.workflow.forms import (
    CancelProcessForm,
    RevisionForm,
    StartProcessForm,
    SuspendProcessForm,
)
from erkt.workflow.gantt import gantt_svg
from erkt.workflow.models import Process
from erkt.workflow.pages import acts_for_someone, get_process, has_role, process_page
from erkt.workflow.permissions import position_with_role
from erkt.workflow.process_rows import process_rows, rows_html
from erkt.workflow.views.common import render_for

DEFAULT_SOP = "penyusunan-rkt"


def start_form(request: HttpRequest, organization: Organization) -> StartProcessForm | None:
    """The "Mulai Penyusunan RKT" form for the Kepala Badan (or an administrator), else None."""
    for_someone = acts_for_someone(request.user, organization, Role.KEPALA)
    if not (has_role(request.user, Role.KEPALA) or for_someone):
        return None
    today = today_for(organization)
    form = StartProcessForm(
        request.POST or None,
        organization=organization,
        acting_for_someone=for_someone,
        initial={"year": today.year + 1, "start_date": today},
    )
    default = form.fields["sop"].queryset.filter(code=DEFAULT_SOP).first()
    if default is not None:
        form.initial["sop"] = default.pk
    return form


def render_list(
    request: HttpRequest, organization: Organization, form, status: int = 200, error: str = ""
) -> HttpResponse:
    # The rows as values written in Python (erkt.workflow.process_rows): no model
    # instance or template node per row.
    rows = process_rows(organization)
    context = {"rows": rows_html(rows) if rows else "", "start_form": form, "error": error}
    return render_for(request, "workflow/process_list.html", context, organization, status)


@login_required
@require_GET
def process_list(request: HttpRequest) -> HttpResponse:
    """Proses: the organisation's running and finished processes, and the start form."""
    organization = organization_of(request.user)
    return render_list(request, organization, start_form(request, organization))


@login_required
@require_POST
def process_start(request: HttpRequest) -> HttpResponse:
    """Start a process; the engine refuses anyone but the Kepala Badan (or an administrator)."""
    organization = organization_of(request.user)
    shown = start_form(request, organization)
    form = shown or StartProcessForm(request.POST, organization=organization)
    if not form.is_valid():
        error = "" if shown else _("Periksa isian formulir.")
        return render_list(request, organization, shown, status=422, error=error)
    try:
        process = engine.start_process(
            sop=form.cleaned_data["sop"],
            year=form.cleaned_data["year"],
            start_date=form.cleaned_data["start_date"],
            by=request.user,
            on_behalf_reason=form.on_behalf_reason(),
        )
    except WorkflowError as error:
        form.add_error(None, error.message)
        message = "" if shown else error.message
        return render_list(request, organization, shown, status=error.status, error=message)
    messages.success(request, _("Pelaksanaan %(process)s dimulai.") % {"process": process})
    return redirect("workflow:process", process.pk)


def render_process(
    request: HttpRequest,
    process,
    cancel_form=None,
    status: int = 200,
    error: str = "",
    suspend_form=None,
    revision_form=None,
) -> HttpResponse:
    context = process_context(request, process, cancel_form, suspend_form, revision_form)
    context["error"] = error  # also at the top: the cancel form sits at the bottom
    # Written in Python, the layout too (erkt.workflow.process_page_html, layout.page): the
    # HTML of the template it replaced. One CSRF token for the page's forms and the
    # layout's, as the template's one context had.
    context["csrf_token"] = token = csrf(request)["csrf_token"]
    with timezone.override(process.organization.time_zone):
        content = process_page_html.page_content(context)
        response = layout.page(request, process_page_html.title(process), content, csrf_token=token)
    response.status_code = status
    return response


def process_context(
    request: HttpRequest, process, cancel_form=None, suspend_form=None, revision_form=None
) -> dict:
    """What the process page shows `request.user` (process_page_html.page_content's keys
    but `error` and `csrf_token`)."""
    page = process_page(process, request.user)
    organization = process.organization
    # acts_for_someone(), its role read once
    is_kepala = has_role(request.user, Role.KEPALA)
    for_someone = not is_kepala and is_admin_of(request.user, organization.pk)
    kepala = is_kepala or for_someone
    may_cancel = process.is_running and kepala
    if may_cancel and cancel_form is None:
        cancel_form = CancelProcessForm(acting_for_someone=for_someone)
    if revision_form is None and kepala and may_revise(process):
        revision_form = RevisionForm(acting_for_someone=for_someone)
    # The Kepala Badan (or its Plt./Plh.) stops and restarts the clock.
    may_suspend = (
        process.is_running
        and position_with_role(request.user, organization.pk, Role.KEPALA) is not None
    )
    if suspend_form is None and may_suspend:  # a form is built only for a reader shown it
        suspend_form = SuspendProcessForm()
    return {
        "page": page,
        "process": process,
        "flowchart": render_flowchart_svg(process.sop_version, highlight=page.active_numbers),
        "gantt": gantt_svg(process, page.runs, page.tasks),
        "cancel_form": cancel_form if may_cancel else None,
        "suspension": process.current_suspension if process.is_running else None,
        "may_suspend": may_suspend,
        "suspend_form": suspend_form,
        "revision_form": revision_form,
        "revisions": revisions_of(process),
    }


def _same_year(organization_id: int, sop_id: int, year: int):
    return Process.objects.filter(organization_id=organization_id, sop_id=sop_id, year=year)


# may_revise's and revisions_of's reads, compiled once (erkt.compiled_sql): Django built and
# compiled both on every visit of a signed year's or a revision's page (some 4,000 calls).
RUNNING_OF_YEAR = Shape(
    lambda organization_id, sop_id, year: (
        _same_year(organization_id, sop_id, year)
        .filter(status=Process.Status.RUNNING)
        .order_by()
        .values_list("pk")[:1]
    )
)
OTHERS_OF_YEAR = Shape(
    lambda organization_id, sop_id, year, process_id: (
        _same_year(organization_id, sop_id, year)
        .exclude(pk=process_id)
        .select_related("sop_version")
        .order_by("revision", "pk")
    )
)


def may_revise(process: Process) -> bool:
    """A signed, archived year with nothing running for it may get a Perubahan RKT."""
    if process.status != Process.Status.COMPLETED:
        return False
    year = (process.organization_id, process.sop_id, process.year)
    return not RUNNING_OF_YEAR.rows(*year)


def revisions_of(process: Process) -> list[Process]:
    """The other processes of the same year (the year's own and its Perubahan), oldest first;
    asked only of a revision or a signed year (a running year's page keeps its queries)."""
    if not (process.revision or process.status == Process.Status.COMPLETED):
        return []
    return OTHERS_OF_YEAR.rows(process.organization_id, process.sop_id, process.year, process.pk)


@login_required
@require_POST
def process_revise(request: HttpRequest, process_id: int) -> HttpResponse:
    """Perubahan RKT: the Kepala Badan starts a revision of a signed year, with a reason."""
    process = get_process(request.user, process_id)
    for_someone = acts_for_someone(request.user, process.organization, Role.KEPALA)
    form = RevisionForm(request.POST, acting_for_someone=for_someone)
    if not form.is_valid():
        return render_process(request, process, status=422, revision_form=form)
    try:
        revision = engine.start_revision(
            sop=process.sop,
            year=process.year,
            by=request.user,
            reason=form.cleaned_data["reason"],
            start_date=form.cleaned_data["start_date"],
            on_behalf_reason=form.on_behalf_reason(),
        )
    except WorkflowError as error:
        form.add_error(None, error.message)
        shown = form if error.status != 403 else None
        return render_process(
            request, process, status=error.status, error=error.message, revision_form=shown
        )
    messages.success(request, _("Pelaksanaan %(process)s dimulai.") % {"process": revision})
    return redirect("workflow:process", revision.pk)


@login_required
@require_GET
def process_detail(request: HttpRequest, process_id: int) -> HttpResponse:
    """The process: flowchart with the current step(s), the step table and the history."""
    return render_process(request, get_process(request.user, process_id))


@login_required
@require_GET
def process_print(request: HttpRequest, process_id: int) -> HttpResponse:
    """The process for print or PDF (the browser's "Simpan sebagai PDF"): the Gantt, the
    steps and the history, without the page's controls."""
    process = get_process(request.user, process_id)
    page = process_page(process, request.user)
    gantt = gantt_svg(process, page.runs, page.tasks)
    with timezone.override(process.organization.time_zone):
        content = process_page_html.print_content(process, page, gantt, process.today())
        return layout.page(request, process_page_html.print_title(process), content)


@login_required
@require_POST
def process_cancel(request: HttpRequest, process_id: int) -> HttpResponse:
    """Cancel a running process (Kepala Badan, with a reason)."""
    process = get_process(request.user, process_id)
    for_someone = acts_for_someone(request.user, process.organization, Role.KEPALA)
    form = CancelProcessForm(request.POST, acting_for_someone=for_someone)
    form.is_valid()  # free text only: nothing to refuse here, the engine checks the reason
    try:
        engine.cancel_process(
            process,
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
            on_behalf_reason=form.on_behalf_reason(),
        )
    except WorkflowError as error:
        form.add_error(None, error.message)
        return render_process(request, process, form, status=error.status, error=error.message)
    messages.success(request, _("Pelaksanaan %(process)s dibatalkan.") % {"process": process})
    return redirect("workflow:process", process.pk)


@login_required
@require_POST
def process_suspend(request: HttpRequest, process_id: int) -> HttpResponse:
    """Penangguhan: the Kepala Badan stops the process clock with a reason."""
    process = get_process(request.user, process_id)
    form = SuspendProcessForm(request.POST)
    form.is_valid()  # free text only: the engine checks the reason
    try:
        engine.suspend_process(process, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except WorkflowError as error:
        form.add_error(None, error.message)
        return render_process(
            request, process, status=error.status, error=error.message, suspend_form=form
        )
    messages.success(request, _("Pelaksanaan %(process)s ditangguhkan.") % {"process": process})
    return redirect("workflow:process", process.pk)


@login_required
@require_POST
def process_resume(request: HttpRequest, process_id: int) -> HttpResponse:
    """The clock runs again; the open deadlines move by the suspended working days."""
    process = get_process(request.user, process_id)
    try:
        suspension = engine.resume_process(process, by=request.user)
    except WorkflowError as error:
        return render_process(request, process, status=error.status, error=error.message)
    messages.success(
        request,
        _("Pelaksanaan %(process)s dilanjutkan; batas waktu bergeser %(days)s hari kerja.")
        % {"process": process, "days": suspension.working_days},
    )
    return redirect("workflow:process", process.pk)
