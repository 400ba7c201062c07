"""Processes: start one, follow it step by step, cancel it."""

import functools

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from erkt.api.errors import ApiError
from erkt.api.prebuilt import answer, caller_zone
from erkt.api.schemas import (
    ProcessCancel,
    ProcessOut,
    ProcessRevise,
    ProcessStart,
    ProcessSummary,
    ProcessSuspend,
)
from erkt.api.tasks import local_task_data, task_data
from erkt.compiled_sql import Shape
from erkt.org.access import organization_of
from erkt.rkt.drafts.models import DraftRkt
from erkt.sop.models import Sop
from erkt.workflow import engine, pages
from erkt.workflow.models import Process, ProcessSuspension, StepRun
from erkt.workflow.monitoring import DayText, UtcText, to_utc

router = Router(tags=["Proses"])


class ProcessFilter(Schema):
    status: Process.Status | None = None
    year: int | None = None
    sop: str | None = None


def get_process(request: HttpRequest, process_id: int) -> Process:
    """The process of the caller's organisation (a Pemkab reader: of any OPD), with its
    organisation, SOP and version: the process page's read (erkt.workflow.pages)."""
    return pages.get_process(request.user, process_id)


def process_summary(process: Process) -> dict:
    return {
        "id": process.pk,
        "sop": process.sop.code,
        "judul": process.sop_version.judul,
        "year": process.year,
        "status": process.status,
        "start_date": process.start_date,
        "planned_end": process.planned_end,
        "completed_at": process.completed_at,
        "cancel_reason": process.cancel_reason,
        "revision": process.revision,
        "revision_reason": process.revision_reason,
    }


def step_run_data(run: StepRun) -> dict:
    return {
        "number": run.number,
        "uraian": run.step.uraian,
        "status": run.status,
        "passes": run.passes,
        "planned_start": run.planned_start,
        "planned_due": run.planned_due,
        "opened_on": run.opened_on,
        "due_date": run.due_date,
        "completed_at": run.completed_at,
        "overdue": run.overdue,
        "remaining_working_days": run.remaining_working_days,
    }


def process_data(process: Process, user, reread: bool = True) -> dict:
    """The process as `user` may see it: another unit's tasks are left out.

    Re-read (`reread`) after an action, so that the answer shows the state the engine left
    behind; a read (GET) answers from the process it has just read, with its sop, version
    and organisation (get_process), sparing one query. Its step runs, tasks and files are
    those the process page shows (erkt.workflow.pages.process_parts: compiled shapes)."""
    if reread:
        process = pages.PROCESS_OF_ORGANIZATION.rows(process.organization_id, process.pk)[0]
    parts = pages.process_parts(process, user)
    return {
        **process_summary(process),
        "sop_version": process.sop_version.number,
        **suspension_data(process),
        "steps": [step_run_data(run) for run in parts.runs],
        "tasks": [task_data(task, parts.files[task.pk]) for task in parts.tasks],
        "current_draft": current_draft(process),
    }


# A process's suspensions with who started them, oldest first; compiled once
# (erkt.compiled_sql): Meta.ordering's "process" would join the process.
SUSPENSIONS = Shape(
    lambda process_id: (
        ProcessSuspension.objects.filter(process_id=process_id)
        .select_related("started_by")
        .order_by("started_at", "pk")
    )
)


def suspension_data(process: Process) -> dict:
    suspensions = SUSPENSIONS.rows(process.pk)
    return {
        "suspended": process.is_running and any(s.is_open for s in suspensions),
        "suspensions": [
            {
                "reason": s.reason,
                "started_on": s.started_on,
                "started_by": s.started_by.get_username(),
                "ended_on": s.ended_on,
                "working_days": s.working_days,
            }
            for s in suspensions
        ],
    }


# DraftRkt.objects.latest_of(process) as the answer shows it, compiled once.
LATEST_DRAFT = Shape(
    lambda process_id: (
        DraftRkt.objects.filter(process_id=process_id)
        .order_by("-number")
        .values_list("pk", "number", "status")[:1]
    )
)


def current_draft(process: Process) -> dict | None:
    """The latest Draft RKT version of the process (an SOP without drafts: None)."""
    found = LATEST_DRAFT.rows(process.pk)
    if not found:
        return None
    pk, number, status = found[0]
    return {"id": pk, "number": number, "status": status}


# The list's columns as values (no model instances, none of the SOP version's JSON
# decoded), keyed as process_summary() keys them. The dates as the ISO text the answer
# writes and the completion as its UTC text (erkt.workflow.monitoring's DayText and
# UtcText): read as dates, each went through the driver's parser, Django's converter and
# the JSON encoder's default, some twenty Python calls a process.
SUMMARY_COLUMNS = {
    "id": "pk",
    "sop": "sop__code",
    "judul": "sop_version__judul",
    "year": "year",
    "status": "status",
    "start_date": DayText(F("start_date")),
    "planned_end": DayText(F("planned_end")),
    "completed_at": UtcText(F("completed_at")),
    "cancel_reason": "cancel_reason",
    "revision": "revision",
    "revision_reason": "revision_reason",
}
FILTERS = {"status": "status", "year": "year", "sop": "sop__code"}


@functools.cache
def _summaries(filters: tuple[str, ...]) -> Shape:
    """The organisation's processes (Meta ordering) with the given filters, as values:
    Process.objects.filter(organization_id=pk, **{FILTERS[name]: value ...}) read as
    process_summary() reads them, compiled once per set of filters (erkt.compiled_sql)."""

    def build(organization_id: int, *values):
        lookups = {FILTERS[name]: value for name, value in zip(filters, values, strict=True)}
        return Process.objects.filter(organization_id=organization_id, **lookups).values_list(
            *SUMMARY_COLUMNS.values()
        )

    return Shape(build)


@router.get("/processes", response=list[ProcessSummary], summary="Daftar pelaksanaan SOP")
def process_list(request: HttpRequest, filters: Query[ProcessFilter]) -> HttpResponse:
    given = {name: getattr(filters, name) for name in FILTERS if getattr(filters, name)}
    rows = _summaries(tuple(given)).rows(organization_of(request.user).pk, *given.values())
    data = [dict(zip(SUMMARY_COLUMNS, row, strict=True)) for row in rows]
    zone = caller_zone(request)
    for summary in data:
        if summary["completed_at"] is not None:
            summary["completed_at"] = to_utc(summary["completed_at"]).astimezone(zone)
    # ProcessSummary's order and types, its datetime in the caller's zone as LocalDateTime
    # writes it: written without ninja's validation of every row (erkt.api.prebuilt;
    # test_processes_api checks it against the schema).
    return answer(request, data)


@router.post("/processes", response={201: ProcessOut}, summary="Mulai pelaksanaan SOP")
def process_start(request: HttpRequest, payload: ProcessStart) -> Status:
    sop = Sop.objects.filter(organization=organization_of(request.user), code=payload.sop).first()
    if sop is None:
        message = _("SOP dengan kode '%(code)s' tidak ditemukan.") % {"code": payload.sop}
        raise ApiError(422, message)
    process = engine.start_process(
        sop=sop,
        year=payload.year,
        by=request.user,
        start_date=payload.start_date,
        on_behalf_reason=payload.on_behalf_reason,
    )
    return Status(201, process_data(process, request.user))


@router.post(
    "/processes/{process_id}/revise", response={201: ProcessOut}, summary="Mulai Perubahan RKT"
)
def process_revise(request: HttpRequest, process_id: int, payload: ProcessRevise) -> Status:
    """A revision of the signed, archived year of this process (Kepala Badan, with a reason)."""
    process = get_process(request, process_id)
    revision = engine.start_revision(
        sop=process.sop,
        year=process.year,
        by=request.user,
        reason=payload.reason,
        start_date=payload.start_date,
        on_behalf_reason=payload.on_behalf_reason,
    )
    return Status(201, process_data(revision, request.user))


@router.get("/processes/{process_id}", response=ProcessOut, summary="Keadaan satu pelaksanaan")
def process_detail(request: HttpRequest, process_id: int) -> HttpResponse:
    data = process_data(get_process(request, process_id), request.user, reread=False)
    # Built in ProcessOut's order and types, its datetimes in the caller's zone as
    # LocalDateTime writes them: written without ninja's validation (erkt.api.prebuilt;
    # test_processes_api checks it against the schema).
    return answer(request, local_process_data(data, caller_zone(request)))


def local_process_data(data: dict, zone) -> dict:
    """process_data's datetimes as LocalDateTime writes them (erkt.api.schemas)."""
    for item in (data, *data["steps"]):
        if item["completed_at"] is not None:
            item["completed_at"] = item["completed_at"].astimezone(zone)
    for task in data["tasks"]:
        local_task_data(task, zone)
    return data


@router.post("/processes/{process_id}/cancel", response=ProcessOut, summary="Batalkan pelaksanaan")
def process_cancel(request: HttpRequest, process_id: int, payload: ProcessCancel) -> dict:
    process = engine.cancel_process(
        get_process(request, process_id),
        by=request.user,
        reason=payload.reason,
        on_behalf_reason=payload.on_behalf_reason,
    )
    return process_data(process, request.user)


@router.post(
    "/processes/{process_id}/suspend", response=ProcessOut, summary="Tangguhkan pelaksanaan"
)
def process_suspend(request: HttpRequest, process_id: int, payload: ProcessSuspend) -> dict:
    """Kepala Badan (or its Plt./Plh.) only: no task can be completed until resumed."""
    process = get_process(request, process_id)
    engine.suspend_process(process, by=request.user, reason=payload.reason)
    return process_data(process, request.user)


@router.post("/processes/{process_id}/resume", response=ProcessOut, summary="Lanjutkan pelaksanaan")
def process_resume(request: HttpRequest, process_id: int) -> dict:
    """The open deadlines move by the working days of the suspension."""
    process = get_process(request, process_id)
    engine.resume_process(process, by=request.user)
    return process_data(process, request.user)
