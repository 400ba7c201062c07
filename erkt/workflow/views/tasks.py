from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from erkt.org import csrf_token, layout
from erkt.template_labels import TemplateLabels
from erkt.workflow import actions, engine, task_html
from erkt.workflow.actions import StepAction
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.deadlines import deadline
from erkt.workflow.errors import Invalid, WorkflowError
from erkt.workflow.forms import AttachmentForm, CompleteTaskForm, ReassignForm, WithdrawTaskForm
from erkt.workflow.models import Task
from erkt.workflow.pages import (
    TaskAccess,
    earlier_outputs,
    get_task,
    task_access,
    task_attachments,
)

# The task page's labels (its `t`), translated once per language (erkt.template_labels):
# the page and its htmx fragments had some thirty `{% translate %}` nodes.
page_labels = TemplateLabels(
    kotak_tugas=gettext_noop("Kotak Tugas"),
    langkah=gettext_noop("Langkah"),
    kembali_ke_kotak_tugas=gettext_noop("Kembali ke Kotak Tugas"),
    catatan_koreksi=gettext_noop("Catatan koreksi"),
    mutu_baku=gettext_noop("Mutu baku"),
    kelengkapan=gettext_noop("Kelengkapan"),
    output=gettext_noop("Output"),
    waktu=gettext_noop("Waktu"),
    dibuka=gettext_noop("Dibuka"),
    batas_waktu=gettext_noop("Batas waktu"),
    keterangan=gettext_noop("Keterangan"),
    tarik_kembali=gettext_noop("Tarik kembali"),
    tugas_dibuka_kembali_selama=gettext_noop(
        "Tugas dibuka kembali selama tugas langkah berikutnya belum dikerjakan; tugas itu ditarik."
    ),
    ditarik_kembali=gettext_noop("Ditarik kembali"),
    lampiran_pendukung_opsional=gettext_noop("Lampiran pendukung (opsional)"),
    output_langkah_ini_dicatat=gettext_noop(
        "Output langkah ini dicatat pada halamannya sendiri; unggah berkas di sini hanya bila "
        "ada dokumen pendukung."
    ),
    lampiran=gettext_noop("Lampiran"),
    belum_ada_berkas=gettext_noop("Belum ada berkas."),
    unggah=gettext_noop("Unggah"),
    pemegang_tugas=gettext_noop("Pemegang tugas"),
    diselesaikan_oleh=gettext_noop("Diselesaikan oleh"),
    dikerjakan_oleh=gettext_noop("Dikerjakan oleh"),
    dapat_dikerjakan_oleh=gettext_noop("Dapat dikerjakan oleh"),
    ambil_tugas=gettext_noop("Ambil tugas"),
    lepaskan_tugas=gettext_noop("Lepaskan tugas"),
    alihkan=gettext_noop("Alihkan"),
    selesaikan_tugas=gettext_noop("Selesaikan tugas"),
    hasil=gettext_noop("Hasil"),
    keputusan=gettext_noop("Keputusan"),
    tanpa_catatan=gettext_noop("Tanpa catatan."),
    diselesaikan_administrator_atas_nama=gettext_noop(
        "Diselesaikan administrator atas nama pemegang tugas"
    ),
    tugas_ini_dibatalkan=gettext_noop("Tugas ini dibatalkan."),
    anda_hanya_dapat_melihat=gettext_noop("Anda hanya dapat melihat tugas ini."),
)


def task_forms(task: Task, access: TaskAccess) -> dict:
    """The empty forms the user may use on the task (None where they may not act)."""
    forms = {
        "complete_form": None,
        "upload_form": None,
        "reassign_form": None,
        "withdraw_form": None,
    }
    if access.may_withdraw and engine.withdrawable(task):
        forms["withdraw_form"] = WithdrawTaskForm()
    if access.may_complete:
        for_someone = access.acts_for_someone
        forms["complete_form"] = CompleteTaskForm(task=task, acting_for_someone=for_someone)
        forms["upload_form"] = AttachmentForm(acting_for_someone=for_someone)
    if access.may_reassign:
        forms["reassign_form"] = ReassignForm(
            eligible=task.eligible_employees().order_by("name"),
            acting_for_someone=access.reassign_for_someone,
        )
    return forms


def task_context(request: HttpRequest, task: Task, **overrides) -> dict:
    """Everything the task page shows; `overrides` put bound forms, notices, errors in place.

    A bound form replaces only a form the user may use: someone refused for not being an
    assignee gets the message, not a form.
    """
    access = task_access(request.user, task)
    organization = task.process.organization
    if task.is_open and task.process.is_running:
        calendar = WorkingCalendar(organization)
        task.deadline = deadline(task.due_date, today_for(organization), calendar)
    forms = task_forms(task, access)
    forms.update({k: v for k, v in overrides.items() if k in forms and forms[k] is not None})
    step = task.step_run.step
    action = actions.get(step.action)
    needs_file = type(action).missing_output is StepAction.missing_output
    return {
        "t": page_labels(),
        "task": task,
        "step": step,
        "working_days": task.process.working_days_for(step),
        # The step's own pages (an app's action, e.g. "Isi Form RKT"), and whether the
        # output is the default uploaded file.
        "links": action.links(task, request.user),
        "needs_file": needs_file,
        # A step an app records on its own pages takes files only as optional support.
        "supporting_files": action is not actions.DEFAULT
        and not (needs_file and not step.is_decision),
        "access": access,
        # "Ditangguhkan sejak ...": the task cannot be completed until the Kepala resumes.
        "suspension": task.process.current_suspension if task.process.is_running else None,
        "attachments": task_attachments(task),
        "earlier": earlier_outputs(task, request.user),
        **{k: v for k, v in overrides.items() if k not in forms},
        **forms,
    }


def respond(
    request: HttpRequest, task: Task, fragment: str, status: int = 200, **overrides
) -> HttpResponse:
    """The whole page, or for htmx only the fragment that changed."""
    context = task_context(request, task, **overrides)
    return render_task(request, task, context, fragment if request.htmx else "", status)


def render_task(
    request: HttpRequest, task: Task, context: dict, fragment: str = "", status: int = 200
) -> HttpResponse:
    """The page, or one of its fragments, written in Python (erkt.workflow.task_html) with
    times in the organisation's zone. One CSRF token for the page's forms and the layout's,
    as the template's one context had."""
    context["csrf_token"] = token = csrf_token.get_token(request)
    with timezone.override(task.process.organization.time_zone):
        if fragment:
            return HttpResponse(task_html.FRAGMENTS[fragment](request, context), status=status)
        content = task_html.page_content(request, context)
        response = layout.page(request, task_html.title(context["step"]), content, csrf_token=token)
    response.status_code = status
    return response


def done(
    request: HttpRequest, task: Task, fragment: str, notice: str, *, to_inbox: bool = False
) -> HttpResponse:
    """After a change: redirect a plain POST (with a message), re-render the htmx fragment."""
    if not request.htmx:
        messages.success(request, notice)
        return redirect("workflow:inbox") if to_inbox else redirect("workflow:task", task.pk)
    # Each fragment shows its own notice, so the whole page never repeats one.
    key = {"attachments": "attachments_notice", "assignment": "assignment_notice"}
    overrides = {key.get(fragment, "notice"): notice}
    return respond(request, get_task(request.user, task.pk), fragment, **overrides)


@login_required
@require_GET
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """The task: what it needs and must produce, its deadline, the form to complete it."""
    task = get_task(request.user, task_id)
    return render_task(request, task, task_context(request, task))


@login_required
@require_POST
def task_complete(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_task(request.user, task_id)
    access = task_access(request.user, task)
    form = CompleteTaskForm(request.POST, task=task, acting_for_someone=access.acts_for_someone)
    form.is_valid()  # choices only; the engine checks decision, note and output
    try:
        engine.complete_task(
            task,
            by=request.user,
            note=form.cleaned_data.get("note", ""),
            decision=form.cleaned_data.get("decision", ""),
            on_behalf_reason=form.on_behalf_reason(),
        )
    except WorkflowError as error:
        form.add_error(None, error.message)
        return respond(
            request, task, "task_main", error.status, complete_form=form, error=error.message
        )
    notice = _("Tugas '%(task)s' selesai.") % {"task": task}
    return done(request, task, "task_main", notice, to_inbox=True)


@login_required
@require_POST
def task_upload(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_task(request.user, task_id)
    access = task_access(request.user, task)
    form = AttachmentForm(request.POST, request.FILES, acting_for_someone=access.acts_for_someone)
    form.is_valid()  # the engine checks presence, size and who uploads
    try:
        attachment = engine.add_attachment(
            task,
            by=request.user,
            file=form.cleaned_data.get("file"),
            on_behalf_reason=form.on_behalf_reason(),
        )
    except WorkflowError as error:
        form.add_error(None, error.message)
        return respond(
            request,
            task,
            "attachments",
            error.status,
            upload_form=form,
            attachments_error=error.message,
        )
    notice = _("Berkas %(name)s diunggah.") % {"name": attachment.original_name}
    return done(request, task, "attachments", notice)


def change_assignment(request: HttpRequest, task_id: int, change) -> HttpResponse:
    """Claim, release or reassign through `change(task)`; errors show in the assignment box."""
    task = get_task(request.user, task_id)
    try:
        notice = change(task)
    except WorkflowError as error:
        return respond(request, task, "assignment", error.status, assignment_error=error.message)
    return done(request, task, "assignment", notice)


@login_required
@require_POST
def task_claim(request: HttpRequest, task_id: int) -> HttpResponse:
    def claim(task: Task) -> str:
        engine.claim_task(task, by=request.user)
        return _("Tugas diambil: Anda yang mengerjakannya.")

    return change_assignment(request, task_id, claim)


@login_required
@require_POST
def task_unclaim(request: HttpRequest, task_id: int) -> HttpResponse:
    def unclaim(task: Task) -> str:
        engine.unclaim_task(task, by=request.user)
        return _("Tugas dilepas: pemangku jabatan lain dapat mengambilnya.")

    return change_assignment(request, task_id, unclaim)


@login_required
@require_POST
def task_reassign(request: HttpRequest, task_id: int) -> HttpResponse:
    def reassign(task: Task) -> str:
        form = ReassignForm(request.POST, eligible=task.eligible_employees())
        employee = form.cleaned_data["employee"] if form.is_valid() else None
        if employee is None:
            raise Invalid(_("Pilih pegawai yang akan mengerjakan tugas ini."))
        engine.reassign_task(
            task,
            by=request.user,
            to=employee,
            on_behalf_reason=request.POST.get("on_behalf_reason", ""),
        )
        return _("Tugas dialihkan kepada %(name)s.") % {"name": employee.full_name}

    return change_assignment(request, task_id, reassign)


@login_required
@require_POST
def task_withdraw(request: HttpRequest, task_id: int) -> HttpResponse:
    """Tarik kembali: the completer takes the task back with a reason (the engine decides)."""
    task = get_task(request.user, task_id)
    form = WithdrawTaskForm(request.POST)
    form.is_valid()  # free text only: the engine checks the reason
    try:
        engine.withdraw_task(task, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except WorkflowError as error:
        form.add_error(None, error.message)
        return respond(
            request, task, "task_main", error.status, withdraw_form=form, error=error.message
        )
    messages.success(request, _("Tugas '%(task)s' ditarik kembali.") % {"task": task})
    return redirect("workflow:task", task.pk)
