"""The pages of steps 1-3: every user of the organisation reads them; the step's actor
edits them while the step's task is open (403 otherwise; another organisation: 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from erkt.org.access import employee_of
from erkt.org.models import Employee, Role
from erkt.rkt.preparation.forms import DisposisiForm, KehadiranForm, RapatForm, RencanaForm
from erkt.rkt.preparation.models import Disposisi, RapatSosialisasi, RencanaPenyusunan
from erkt.rkt.preparation.services import (
    Person,
    holder,
    invited_units,
    person,
    record_attendance,
    role_position,
    save_disposisi,
    save_rapat,
    save_rencana,
    tim_perencanaan_holders,
)
from erkt.rkt.preparation.steps import (
    DISPOSISI,
    RENCANA,
    SOSIALISASI,
    editing_task,
    open_task,
    require_editing_task,
    step_of,
)
from erkt.sop.qualifications import assess_all, requirements
from erkt.workflow.calendar import today_for
from erkt.workflow.errors import WorkflowError
from erkt.workflow.models import Process
from erkt.workflow.pages import get_process
from erkt.workflow.permissions import position_with_role
from erkt.workflow.versioning import Stale
from erkt.workflow.views.common import render_for

TEMPLATES = "rkt/preparation/"


def _page(
    request: HttpRequest, template: str, process: Process, key: str, status: int = 200, **context
) -> HttpResponse:
    """Render a step page with the step, its run and the user's open task (if any)."""
    step = step_of(process, key)
    context = {
        "process": process,
        "step": step,
        "step_run": process.step_runs.filter(step=step).first(),
        "task": open_task(process, key),
        "editing": editing_task(process, key, request.user) is not None,
        "today": today_for(process.organization),
        **context,
    }
    return render_for(request, TEMPLATES + template, context, process.organization, status)


def _saved(request: HttpRequest, url_name: str, process: Process, notice: str) -> HttpResponse:
    messages.success(request, notice)
    return redirect(url_name, process.pk)


# --- Step 1: the disposition -----------------------------------------------------------------


def _parties(process: Process, user) -> dict[str, Person]:
    """Who the disposition would name if the user saved it now (shown beside the form)."""
    kepala = position_with_role(user, process.organization_id, Role.KEPALA)
    kasubbag = role_position(process, Role.KASUBBAG_PERENCANAAN)
    return {"dari": person(employee_of(user), kepala), "kepada": person(holder(kasubbag), kasubbag)}


@login_required
@require_http_methods(["GET", "POST"])
def disposisi(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request.user, process_id)
    step_of(process, DISPOSISI)
    record = Disposisi.objects.filter(process=process).first()
    today = today_for(process.organization)
    if request.method == "GET":
        editing = editing_task(process, DISPOSISI, request.user)
        form = DisposisiForm(instance=record, process=process, today=today) if editing else None
        context = {"form": form, "disposisi": record, **_parties(process, request.user)}
        return _page(request, "disposisi.html", process, DISPOSISI, **context)
    require_editing_task(process, DISPOSISI, request.user)
    form = DisposisiForm(request.POST, instance=record, process=process, today=today)
    status = 422
    if form.is_valid():
        try:
            save_disposisi(
                process,
                by=request.user,
                data=form.cleaned_data,
                version=form.cleaned_data["version"],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            return _saved(request, "rkt:disposisi", process, _("Lembar disposisi disimpan."))
    context = {"form": form, **_parties(process, request.user)}
    return _page(request, "disposisi.html", process, DISPOSISI, status, **context)


# --- Step 2: the preparation plan --------------------------------------------------------------


def _rencana_form(request: HttpRequest, process: Process, record: RencanaPenyusunan | None):
    runs = list(process.step_runs.select_related("step__actor").order_by("number"))
    if request.method == "POST":
        return RencanaForm(request.POST, process=process, runs=runs)
    if record is not None:
        initial = {
            "tim": [a.employee_id for a in record.anggota.all()],
            "uraian": record.uraian,
            "version": record.version,
        }
    else:
        initial = {"tim": [e.pk for e in tim_perencanaan_holders(process)], "version": 0}
    return RencanaForm(initial=initial, process=process, runs=runs)


def _rencana_page(request: HttpRequest, process: Process, form, status: int = 200):
    record = (
        RencanaPenyusunan.objects.filter(process=process)
        .prefetch_related("anggota", "jadwal")
        .first()
    )
    context = {
        "form": form,
        "rencana": record,
        "anggota": _anggota_checked(process, record) if form is None else [],
        "disposisi": Disposisi.objects.filter(process=process).first(),
    }
    return _page(request, "rencana.html", process, RENCANA, status, **context)


def _anggota_checked(process: Process, record: RencanaPenyusunan | None) -> list[tuple]:
    """The plan's team, each member with their check against the SOP's kualifikasi."""
    if record is None:
        return []
    anggota = list(record.anggota.all())
    employees = Employee.objects.filter(pk__in=[a.employee_id for a in anggota])
    checks = assess_all(
        requirements(process.sop_version.kualifikasi_pelaksana),
        employees.prefetch_related("trainings"),
    )
    return [(member, checks.get(member.employee_id)) for member in anggota]


@login_required
@require_http_methods(["GET", "POST"])
def rencana(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request.user, process_id)
    step_of(process, RENCANA)
    if request.method == "GET":
        editing = editing_task(process, RENCANA, request.user)
        record = RencanaPenyusunan.objects.filter(process=process).first()
        form = _rencana_form(request, process, record) if editing else None
        return _rencana_page(request, process, form)
    require_editing_task(process, RENCANA, request.user)
    form = _rencana_form(request, process, None)
    status = 422
    if form.is_valid():
        try:
            save_rencana(
                process,
                by=request.user,
                uraian=form.cleaned_data["uraian"].strip(),
                tim=form.cleaned_data["tim"],
                working_days=form.working_days(),
                version=form.cleaned_data["version"],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
            status = error.status if isinstance(error, Stale) else 422
        else:
            return _saved(request, "rkt:rencana", process, _("Rencana penyusunan RKT disimpan."))
    return _rencana_page(request, process, form, status)


# --- Step 3: the socialisation meeting ----------------------------------------------------------


def _rapat_page(request: HttpRequest, process: Process, status: int = 200, **forms):
    rapat = RapatSosialisasi.objects.filter(process=process).prefetch_related("peserta").first()
    today = today_for(process.organization)
    if editing_task(process, SOSIALISASI, request.user):
        forms.setdefault("rapat_form", RapatForm(instance=rapat, process=process, today=today))
        if rapat is not None and rapat.tanggal <= today:
            forms.setdefault("kehadiran_form", KehadiranForm(rapat=rapat, today=today))
    context = {
        "rapat": rapat,
        "units": invited_units(process) if rapat is None else [],
        "missing": rapat.missing() if rapat is not None else [],
        **forms,
    }
    return _page(request, "sosialisasi.html", process, SOSIALISASI, status, **context)


@login_required
@require_http_methods(["GET", "POST"])
def sosialisasi(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request.user, process_id)
    step_of(process, SOSIALISASI)
    if request.method == "GET":
        return _rapat_page(request, process)
    require_editing_task(process, SOSIALISASI, request.user)
    rapat = RapatSosialisasi.objects.filter(process=process).first()
    today = today_for(process.organization)
    form = RapatForm(request.POST, instance=rapat, process=process, today=today)
    status = 422
    if form.is_valid():
        try:
            save_rapat(
                process,
                by=request.user,
                data=form.cleaned_data,
                version=form.cleaned_data["version"],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            notice = _("Undangan rapat sosialisasi disimpan.")
            return _saved(request, "rkt:sosialisasi", process, notice)
    return _rapat_page(request, process, status, rapat_form=form)


@login_required
@require_POST
def sosialisasi_kehadiran(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request.user, process_id)
    step_of(process, SOSIALISASI)
    require_editing_task(process, SOSIALISASI, request.user)
    rapat = RapatSosialisasi.objects.filter(process=process).first()
    if rapat is None:
        messages.error(request, _("Catat dahulu tanggal, waktu dan tempat rapat."))
        return redirect("rkt:sosialisasi", process.pk)
    form = KehadiranForm(request.POST, rapat=rapat, today=today_for(process.organization))
    status = 422
    if form.is_valid():
        try:
            record_attendance(
                rapat,
                by=request.user,
                attendance=form.attendance(),
                notulen=form.cleaned_data["notulen"].strip(),
                version=form.cleaned_data["version"],
            )
        except WorkflowError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            notice = _("Kehadiran dan notulen rapat disimpan.")
            return _saved(request, "rkt:sosialisasi", process, notice)
    return _rapat_page(request, process, status, kehadiran_form=form)
