"""The workflow engine: every state change of a process goes through these functions.

Each public function runs in one database transaction: it locks the process row
(so transitions of one process happen one after another), checks permission,
validates, changes state and appends audit entries. It raises a
erkt.workflow.errors.WorkflowError (NotAllowed 403, Conflict 409, Invalid 422)
and then nothing has changed.

`by` is the acting User. An administrator (staff account of the organisation)
who is not an assignee may act for the assignee by giving `on_behalf_reason`,
which is stored on the task and in the audit log.

Objects of another organisation must be filtered out by the caller (views and
the API answer 404 before calling the engine).
"""

from __future__ import annotations

import datetime
import functools
import json
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, JSONField
from django.db.models.expressions import RawSQL
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from erkt import compiled_writes, model_instances
from erkt.audit import planned as planned_audit
from erkt.audit.log import batch as audit_batch
from erkt.audit.log import record
from erkt.audit.models import AuditChain
from erkt.compiled_sql import Shape
from erkt.org.access import employee_of, positions_of
from erkt.org.models import Employee, Organization, Position, Role, Unit
from erkt.org.substitutes import acting_kind, holder_names
from erkt.org.templatetags.indonesian import format_tanggal
from erkt.sop.models import Sop, SopStep, SopVersion, StepKind
from erkt.workflow import actions
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.errors import Conflict, Invalid, NotAllowed, WorkflowError
from erkt.workflow.events import Cause, tasks_opened
from erkt.workflow.models import (
    Attachment,
    Process,
    ProcessSuspension,
    StepRun,
    Task,
    limited_working_days,
)
from erkt.workflow.permissions import (
    acting_position,
    can_view_process,
    is_admin_of,
    is_assignee,
    is_eligible,
    position_with_role,
)

__all__ = [
    "add_attachment",
    "can_view_process",
    "cancel_process",
    "claim_task",
    "complete_task",
    "plan_pass",
    "reassign_task",
    "remove_attachment",
    "reopen_unit_task",
    "resume_process",
    "start_process",
    "start_revision",
    "suspend_process",
    "tighten_plan",
    "unclaim_task",
    "withdraw_task",
]

DEFAULT_MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024
MIN_YEAR, MAX_YEAR = 2000, 2100


# --- Processes ---------------------------------------------------------------------------


def start_process(
    *,
    sop: Sop,
    year: int,
    by: Any,
    start_date: datetime.date | None = None,
    on_behalf_reason: str = "",
) -> Process:
    """Start the active version of `sop` for `year`; step 1 opens as the Kepala's task.

    The start date defaults to today (organisation time zone); a past date
    records a process begun on paper; a future date is refused.
    """
    org = sop.organization
    with transaction.atomic():
        Sop.objects.select_for_update().get(pk=sop.pk)  # one start of this SOP at a time
        position = _require_role(
            by,
            org,
            Role.KEPALA,
            on_behalf_reason,
            _("Hanya Kepala Badan yang dapat memulai pelaksanaan SOP."),
        )
        version = _active_version(sop)
        start = _start_date(org, start_date)
        _check_year(year)
        if _running(org, sop, year).exists():
            raise Conflict(
                _("Pelaksanaan %(sop)s tahun %(year)s masih berjalan.")
                % {"sop": version.judul, "year": year}
            )
        if _completed(org, sop, year).exists():
            raise Conflict(
                _(
                    "Pelaksanaan %(sop)s tahun %(year)s sudah selesai (ditandatangani dan "
                    "diarsipkan) dan tidak dapat dimulai lagi."
                )
                % {"sop": version.judul, "year": year}
            )
        return _begin(org, sop, version, year, start, by, position, on_behalf_reason)


def start_revision(
    *,
    sop: Sop,
    year: int,
    by: Any,
    reason: str,
    start_date: datetime.date | None = None,
    on_behalf_reason: str = "",
) -> Process:
    """Perubahan RKT: the Kepala revises a signed, archived year explicitly, with a reason.

    The revision is a process of its own for the same year ("RKT 2027 — Perubahan 1");
    a plain start of that year stays refused.
    """
    org = sop.organization
    reason = (reason or "").strip()
    with transaction.atomic():
        Sop.objects.select_for_update().get(pk=sop.pk)
        position = _require_role(
            by,
            org,
            Role.KEPALA,
            on_behalf_reason,
            _("Hanya Kepala Badan yang dapat memulai Perubahan RKT."),
        )
        if not reason:
            raise Invalid(_("Alasan perubahan wajib diisi."))
        version = _active_version(sop)
        start = _start_date(org, start_date)
        _check_year(year)
        if _running(org, sop, year).exists():
            raise Conflict(
                _("Pelaksanaan %(sop)s tahun %(year)s masih berjalan.")
                % {"sop": version.judul, "year": year}
            )
        completed = _completed(org, sop, year)
        if not completed.exists():
            raise Conflict(
                _("RKT tahun %(year)s belum ditandatangani; belum ada yang dapat diubah.")
                % {"year": year}
            )
        last = max(completed.values_list("revision", flat=True))
        return _begin(
            org, sop, version, year, start, by, position, on_behalf_reason, last + 1, reason
        )


def _begin(
    org: Organization,
    sop: Sop,
    version: SopVersion,
    year: int,
    start: datetime.date,
    by: Any,
    position: Position | None,
    on_behalf_reason: str,
    revision: int = 0,
    revision_reason: str = "",
) -> Process:
    """Create the process and its step runs; step 1 opens (inside the caller's transaction)."""
    steps = list(version.steps.select_related("actor").order_by("number"))
    _check_assignments(org, steps)
    calendar = WorkingCalendar(org)
    plan = _plan(steps, start, calendar)
    process = Process(
        organization=org,
        sop=sop,
        sop_version=version,
        year=year,
        start_date=start,
        planned_end=max((due for _start, due in plan.values()), default=start),
        started_by=by,
        revision=revision,
        revision_reason=revision_reason,
    )
    try:
        with transaction.atomic():
            process.save()
    except IntegrityError as error:
        raise Conflict(
            _("Pelaksanaan SOP ini untuk tahun %(year)s masih berjalan.") % {"year": year}
        ) from error
    runs = [_create_run(process, step, plan.get(step.number)) for step in steps]
    record(
        organization=org,
        user=by,
        position=position,
        action="process.revise" if revision else "process.start",
        obj=process,
        after=_process_state(process),
        reason=_join(revision_reason, _on_behalf(by, position, on_behalf_reason)),
    )
    _open_step(process, _first(runs), start, calendar, by)
    return process


def cancel_process(
    process: Process, *, by: Any, reason: str, on_behalf_reason: str = ""
) -> Process:
    """Cancel a running process (Kepala Badan only, with a reason); open tasks are cancelled."""
    reason = (reason or "").strip()
    with transaction.atomic():
        process = _lock_process(process.pk)
        _require_running(process)
        position = _require_role(
            by,
            process.organization,
            Role.KEPALA,
            on_behalf_reason,
            _("Hanya Kepala Badan yang dapat membatalkan pelaksanaan SOP."),
        )
        if not reason:
            raise Invalid(_("Alasan pembatalan wajib diisi."))
        before = _process_state(process)
        process.status = Process.Status.CANCELLED
        process.cancelled_at = timezone.now()
        process.cancelled_by = by
        process.cancel_reason = reason
        process.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
        process.tasks.filter(status=Task.Status.OPEN).update(status=Task.Status.CANCELLED)
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="process.cancel",
            obj=process,
            before=before,
            after=_process_state(process),
            reason=_join(reason, _on_behalf(by, position, on_behalf_reason)),
        )
    return process


def plan_pass(
    organization: Organization, version: SopVersion, start_date: datetime.date
) -> dict[int, tuple[datetime.date, datetime.date]]:
    """{step number: (planned start, planned due)} of one pass, every step finishing on time."""
    steps = list(version.steps.order_by("number"))
    return _plan(steps, start_date, WorkingCalendar(organization))


def tighten_plan(
    process: Process,
    *,
    by: Any,
    working_days: Mapping[int, int],
    on_behalf_reason: str = "",
) -> Process:
    """Shorten the waktu of steps of this process and move their planned dates.

    `working_days` maps step numbers to working days, each from 1 up to the step's
    waktu in the SOP (the SOP's value puts a step back to it): a plan may tighten the
    SOP's deadlines, never extend them. Only steps not opened yet (pending) may change,
    so a deadline already announced stays. The planned dates and the planned end are
    recomputed from the start date; a step opened later is due after its new limit.
    Allowed to a holder of the active step's role and to the Kepala Badan.
    """
    with transaction.atomic():
        process = _lock_process(process.pk)
        _require_running(process)
        runs = list(process.step_runs.select_related("step__actor").order_by("number"))
        position = _require_planner(by, process, runs, on_behalf_reason)
        limits = _tightened_limits(process, runs, working_days)
        if limits == process.step_working_days:
            return process
        before = _plan_state(process)
        process.step_working_days = limits
        plan = _plan(
            [r.step for r in runs],
            process.start_date,
            WorkingCalendar(process.organization),
            limits,
        )
        for run in runs:
            planned = plan.get(run.number, (run.planned_start, run.planned_due))
            if (run.planned_start, run.planned_due) != planned:
                run.planned_start, run.planned_due = planned
                run.save(update_fields=["planned_start", "planned_due"])
        process.planned_end = max(
            (due for _start, due in plan.values()), default=process.planned_end
        )
        process.save(update_fields=["step_working_days", "planned_end"])
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="process.tighten_plan",
            obj=process,
            before=before,
            after=_plan_state(process),
            reason=_on_behalf(by, position, on_behalf_reason),
        )
    return process


def _require_planner(
    by: Any, process: Process, runs: list[StepRun], on_behalf_reason: str
) -> Position | None:
    roles = [r.step.actor.role for r in runs if r.status == StepRun.Status.ACTIVE] + [Role.KEPALA]
    for role in roles:
        position = position_with_role(by, process.organization_id, role)
        if position is not None:
            return position
    if is_admin_of(by, process.organization_id):
        _require_on_behalf_reason(on_behalf_reason)
        return None
    raise NotAllowed(
        _(
            "Hanya pelaksana langkah yang sedang berjalan atau Kepala Badan yang dapat "
            "mengubah rencana waktu."
        )
    )


def _tightened_limits(
    process: Process, runs: list[StepRun], working_days: Mapping[int, int]
) -> dict[str, int]:
    """The process's new limits, or Invalid naming every step asked wrongly."""
    by_number = {r.number: r for r in runs}
    limits = dict(process.step_working_days)
    problems: list[str] = []
    for number, days in sorted(working_days.items()):
        run = by_number.get(number)
        if run is None:
            problems.append(_("Langkah %(number)s tidak ada dalam SOP ini.") % {"number": number})
            continue
        step, context = run.step, {"number": number, "max": run.step.working_days}
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            problems.append(_("Waktu langkah %(number)s paling sedikit 1 hari kerja.") % context)
        elif days > step.working_days:
            problems.append(
                _(
                    "Waktu langkah %(number)s paling lama %(max)s hari kerja sesuai SOP: "
                    "rencana boleh mempersingkat waktu, tidak memperpanjangnya."
                )
                % context
            )
        elif days != process.working_days_for(step) and run.status != StepRun.Status.PENDING:
            problems.append(
                _("Langkah %(number)s sudah dibuka; waktunya tidak dapat diubah lagi.") % context
            )
        elif days == step.working_days:
            limits.pop(str(number), None)
        else:
            limits[str(number)] = days
    if problems:
        raise Invalid(" ".join(problems))
    return limits


def _plan_state(process: Process) -> dict[str, Any]:
    return {"step_working_days": process.step_working_days, "planned_end": process.planned_end}


# --- Warm-up ------------------------------------------------------------------------------


def warm_up() -> None:
    """Compile the queries every transition runs, once per process before its first request
    (erkt.gunicorn_config): a worker's first transition compiled them under SQLite's write
    lock, some 0.4 s of CPU while every other writer waited. Reads nothing that exists
    (primary key 0) and writes nothing; on SQLite it takes the write lock for as long."""
    with transaction.atomic():
        _LOCKED_PROCESS.rows(0)
        _PLANNED_PROCESS.rows(0)
        for shape in (*_LOCKED_TASK.values(), *_PLANNED_TASK.values()):
            shape.rows(0)
        _OPEN_IN_PASS.rows(0, 0, 0)
        _RUN_NUMBERED.rows(0, 0)
        _RUN_AFTER.rows(0, 0)
        _UNITS_FILLING_FORMS.rows(0)
        _POSITION_WITH_ROLE.rows(0, Role.KEPALA.value)
        planned_audit.warm_up()
        if connection.vendor == "sqlite":
            _plan_check_sql()


# --- Tasks -------------------------------------------------------------------------------


def complete_task(
    task: Task,
    *,
    by: Any,
    note: str = "",
    decision: str = "",
    on_behalf_reason: str = "",
    payload: Mapping[str, Any] | None = None,
) -> Task:
    """Complete a task with its output; the process moves on when the step is complete.

    A decision step takes "ya" or "tidak"; "tidak" needs the correction note and
    reopens the step the SOP names for "tidak". Other steps need their output
    (by default an uploaded file, see erkt.workflow.actions).
    """
    note, decision = (note or "").strip(), (decision or "").strip().lower()
    plan = _completion_plan(task, by, note, decision, on_behalf_reason)
    with transaction.atomic():
        if plan is not None and plan.holds():
            return plan.apply()
        with audit_batch():
            return _complete_locked(task, by, note, decision, on_behalf_reason, payload)


def _complete_locked(
    task: Task,
    by: Any,
    note: str,
    decision: str,
    on_behalf_reason: str,
    payload: Mapping[str, Any] | None,
) -> Task:
    """complete_task's transition, every read and check under the lock (any step)."""
    process, task = _lock_task(task)
    _require_not_suspended(process)
    position = _authorise(task, by, on_behalf_reason)
    step = task.step_run.step
    _check_decision(step, decision, note)
    action = actions.get(step.action)
    data = {**(payload or {}), "note": note, "decision": decision}
    action.validate(task, by, data)
    missing = action.missing_output(task)
    if missing:
        raise Invalid(_("Output '%(output)s' belum diunggah.") % {"output": missing})
    before = _task_state(task)
    _mark_done(task, by, position, note, decision, on_behalf_reason)
    _save_fields(task, *_DONE_FIELDS)
    action.on_complete(task, by, data)
    _record_completion(process, task, by, position, before, note, decision, on_behalf_reason)
    _advance(process, task, by, position)
    return task


# What completing writes on the task.
_DONE_FIELDS = (
    "status",
    "completed_by",
    "completed_at",
    "note",
    "decision",
    "on_behalf_reason",
    "completed_acting_kind",
    "completed_for",
)


def _mark_done(
    task: Task,
    by: Any,
    position: Position | None,
    note: str,
    decision: str,
    on_behalf_reason: str,
) -> None:
    task.status = Task.Status.DONE
    task.completed_by = by
    task.completed_at = timezone.now()
    task.note = note
    task.decision = decision
    task.on_behalf_reason = "" if position else on_behalf_reason.strip()
    # A Plt./Plh. completes "atas nama" the holder: kept on the task beside the audit entry.
    task.completed_acting_kind = acting_kind(position) or ""
    task.completed_for = holder_names(position)[:200] if task.completed_acting_kind else ""


def _record_completion(
    process: Process,
    task: Task,
    by: Any,
    position: Position | None,
    before: dict[str, Any],
    note: str,
    decision: str,
    on_behalf_reason: str,
) -> None:
    record(
        organization=process.organization,
        user=by,
        position=position,
        action="task.complete",
        obj=task,
        before=before,
        after=_task_state(task),
        reason=_join(
            note if decision == Task.Decision.TIDAK else "",
            _on_behalf(by, position, on_behalf_reason),
        ),
    )


# --- A completion planned before SQLite's write lock ----------------------------------------
#
# On SQLite every write transaction holds the database's one write lock from its BEGIN, so
# each millisecond between BEGIN and COMMIT delays every other writer. A completion of a
# step without content (no step action, no decision) therefore reads, checks and builds
# everything before its BEGIN: the task done, the step's run finished, the next run opened
# with its tasks, the audit entries and their INSERT. Under the lock one statement re-reads
# what decides the transition and what the plan's writes and audit snapshots were built
# from (`_plan_check_sql`); if it is all as planned, the prepared rows are written and the
# entries chained onto the head read by the same statement, else the transition runs as any
# other, read and decided under the lock. Another transition may commit between the plan's
# reads and the lock: it changes a row the check reads (the task, its process, the two runs,
# the step's other open tasks) or nothing the plan decided from. Rows the check does not
# read (an organisation's positions, calendar, names) are taken as they were just before the
# lock, as if their change had committed after this completion.


class _CompletionPlan:
    """A completion's writes built before the transaction; `holds()` under the lock tells
    whether they still are the transition, `apply()` writes them."""

    def __init__(self, task: Task, by: Any, observed: tuple, check_params: tuple) -> None:
        self.task, self.by = task, by
        self.observed, self.check_params = observed, check_params
        self.finished: StepRun | None = None  # the step's run, when this task finishes it
        self.opened: StepRun | None = None
        self.new_tasks: list[Task] = []
        self.new_tasks_insert: compiled_writes.Prepared | None = None
        self.updates: list[tuple[str, list]] = []  # the task's and the runs' UPDATEs
        # What queues the new tasks' notice, built before the lock (tasks_opened's `later`).
        self.announce: list[Callable[[], None]] = []
        self.audit: planned_audit.Planned | None = None
        self.valid_until: datetime.datetime | None = None
        self.head: tuple[int, str] | None = None

    def holds(self) -> bool:
        if timezone.now() >= self.valid_until:
            return False  # a new day in the organisation: the dates were today's
        with connection.cursor() as cursor:
            cursor.execute(_plan_check_sql(), self.check_params)
            row = cursor.fetchone()
        if row is None or row[-2] is None:
            return False  # no task, or an organisation without a chain head yet
        *current, last_seq, last_hash = row
        current[_WORKING_DAYS_COLUMN] = json.loads(current[_WORKING_DAYS_COLUMN])
        self.head = (last_seq, last_hash)
        return tuple(current) == self.observed

    def apply(self) -> Task:
        with connection.cursor() as cursor:
            for sql, params in self.updates:
                cursor.execute(sql, params)
        if self.finished is not None:
            _insert_planned(self.new_tasks, self.new_tasks_insert)
            for queue in self.announce:
                queue()
        self.audit.append(*self.head)
        return self.task


def _completion_plan(
    task: Task, by: Any, note: str, decision: str, on_behalf_reason: str
) -> _CompletionPlan | None:
    """The completion planned before the transaction, or None where it must be read and
    decided under the lock: not SQLite, a decision or a step action, a refusal (raised
    under the lock then), the process completing, the caller's own audit batch."""
    if connection.vendor != "sqlite" or decision or planned_audit.batch_open():
        return None
    try:
        with planned_audit.unwritten() as entries:
            plan = _plan_completion(task, by, note, on_behalf_reason)
    except WorkflowError:
        return None
    if plan is not None:
        plan.audit = planned_audit.Planned(entries)
    return plan


def _plan_completion(
    task: Task, by: Any, note: str, on_behalf_reason: str
) -> _CompletionPlan | None:
    read = _planned_reads(task)
    if read is None:
        return None
    process, task = read
    run = task.step_run
    position = _authorise(task, by, on_behalf_reason)
    others_open = run.step.per_unit and bool(_OPEN_IN_PASS.rows(run.pk, run.passes, task.pk))
    following = None if others_open else _following_run(process, run)
    if not others_open and not _opens_plainly(run, following):
        return None
    observed = (
        *_task_observed(task),
        *_process_observed(process),
        *_run_observed(run),
        int(others_open),
        *_run_observed(following),
    )
    plan = _CompletionPlan(task, by, observed, ())
    before = _task_state(task)
    _mark_done(task, by, position, note, "", on_behalf_reason)
    _record_completion(process, task, by, position, before, note, "", on_behalf_reason)
    plan.updates.append(_prepared_update(task, _DONE_FIELDS))
    today = today_for(process.organization)
    plan.valid_until = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time.min, tzinfo=_zone_of(process.organization)
    )
    if not others_open:
        _plan_next_step(plan, process, run, following, today, position)
    positions = sorted({new.position_id for new in plan.new_tasks})
    plan.observed += (len(positions),)
    plan.check_params = (
        Task.Status.OPEN.value,
        json.dumps(positions),
        following.pk if following else None,
        task.pk,
    )
    return plan


def _planned_reads(task: Task) -> tuple[Process, Task] | None:
    """The process and the task as _lock_task reads them, without the lock, when the task is
    one a plan completes: open, of a running process not suspended, its step active, without
    content (no action, no decision) and with its output."""
    processes = _PLANNED_PROCESS.rows(task.process_id)
    tasks = _PLANNED_TASK[task.unit_id is not None, task.claimed_by_id is not None].rows(task.pk)
    if not processes or not tasks:
        return None
    process, task = processes[0], tasks[0]
    task.process = task.step_run.process = process
    run, step = task.step_run, task.step_run.step
    if (
        task.status != Task.Status.OPEN
        or process.status != Process.Status.RUNNING
        or process.open_suspension
        or run.status != StepRun.Status.ACTIVE
        or step.is_decision
        or actions.get(step.action) is not actions.DEFAULT
        or actions.DEFAULT.missing_output(task)
    ):
        return None
    return process, task


def _opens_plainly(run: StepRun, following: StepRun | None) -> bool:
    """Whether finishing `run` opens `following` as the plan writes it: a step without an
    action (whose on_open would run under the lock); not the process's end."""
    return (
        following is not None
        and following.pk != run.pk
        and actions.get(following.step.action) is actions.DEFAULT
    )


def _plan_next_step(
    plan: _CompletionPlan,
    process: Process,
    run: StepRun,
    following: StepRun,
    today: datetime.date,
    position: Position | None,
) -> None:
    """The step's run finished and the next one opened with its tasks, as _advance does."""
    org = process.organization
    _finish_run(org, run, plan.by, position)
    before = _open_run(process, following, today, WorkingCalendar(org))
    plan.finished, plan.opened = run, following
    plan.new_tasks = _new_tasks(process, following, "", plan.task)
    plan.new_tasks_insert = compiled_writes.prepare_insert(plan.new_tasks)
    tasks_opened.send(
        Task, tasks=plan.new_tasks, cause=Cause.STEP, reason="", by=plan.by, later=plan.announce
    )
    _record_opened(process, following, plan.by, before, "")
    plan.updates += [
        _prepared_update(run, _RUN_DONE_FIELDS),
        _prepared_update(following, _RUN_OPEN_FIELDS),
    ]


def _task_observed(task: Task) -> tuple:
    """What the check reads of the task, as SQLite gives it (dates parsed by their declared
    type, as Django's connection asks)."""
    return (task.status, task.claimed_by_id, task.due_date, int(task.has_attachments))


def _process_observed(process: Process) -> tuple:
    return (process.status, process.step_working_days, int(process.open_suspension))


def _run_observed(run: StepRun | None) -> tuple:
    if run is None:
        return (None, None, None, None)
    return (run.status, run.passes, run.opened_on, run.due_date)


def _zone_of(org: Organization) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(org.time_zone or settings.TIME_ZONE)


# Whether another task of the step's pass is still open (a per-unit step waits for every
# unit), read for the plan; the check reads it again under the lock.
_OPEN_IN_PASS = Shape(
    lambda run, passes, task: (
        Task.objects.filter(step_run=run, pass_number=passes, status=Task.Status.OPEN)
        .exclude(pk=task)
        .values_list("pk", flat=True)[:1]
    )
)

# Where the process's tightened waktu (JSON text) is in the check's row.
_WORKING_DAYS_COLUMN = 5


@functools.cache
def _plan_check_sql() -> str:
    """One statement under the lock: the task, its process, its step's run and the step's
    other open tasks, the run the plan opens, whether the positions the new tasks go to are
    there, then the organisation's chain head (SQLite's SQL: plans are made there only)."""
    table = {
        model: connection.ops.quote_name(model._meta.db_table)
        for model in (Task, Process, StepRun, Attachment, ProcessSuspension, Position)
    }
    chain = connection.ops.quote_name(AuditChain._meta.db_table)
    return (
        "SELECT t.status, t.claimed_by_id, t.due_date, "
        f"EXISTS (SELECT 1 FROM {table[Attachment]} a WHERE a.task_id = t.id), "
        "p.status, p.step_working_days, "
        f"EXISTS (SELECT 1 FROM {table[ProcessSuspension]} s "
        "WHERE s.process_id = p.id AND s.ended_on IS NULL), "
        "r.status, r.passes, r.opened_on, r.due_date, "
        f"EXISTS (SELECT 1 FROM {table[Task]} o WHERE o.step_run_id = r.id "
        "AND o.pass_number = r.passes AND o.status = %s AND o.id <> t.id), "
        "f.status, f.passes, f.opened_on, f.due_date, "
        f"(SELECT COUNT(*) FROM {table[Position]} WHERE id IN (SELECT value FROM json_each(%s))), "
        "h.last_seq, h.last_hash "
        f"FROM {table[Task]} t "
        f"JOIN {table[Process]} p ON p.id = t.process_id "
        f"JOIN {table[StepRun]} r ON r.id = t.step_run_id "
        f"LEFT JOIN {table[StepRun]} f ON f.id = %s "
        f"LEFT JOIN {chain} h ON h.organization_id = p.organization_id "
        "WHERE t.id = %s"
    )


def _prepared_update(obj: Task | StepRun, fields: tuple[str, ...]) -> tuple[str, list]:
    """_save_fields(obj, *fields)'s statement and parameters, prepared before the lock.
    (compiled_writes prepares an UPDATE only as it runs it: its private step is used.)"""
    return compiled_writes._update_params(obj, fields, connection)


def _insert_planned(objs: list[Task], prepared: compiled_writes.Prepared | None) -> None:
    """compiled_writes.insert(objs) with the parameters prepare_insert() made before."""
    if prepared is None:
        compiled_writes.insert(objs)
        return
    with connection.cursor() as cursor:
        cursor.execute(prepared.sql, prepared.params)
        keys = [row[0] for row in connection.ops.fetch_returned_insert_rows(cursor)]
    if len(keys) != len(objs):
        raise RuntimeError(f"INSERT of {len(objs)} tasks returned {len(keys)} keys.")
    for obj, key in zip(objs, keys, strict=True):
        obj.pk = key
        obj._state.adding, obj._state.db = False, "default"


def claim_task(task: Task, *, by: Any) -> Task:
    """Take a lane task so the other holders see who works on it."""
    with transaction.atomic():
        process, task = _lock_task(task)
        if not is_eligible(by, task):
            raise NotAllowed(_("Anda bukan pemangku jabatan untuk tugas ini."))
        employee = employee_of(by)
        if task.claimed_by_id == employee.pk:
            return task
        if task.claimed_by_id is not None:
            raise Conflict(_("Tugas ini sudah diambil oleh %(name)s.") % {"name": task.claimed_by})
        return _set_claimant(process, task, employee, by, acting_position(by, task), "task.claim")


def unclaim_task(task: Task, *, by: Any) -> Task:
    """Release a claimed task (the claimant, or the Kasubbag Perencanaan)."""
    with transaction.atomic():
        process, task = _lock_task(task)
        if task.claimed_by_id is None:
            raise Conflict(_("Tugas ini belum diambil siapa pun."))
        employee = employee_of(by)
        position = position_with_role(by, process.organization_id, Role.KASUBBAG_PERENCANAAN)
        if employee is not None and task.claimed_by_id == employee.pk:
            position = acting_position(by, task)
        elif position is None:
            raise NotAllowed(_("Hanya pegawai yang mengambil tugas ini yang dapat melepasnya."))
        return _set_claimant(process, task, None, by, position, "task.unclaim")


def reassign_task(task: Task, *, by: Any, to: Employee, on_behalf_reason: str = "") -> Task:
    """Give a task to one of its eligible holders (Kasubbag Perencanaan)."""
    with transaction.atomic():
        process, task = _lock_task(task)
        position = _require_role(
            by,
            process.organization,
            Role.KASUBBAG_PERENCANAAN,
            on_behalf_reason,
            _("Hanya Kasubbag Perencanaan yang dapat mengalihkan tugas."),
        )
        if not task.eligible_employees().filter(pk=to.pk).exists():
            raise Invalid(
                _("%(name)s bukan pemangku jabatan untuk tugas ini.") % {"name": to.full_name}
            )
        return _set_claimant(
            process,
            task,
            to,
            by,
            position,
            "task.reassign",
            _on_behalf(by, position, on_behalf_reason),
        )


def add_attachment(
    task: Task, *, by: Any, file: UploadedFile, on_behalf_reason: str = ""
) -> Attachment:
    """Upload a file as the task's output (assignees of the open task only)."""
    with transaction.atomic():
        process, task = _lock_task(task)
        position = _authorise(task, by, on_behalf_reason)
        _check_file(file)
        attachment = Attachment(
            task=task,
            file=file,
            original_name=_base_name(file.name),
            size=file.size,
            content_type=(getattr(file, "content_type", "") or "")[:100],
            uploaded_by=by,
        )
        attachment.save()
        task.has_attachments = True  # as read with the lock, now with this file
        try:
            record(
                organization=process.organization,
                user=by,
                position=position,
                action="attachment.add",
                obj=task,
                after={"file": attachment.original_name, "size": attachment.size},
                reason=_on_behalf(by, position, on_behalf_reason),
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


def remove_attachment(attachment: Attachment, *, by: Any, on_behalf_reason: str = "") -> None:
    """Remove a wrong upload while its task is still open."""
    with transaction.atomic():
        process, task = _lock_task(attachment.task)
        position = _authorise(task, by, on_behalf_reason)
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, task=task)
        name, storage, path = (
            attachment.original_name,
            attachment.file.storage,
            attachment.file.name,
        )
        attachment.delete()
        task.has_attachments = None  # unknown again: the missing_output check asks
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="attachment.remove",
            obj=task,
            before={"file": name},
            reason=_on_behalf(by, position, on_behalf_reason),
        )
        transaction.on_commit(lambda: storage.delete(path))


def reopen_unit_task(
    process: Process,
    *,
    step_number: int,
    unit: Unit,
    by: Any,
    reason: str,
    on_behalf_reason: str = "",
) -> Task:
    """Give one unit its task of a completed per-unit step again, while a later step runs.

    E.g. the Tim Perencanaan, collecting the units' work, returns one unit's work
    with a reason. The unit gets a new task (next pass, `reason` as its
    correction note, due date counted from today); the step stays done and the
    later step stays active: completing the new task does not move the process.
    The later step's own rules must wait for the unit (its step action's output).
    Allowed to a holder of the role of the earliest active step after `step_number`.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        process = _lock_process(process.pk)
        _require_running(process)
        runs = list(process.step_runs.select_related("step__actor").order_by("number"))
        run = _run_numbered(runs, step_number)
        later = next(
            (r for r in runs if r.number > run.number and r.status == StepRun.Status.ACTIVE), None
        )
        if later is None or run.status != StepRun.Status.DONE:
            raise Conflict(
                _(
                    "Langkah %(number)s hanya dapat dibuka kembali untuk satu unit setelah "
                    "selesai, selama langkah berikutnya berjalan."
                )
                % {"number": run.number}
            )
        org = process.organization
        position = _require_role(
            by,
            org,
            later.step.actor.role,
            on_behalf_reason,
            _("Hanya %(role)s yang dapat membuka kembali langkah %(number)s.")
            % {"role": later.step.actor.name, "number": run.number},
        )
        if not reason:
            raise Invalid(_("Alasan membuka kembali langkah ini wajib diisi."))
        previous = _reopenable_unit_task(run, unit)
        task = _reopen(process, run, previous, reason, by)
        record(
            organization=org,
            user=by,
            position=position,
            action="task.reopen",
            obj=task,
            after=_task_state(task),
            reason=_join(reason, _on_behalf(by, position, on_behalf_reason)),
        )
    return task


def _reopenable_unit_task(run: StepRun, unit: Unit) -> Task:
    if not run.step.per_unit:
        raise Invalid(
            _("Langkah %(number)s bukan langkah per unit kerja.") % {"number": run.number}
        )
    tasks = run.tasks.filter(unit=unit)
    if tasks.filter(status=Task.Status.OPEN).exists():
        raise Conflict(
            _("Tugas %(unit)s pada langkah %(number)s masih terbuka.")
            % {"unit": unit.name, "number": run.number}
        )
    previous = tasks.order_by("-pass_number").first()
    if previous is None:
        raise Invalid(
            _("%(unit)s tidak mempunyai tugas pada langkah %(number)s.")
            % {"unit": unit.name, "number": run.number}
        )
    if unit.head_position_id is None:
        raise Invalid(
            _("Unit kerja berikut belum memiliki jabatan kepala unit: %(units)s.")
            % {"units": unit.name}
        )
    return previous


def _reopen(process: Process, run: StepRun, previous: Task, reason: str, by: Any) -> Task:
    calendar = WorkingCalendar(process.organization)
    today = today_for(process.organization)
    unit = previous.unit
    task = Task.objects.create(
        process=process,
        step_run=run,
        unit=unit,
        position=unit.head_position,
        pass_number=previous.pass_number + 1,
        opened_on=today,
        due_date=calendar.add_working_days(today, run.step.working_days),
        return_reason=reason,
    )
    if task.pass_number > run.passes:
        run.passes = task.pass_number
        run.save(update_fields=["passes"])
    actions.get(run.step.action).on_open(task)
    tasks_opened.send(Task, tasks=[task], cause=Cause.RETURNED, reason=reason, by=by)
    return task


# --- Suspension --------------------------------------------------------------------------


def suspend_process(process: Process, *, by: Any, reason: str) -> ProcessSuspension:
    """Stop the process clock (Kepala Badan, or its Plt./Plh., with a reason).

    While suspended no task can be completed or withdrawn; resume_process moves the open
    deadlines by the working days the suspension lasted.
    """
    reason = (reason or "").strip()
    with transaction.atomic():
        process = _lock_process(process.pk)
        _require_running(process)
        position = _require_kepala(by, process)
        if process.suspensions.filter(ended_on__isnull=True).exists():
            raise Conflict(_("Pelaksanaan SOP ini sudah ditangguhkan."))
        if not reason:
            raise Invalid(_("Alasan penangguhan wajib diisi."))
        suspension = ProcessSuspension.objects.create(
            process=process,
            reason=reason,
            started_on=today_for(process.organization),
            started_by=by,
        )
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="process.suspend",
            obj=process,
            after={"started_on": suspension.started_on, "reason": reason},
            reason=reason,
        )
    return suspension


def resume_process(process: Process, *, by: Any) -> ProcessSuspension:
    """Restart the clock: every open task (and active step) is due later by the working
    days in (started_on, today], counted on the organisation's calendar."""
    with transaction.atomic():
        process = _lock_process(process.pk)
        _require_running(process)
        position = _require_kepala(by, process)
        suspension = process.suspensions.select_for_update().filter(ended_on__isnull=True).first()
        if suspension is None:
            raise Conflict(_("Pelaksanaan SOP ini tidak sedang ditangguhkan."))
        calendar = WorkingCalendar(process.organization)
        suspension.ended_on = max(today_for(process.organization), suspension.started_on)
        suspension.ended_at = timezone.now()
        suspension.ended_by = by
        suspension.working_days = calendar.working_days_between(
            suspension.started_on, suspension.ended_on
        )
        suspension.save(update_fields=["ended_on", "ended_at", "ended_by", "working_days"])
        moved = _shift_open_deadlines(process, calendar, suspension.working_days)
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="process.resume",
            obj=process,
            before={"started_on": suspension.started_on, "reason": suspension.reason},
            after={
                "ended_on": suspension.ended_on,
                "working_days": suspension.working_days,
                "due_dates": moved,
            },
        )
    return suspension


def _require_kepala(by: Any, process: Process) -> Position:
    position = position_with_role(by, process.organization_id, Role.KEPALA)
    if position is None:
        raise NotAllowed(
            _(
                "Hanya Kepala Badan (atau Plt./Plh. Kepala Badan) yang dapat menangguhkan dan "
                "melanjutkan pelaksanaan SOP."
            )
        )
    return position


def _shift_open_deadlines(
    process: Process, calendar: WorkingCalendar, days: int
) -> dict[str, list[str]]:
    """Move each open task and active step run `days` working days later; {task: [old, new]}."""
    moved: dict[str, list[str]] = {}
    if days <= 0:
        return moved
    for task in process.tasks.filter(status=Task.Status.OPEN).order_by("pk"):
        before = task.due_date
        task.due_date = calendar.add_working_days(before, days)
        task.save(update_fields=["due_date"])
        moved[str(task.pk)] = [before.isoformat(), task.due_date.isoformat()]
    for run in process.step_runs.filter(status=StepRun.Status.ACTIVE, due_date__isnull=False):
        run.due_date = calendar.add_working_days(run.due_date, days)
        run.save(update_fields=["due_date"])
    return moved


# --- Withdrawal (tarik kembali) ------------------------------------------------------------


def withdraw_task(task: Task, *, by: Any, reason: str) -> Task:
    """Take back a completed task while the tasks its completion opened are untouched.

    Allowed to the user who completed it (or the Plt./Plh. of the completer's position).
    Untouched successors (see `_touched`) are marked withdrawn and their step goes back
    to pending; the task is open again with its note and attachments, its step active.
    """
    reason = (reason or "").strip()
    with transaction.atomic(), audit_batch():
        process = _lock_process(task.process_id)
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("step_run__step__actor", "position", "unit", "completed_by")
            .get(pk=task.pk)
        )
        task.process = task.step_run.process = process
        _require_running(process)
        _require_not_suspended(process)
        if task.status != Task.Status.DONE:
            raise Conflict(_("Hanya tugas yang sudah diselesaikan yang dapat ditarik kembali."))
        position = _withdrawer_position(by, task)
        if not reason:
            raise Invalid(_("Alasan tarik kembali wajib diisi."))
        successors = list(task.successors.select_related("step_run", "position", "unit"))
        _require_untouched(task, successors)
        before = _task_state(task)
        for successor in successors:
            _withdraw_successor(process, successor, by, position, reason)
        _reopen_withdrawn(process, task, successors, by, position)
        task.status = Task.Status.OPEN
        task.completed_by, task.completed_at, task.decision = None, None, ""
        task.withdraw_reason = reason
        task.save(
            update_fields=["status", "completed_by", "completed_at", "decision", "withdraw_reason"]
        )
        actions.get(task.step_run.step.action).on_withdraw(task, by, reason)
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="task.withdraw",
            obj=task,
            before=before,
            after={**_task_state(task), "withdrawn": [s.pk for s in successors]},
            reason=reason,
        )
    return task


def withdrawable(task: Task) -> bool:
    """Whether a completed task can still be taken back: the tasks its completion opened
    are all untouched (the rule `withdraw_task` enforces; the page offers it only then)."""
    successors = list(task.successors.select_related("step_run__step"))
    if task.step_run.status != StepRun.Status.ACTIVE and not successors:
        return False
    return not any(_touched(successor) for successor in successors)


def _withdrawer_position(by: Any, task: Task) -> Position:
    """The completer, or a Plt./Plh. acting today in the completer's position for the task."""
    if task.completed_by_id is not None and task.completed_by_id == getattr(by, "pk", None):
        return acting_position(by, task)
    completer = employee_of(task.completed_by) if task.completed_by_id else None
    if completer is not None:
        held = set(completer.positions.values_list("pk", flat=True))
        for position in positions_of(by):
            if acting_kind(position) and position.pk in held and position.pk == task.position_id:
                return position
    raise NotAllowed(
        _(
            "Hanya pegawai yang menyelesaikan tugas ini (atau Plh.-nya) yang dapat "
            "menariknya kembali."
        )
    )


def _touched(successor: Task) -> bool:
    """A successor is touched once anyone worked on it: completed (or otherwise no longer
    open), claimed, given a file, or saved by its step action (`StepAction.has_work`)."""
    return (
        successor.status != Task.Status.OPEN
        or successor.claimed_by_id is not None
        or successor.attachments.exists()
        or actions.get(successor.step_run.step.action).has_work(successor)
    )


def _require_untouched(task: Task, successors: list[Task]) -> None:
    if task.step_run.status != StepRun.Status.ACTIVE and not successors:
        # A unit's task reopened while a later step runs, or one completed before the
        # engine recorded successors: the process moved on without a way back.
        raise Conflict(
            _("Langkah berikutnya sudah berjalan; tugas ini tidak dapat ditarik kembali.")
        )
    touched = [s for s in successors if _touched(s)]
    if touched:
        raise Conflict(
            _(
                "Tugas ini tidak dapat ditarik kembali: langkah %(number)s berikutnya sudah "
                "dikerjakan (%(who)s)."
            )
            % {
                "number": touched[0].step_run.number,
                "who": ", ".join(
                    str(s.unit.short_name if s.unit_id else s.position) for s in touched
                ),
            }
        )


def _withdraw_successor(
    process: Process, successor: Task, by: Any, position: Position, reason: str
) -> None:
    before = _task_state(successor)
    successor.status = Task.Status.WITHDRAWN
    successor.withdraw_reason = reason
    successor.save(update_fields=["status", "withdraw_reason"])
    record(
        organization=process.organization,
        user=by,
        position=position,
        action="task.withdrawn",
        obj=successor,
        before=before,
        after=_task_state(successor),
        reason=reason,
    )


def _reopen_withdrawn(
    process: Process, task: Task, successors: list[Task], by: Any, position: Position
) -> None:
    """Put the successors' step back as it was before the completion opened it, and make
    the task's own step active again."""
    for run in {s.step_run_id: s.step_run for s in successors}.values():
        before = _run_state(run)
        run.passes = max(run.passes - 1, 0)
        earlier = run.tasks.filter(pass_number=run.passes).order_by("-pk").first()
        run.status = StepRun.Status.DONE if earlier else StepRun.Status.PENDING
        run.opened_on = earlier.opened_on if earlier else None
        run.due_date = earlier.due_date if earlier else None
        run.completed_at = earlier.completed_at if earlier else None
        if run.pk == task.step_run_id:
            continue  # a "tidak" loop back to the task's own step: set below
        run.save(update_fields=["passes", "status", "opened_on", "due_date", "completed_at"])
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="step.withdraw",
            obj=run,
            before=before,
            after=_run_state(run),
        )
    if task.decision == Task.Decision.TIDAK:
        _restore_between(process, task, successors, by, position)
    run = task.step_run
    if run.status != StepRun.Status.ACTIVE:
        before = _run_state(run)
        run.status, run.completed_at = StepRun.Status.ACTIVE, None
        run.save(update_fields=["status", "completed_at"])
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="step.reopen",
            obj=run,
            before=before,
            after=_run_state(run),
        )


def _restore_between(
    process: Process, task: Task, successors: list[Task], by: Any, position: Position
) -> None:
    """A withdrawn "tidak": the steps it reset to pending (after the reopened one, before
    the decision) were done before; they are done again."""
    targets = [s.step_run.number for s in successors]
    if not targets:
        return
    runs = process.step_runs.filter(
        number__gt=min(targets),
        number__lt=task.step_run.number,
        status=StepRun.Status.PENDING,
        passes__gt=0,
    )
    for run in runs:
        before = _run_state(run)
        run.status = StepRun.Status.DONE
        run.save(update_fields=["status"])
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="step.withdraw",
            obj=run,
            before=before,
            after=_run_state(run),
        )


# --- Moving the process on -----------------------------------------------------------------


def _advance(process: Process, task: Task, by: Any, position: Position | None) -> None:
    run = task.step_run
    if run.status != StepRun.Status.ACTIVE:
        return  # a unit's task reopened by reopen_unit_task: the later step is still under way
    if (
        run.step.per_unit
        and run.tasks.filter(pass_number=run.passes, status=Task.Status.OPEN).exists()
    ):
        return  # a per-unit step waits for every unit (another step has one task per pass)
    org = process.organization
    _finish_run(org, run, by, position)
    _save_fields(run, *_RUN_DONE_FIELDS)
    calendar = WorkingCalendar(org)
    today = today_for(org)
    if run.step.is_decision and task.decision == Task.Decision.TIDAK:
        runs = list(process.step_runs.select_related("step__actor").order_by("number"))
        target = _run_numbered(runs, run.step.no_step)
        _reset_between(org, runs, target, run, by, position)
        _open_step(process, target, today, calendar, by, return_reason=task.note, source=task)
        return
    following = _following_run(process, run)
    if following is None:
        _complete_process(process, by, position)
    else:
        _open_step(process, following, today, calendar, by, source=task)


# What finishing a step's run writes on it, and what opening one writes.
_RUN_DONE_FIELDS = ("status", "completed_at")
_RUN_OPEN_FIELDS = ("passes", "status", "opened_on", "due_date", "completed_at")


def _finish_run(org: Organization, run: StepRun, by: Any, position: Position | None) -> None:
    """The run done, with its audit entry (the caller writes the run)."""
    before = _run_state(run)
    run.status = StepRun.Status.DONE
    run.completed_at = timezone.now()
    record(
        organization=org,
        user=by,
        position=position,
        action="step.complete",
        obj=run,
        before=before,
        after=_run_state(run),
    )


def _open_step(
    process: Process,
    run: StepRun,
    opened_on: datetime.date,
    calendar: WorkingCalendar,
    by: Any,
    *,
    return_reason: str = "",
    source: Task | None = None,
) -> None:
    before = _open_run(process, run, opened_on, calendar)
    _save_fields(run, *_RUN_OPEN_FIELDS)
    action = actions.get(run.step.action)
    tasks = compiled_writes.insert(_new_tasks(process, run, return_reason, source))
    for task in tasks:
        action.on_open(task)
    _announce_opened(tasks, by, return_reason)
    _record_opened(process, run, by, before, return_reason)


def _open_run(
    process: Process, run: StepRun, opened_on: datetime.date, calendar: WorkingCalendar
) -> dict[str, Any]:
    """The run's next pass opened (the caller writes the run); its state before."""
    before = _run_state(run)
    run.passes += 1
    run.status = StepRun.Status.ACTIVE
    run.opened_on = opened_on
    run.due_date = calendar.add_working_days(opened_on, process.working_days_for(run.step))
    run.completed_at = None
    return before


def _new_tasks(
    process: Process, run: StepRun, return_reason: str, source: Task | None
) -> list[Task]:
    """The tasks of the run's new pass, not written yet."""
    return [
        model_instances.new(
            Task,
            process=process,
            step_run=run,
            unit=unit,
            position=position,
            pass_number=run.passes,
            opened_on=run.opened_on,
            due_date=run.due_date,
            return_reason=return_reason,
            opened_by_task=source,
        )
        for unit, position in _assignments(process.organization, run.step)
    ]


def _announce_opened(tasks: list[Task], by: Any, return_reason: str) -> None:
    cause = Cause.DECISION if return_reason else Cause.STEP
    tasks_opened.send(Task, tasks=tasks, cause=cause, reason=return_reason, by=by)


def _record_opened(
    process: Process, run: StepRun, by: Any, before: dict[str, Any], return_reason: str
) -> None:
    record(
        organization=process.organization,
        user=by,
        action="step.open",
        obj=run,
        before=before,
        after=_run_state(run),
        reason=return_reason,
    )


def _reset_between(
    org: Organization,
    runs: list[StepRun],
    target: StepRun,
    decision: StepRun,
    by: Any,
    position: Position | None,
) -> None:
    """Steps after the reopened one, up to the decision, run again: back to pending."""
    if target.number > decision.number:
        return
    for run in runs:
        if target.number < run.number <= decision.number and run.status != run.Status.PENDING:
            before = _run_state(run)
            run.status = StepRun.Status.PENDING
            run.save(update_fields=["status"])
            record(
                organization=org,
                user=by,
                position=position,
                action="step.reset",
                obj=run,
                before=before,
                after=_run_state(run),
            )


def _complete_process(process: Process, by: Any, position: Position | None) -> None:
    before = _process_state(process)
    process.status = Process.Status.COMPLETED
    process.completed_at = timezone.now()
    process.save(update_fields=["status", "completed_at"])
    record(
        organization=process.organization,
        user=by,
        position=position,
        action="process.complete",
        obj=process,
        before=before,
        after=_process_state(process),
    )


def _following_run(process: Process, run: StepRun) -> StepRun | None:
    """The run of the step after `run` on the "ya" path (as _next_number, reading only that
    run with its step); None after the end step."""
    step = run.step
    if step.kind == StepKind.END:
        return None
    if step.yes_step:
        found = _RUN_NUMBERED.rows(process.pk, step.yes_step)
        if not found:
            raise Invalid(
                _("Langkah %(number)s tidak ada dalam SOP ini.") % {"number": step.yes_step}
            )
    else:
        found = _RUN_AFTER.rows(process.pk, step.number)
    following = found[0] if found else None
    if following is not None:
        following.process = process
    return following


# _following_run's two reads, compiled once (they run under SQLite's write lock).
_RUN_NUMBERED = Shape(
    lambda process, number: (
        StepRun.objects.filter(process=process, number=number)
        .select_related("step__actor")
        .order_by("pk")[:1]
    )
)
_RUN_AFTER = Shape(
    lambda process, number: (
        StepRun.objects.filter(process=process, number__gt=number)
        .select_related("step__actor")
        .order_by("number")[:1]
    )
)


def _next_number(step: SopStep, numbers: Iterable[int]) -> int | None:
    if step.kind == StepKind.END:
        return None
    if step.yes_step:
        return step.yes_step
    later = [n for n in numbers if n > step.number]
    return min(later) if later else None


def _run_numbered(runs: list[StepRun], number: int | None) -> StepRun:
    for run in runs:
        if run.number == number:
            return run
    raise Invalid(_("Langkah %(number)s tidak ada dalam SOP ini.") % {"number": number})


def _first(runs: list[StepRun]) -> StepRun:
    starts = [r for r in runs if r.step.kind == StepKind.START]
    return (starts or runs)[0]


def _plan(
    steps: list[SopStep],
    start: datetime.date,
    calendar: WorkingCalendar,
    limits: dict[str, int] | None = None,
) -> dict[int, tuple[datetime.date, datetime.date]]:
    """Follow the "ya" path from the first step, each step opening on its predecessor's due.

    `limits` are a process's tightened waktu ({"<number>": working days}).
    """
    by_number = {s.number: s for s in steps}
    numbers = sorted(by_number)
    starts = [s for s in steps if s.kind == StepKind.START]
    step = starts[0] if starts else (by_number[numbers[0]] if numbers else None)
    plan: dict[int, tuple[datetime.date, datetime.date]] = {}
    opens = start
    while step is not None and step.number not in plan:
        due = calendar.add_working_days(opens, limited_working_days(step, limits))
        plan[step.number] = (opens, due)
        opens = due
        following = _next_number(step, numbers)
        step = by_number.get(following) if following is not None else None
    return plan


def _create_run(
    process: Process, step: SopStep, planned: tuple[datetime.date, datetime.date] | None
) -> StepRun:
    planned_start, planned_due = planned or (None, None)
    return StepRun.objects.create(
        process=process,
        step=step,
        number=step.number,
        planned_start=planned_start,
        planned_due=planned_due,
    )


# --- Assignments -------------------------------------------------------------------------


def _assignments(org: Organization, step: SopStep) -> list[tuple[Unit | None, Position]]:
    """(unit, position) of each task a step opens."""
    if step.per_unit:
        units = _UNITS_FILLING_FORMS.rows(org.pk)
        if not units:
            raise Invalid(_("Belum ada unit kerja yang mengisi Form RKT."))
        headless = [u.name for u in units if u.head_position is None]
        if headless:
            raise Invalid(
                _("Unit kerja berikut belum memiliki jabatan kepala unit: %(units)s.")
                % {"units": ", ".join(headless)}
            )
        return [(unit, unit.head_position) for unit in units]
    found = _POSITION_WITH_ROLE.rows(org.pk, step.actor.role)
    position = found[0] if found else None
    if position is None:
        raise Invalid(
            _("Belum ada jabatan dengan peran %(role)s untuk langkah %(number)s.")
            % {"role": Role(step.actor.role).label, "number": step.number}
        )
    return [(None, position)]


# The units a per-unit step opens a task for, compiled once: read under SQLite's write lock.
_UNITS_FILLING_FORMS = Shape(
    lambda org: (
        Unit.objects.filter(organization=org, fills_form_rkt=True)
        .select_related("head_position")
        .order_by("order", "name")
    )
)


# Position's ordering within one organisation (without joining the organisation); compiled
# once: a step opened by a transition reads it under SQLite's write lock.
_POSITION_WITH_ROLE = Shape(
    lambda org, role: Position.objects.filter(organization=org, role=role).order_by(
        "unit__order", "title"
    )[:1]
)


def _check_assignments(org: Organization, steps: list[SopStep]) -> None:
    """Refuse to start a process that would stall on a step nobody can be assigned to."""
    problems: list[str] = []
    for step in steps:
        if step.per_unit and step.is_decision:
            problems.append(
                _("Langkah %(number)s: keputusan per unit tidak didukung.")
                % {"number": step.number}
            )
            continue
        try:
            _assignments(org, step)
        except Invalid as error:
            if error.message not in problems:
                problems.append(error.message)
    if problems:
        raise Invalid(" ".join(problems))


def _save_fields(obj: Task | StepRun, *fields: str) -> None:
    """obj.save(update_fields=fields) as one UPDATE without Model.save's machinery (its
    signals, which no receiver listens to for tasks and step runs, and its checks of the
    related objects), its SQL written once (erkt.compiled_writes): a completion writes the
    task and two step runs under the write lock."""
    compiled_writes.update(obj, *fields)


# --- Checks ------------------------------------------------------------------------------


# Only the process row is locked (FOR UPDATE OF): locking the joined organisation and SOP
# version rows too, as a bare select_for_update() does on PostgreSQL, made every transition
# of an office wait for every other from its first query, while what they share, the
# audit chain, is locked by its own head at the append.
# The SOP version's document parts (JSON lists) are left unread: a transition names the
# version (its judul, in audit entries' object_repr) but never reads its document, and
# decoding the seven columns cost some 90 Python calls a transition.
def _process_query(locked: bool) -> Shape:
    processes = Process.objects.select_for_update(of=("self",)) if locked else Process.objects
    return Shape(
        lambda pk: (
            processes.select_related("organization", "sop_version")
            .defer(*_SOP_DOCUMENT)
            .annotate(open_suspension=_open_suspension())
            .filter(pk=pk)
        )
    )


_SOP_DOCUMENT = tuple(
    f"sop_version__{field.name}"
    for field in SopVersion._meta.concrete_fields
    if isinstance(field, JSONField)
)


_LOCKED_PROCESS = _process_query(locked=True)
# The same read before the transaction, for a completion's plan (SQLite locks no rows).
_PLANNED_PROCESS = _process_query(locked=False)


def _lock_process(pk: int) -> Process:
    """The process row locked, with `open_suspension` read in the same query (compiled once:
    every transition runs it, under SQLite's write lock)."""
    found = _LOCKED_PROCESS.rows(pk)
    if not found:
        raise Process.DoesNotExist("Process matching query does not exist.")
    return found[0]


def _open_suspension() -> RawSQL:
    """Whether the process has a suspension not ended yet: Exists(ProcessSuspension.objects
    .filter(process=OuterRef("pk"), ended_on__isnull=True)), written out because Django
    builds and compiles that subquery afresh on every lock, a millisecond of every
    transition (under SQLite's write lock)."""
    quote = connection.ops.quote_name
    suspensions = quote(ProcessSuspension._meta.db_table)
    process_key = f"{quote(Process._meta.db_table)}.{quote(Process._meta.pk.column)}"
    return RawSQL(
        f"EXISTS (SELECT 1 FROM {suspensions} WHERE {suspensions}.{quote('process_id')} = "
        f"{process_key} AND {suspensions}.{quote('ended_on')} IS NULL)",
        (),
        output_field=BooleanField(),
    )


def _task_query(unit: bool, claimed: bool, locked: bool = True) -> Shape:
    related = ["step_run__step__actor", "position"]
    if unit:
        related.append("unit")
    if claimed:
        related.append("claimed_by")
    tasks = Task.objects.select_for_update(of=("self",)) if locked else Task.objects
    return Shape(
        lambda pk: (
            tasks.select_related(*related)
            .annotate(has_attachments=_has_attachments())
            .filter(pk=pk)
        )
    )


def _has_attachments() -> RawSQL:
    """Whether the task has an uploaded file, read with the locked task (the output check of
    a step without content, `StepAction.missing_output`, one query fewer under the write
    lock): Exists(Attachment.objects.filter(task=OuterRef("pk"))) written out, as
    `_open_suspension`. Files are added and removed only under the process's lock."""
    quote = connection.ops.quote_name
    attachments = quote(Attachment._meta.db_table)
    task_key = f"{quote(Task._meta.db_table)}.{quote(Task._meta.pk.column)}"
    return RawSQL(
        f"EXISTS (SELECT 1 FROM {attachments} WHERE {attachments}.{quote('task_id')} = {task_key})",
        (),
        output_field=BooleanField(),
    )


# By (has a unit, has a claimant): the four shapes of the task a transition locks.
_LOCKED_TASK = {
    (unit, claimed): _task_query(unit, claimed)
    for unit in (False, True)
    for claimed in (False, True)
}
_PLANNED_TASK = {
    (unit, claimed): _task_query(unit, claimed, locked=False)
    for unit in (False, True)
    for claimed in (False, True)
}


def _lock_task(task: Task) -> tuple[Process, Task]:
    """Lock the process, then re-read the task: a concurrent transition has finished by now."""
    process = _lock_process(task.process_id)
    # The unit and the claimant are joined only when the task has them: a task's unit never
    # changes, and a claim made since the caller read the task is read when asked for.
    # Each outer join costs its compilation on every transition, under the write lock.
    found = _LOCKED_TASK[task.unit_id is not None, task.claimed_by_id is not None].rows(task.pk)
    if not found:
        raise Task.DoesNotExist("Task matching query does not exist.")
    task = found[0]
    task.process = process
    task.step_run.process = process
    if task.status == Task.Status.DONE:
        raise Conflict(_("Tugas ini sudah diselesaikan."))
    if task.status == Task.Status.CANCELLED:
        raise Conflict(_("Tugas ini sudah dibatalkan."))
    _require_running(process)
    return process, task


def _require_not_suspended(process: Process) -> None:
    if not getattr(process, "open_suspension", True):
        return
    suspension = process.suspensions.filter(ended_on__isnull=True).first()
    if suspension is not None:
        raise Conflict(
            _(
                "Pelaksanaan SOP ini ditangguhkan sejak %(since)s (%(reason)s). Tugas tidak "
                "dapat diselesaikan atau ditarik kembali sampai Kepala Badan melanjutkannya."
            )
            % {"since": format_tanggal(suspension.started_on), "reason": suspension.reason}
        )


def _require_running(process: Process) -> None:
    if process.status == Process.Status.COMPLETED:
        raise Conflict(_("Pelaksanaan SOP ini sudah selesai."))
    if process.status == Process.Status.CANCELLED:
        raise Conflict(_("Pelaksanaan SOP ini sudah dibatalkan."))


def _authorise(task: Task, by: Any, on_behalf_reason: str) -> Position | None:
    """The position the user acts in; None for an administrator acting for the assignee."""
    if is_assignee(by, task):
        return acting_position(by, task)
    if is_eligible(by, task):
        raise NotAllowed(
            _("Tugas ini sedang dikerjakan oleh %(name)s.") % {"name": task.claimed_by}
        )
    if is_admin_of(by, task.process.organization_id):
        _require_on_behalf_reason(on_behalf_reason)
        return None
    raise NotAllowed(_("Anda bukan pemegang tugas ini."))


def _require_role(
    by: Any, org: Organization, role: Role, on_behalf_reason: str, message: str
) -> Position | None:
    position = position_with_role(by, org.pk, role)
    if position is not None:
        return position
    if is_admin_of(by, org.pk):
        _require_on_behalf_reason(on_behalf_reason)
        return None
    raise NotAllowed(message)


def _require_on_behalf_reason(reason: str) -> None:
    if not (reason or "").strip():
        raise Invalid(
            _("Administrator yang bertindak atas nama pemegang tugas wajib menuliskan alasannya.")
        )


def _check_decision(step: SopStep, decision: str, note: str) -> None:
    if not step.is_decision:
        if decision:
            raise Invalid(_("Langkah ini bukan langkah keputusan."))
        return
    if decision not in Task.Decision.values:
        raise Invalid(_("Pilih keputusan: 'ya' atau 'tidak'."))
    if decision == Task.Decision.TIDAK:
        if not note:
            raise Invalid(_("Keputusan 'tidak' wajib disertai catatan koreksi."))
        if not step.no_step:
            raise Invalid(_("SOP tidak menentukan langkah tujuan untuk keputusan 'tidak'."))


def _active_version(sop: Sop) -> SopVersion:
    version = sop.active_version
    if version is None:
        raise Invalid(_("SOP ini belum memiliki versi yang berlaku."))
    return version


def _start_date(org: Organization, start_date: datetime.date | None) -> datetime.date:
    today = today_for(org)
    if start_date is None:
        return today
    if start_date > today:
        raise Invalid(_("Tanggal mulai tidak boleh melewati hari ini."))
    return start_date


def _check_year(year: int) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise Invalid(
            _("Tahun harus antara %(min)s dan %(max)s.")
            % {
                "min": MIN_YEAR,
                "max": MAX_YEAR,
            }
        )


def _running(org: Organization, sop: Sop, year: int):
    return Process.objects.filter(
        organization=org, sop=sop, year=year, status=Process.Status.RUNNING
    )


def _completed(org: Organization, sop: Sop, year: int):
    return Process.objects.filter(
        organization=org, sop=sop, year=year, status=Process.Status.COMPLETED
    )


def _check_file(file: UploadedFile) -> None:
    limit = getattr(settings, "WORKFLOW_MAX_ATTACHMENT_SIZE", DEFAULT_MAX_ATTACHMENT_SIZE)
    if not file or not file.name:
        raise Invalid(_("Pilih berkas yang akan diunggah."))
    if not file.size:
        raise Invalid(_("Berkas %(name)s kosong.") % {"name": _base_name(file.name)})
    if file.size > limit:
        raise Invalid(
            _("Berkas %(name)s terlalu besar (%(size)s); paling besar %(limit)s.")
            % {
                "name": _base_name(file.name),
                "size": filesizeformat(file.size),
                "limit": filesizeformat(limit),
            }
        )


def _base_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1][:255]


# --- Audit snapshots -----------------------------------------------------------------------


def _on_behalf(by: Any, position: Position | None, reason: str) -> str:
    if position is not None:
        return ""
    return _("Bertindak atas nama pemegang tugas: %(reason)s") % {"reason": reason.strip()}


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _set_claimant(
    process: Process,
    task: Task,
    employee: Employee | None,
    by: Any,
    position: Position | None,
    action: str,
    reason: str = "",
) -> Task:
    before = _task_state(task)
    task.claimed_by = employee
    task.save(update_fields=["claimed_by"])
    record(
        organization=process.organization,
        user=by,
        position=position,
        action=action,
        obj=task,
        before=before,
        after=_task_state(task),
        reason=reason,
    )
    return task


def _task_state(task: Task) -> dict[str, Any]:
    return {
        "status": task.status,
        "pass": task.pass_number,
        "unit": task.unit.short_name if task.unit_id else None,
        "position": task.position.title,
        "claimed_by": task.claimed_by.full_name if task.claimed_by_id else None,
        "completed_by": task.completed_by.get_username() if task.completed_by_id else None,
        "decision": task.decision,
        "note": task.note,
        "due_date": task.due_date,
    }


def _run_state(run: StepRun) -> dict[str, Any]:
    return {
        "step": run.number,
        "status": run.status,
        "passes": run.passes,
        "opened_on": run.opened_on,
        "due_date": run.due_date,
    }


def _process_state(process: Process) -> dict[str, Any]:
    state = {
        "status": process.status,
        "sop_version": process.sop_version_id,
        "year": process.year,
        "start_date": process.start_date,
        "planned_end": process.planned_end,
        "cancel_reason": process.cancel_reason,
    }
    if process.revision:
        state["revision"] = process.revision
    return state
