"""What the workflow pages read: object lookups scoped to the user's organisation and the
queries behind the inbox, the process page and the task page (a fixed number each)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db.models import (
    BigIntegerField,
    BooleanField,
    CharField,
    Func,
    Q,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _

from erkt.audit.models import AuditEntry
from erkt.compiled_sql import Shape
from erkt.org.access import employee_of, is_pemkab, organization_of, positions_of, roles_of
from erkt.org.models import Employee, Organization, Position, Role
from erkt.org.substitutes import acting_phrase, today_in
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.deadlines import deadline
from erkt.workflow.inbox import InboxRow, open_task_rows, open_task_total
from erkt.workflow.models import Attachment, Process, StepRun, Task
from erkt.workflow.monitoring import DayText, UtcText, to_day, to_utc
from erkt.workflow.permissions import (
    can_view_task,
    is_admin_of,
    lane_task_eligible,
    unit_task_eligible,
    visible_positions,
    visible_tasks_of,
)

# --- Lookups (another organisation's object is a 404) ---------------------------------------


def processes_of(organization: Organization | None) -> QuerySet[Process]:
    """The organisation's processes (every one's for None: filter them yourself)."""
    processes = Process.objects.all()
    if organization is not None:
        processes = processes.filter(organization=organization)
    return processes.select_related(
        "organization", "sop", "sop_version", "started_by__employee", "cancelled_by__employee"
    )


def tasks_with_relations() -> QuerySet[Task]:
    return Task.objects.select_related(
        "process__organization",
        "process__sop_version",
        "step_run__step__actor",
        "unit",
        "position",
        "claimed_by",
        "completed_by__employee",
    )


def readable_organization(user, path: str = "organization") -> Q:
    """The filter on `path` (an organisation) of what the user reads: their own OPD's; for
    a Pemkab reader, every OPD's (an account outside both: 404)."""
    if is_pemkab(user):
        return Q()
    return Q(**{path: organization_of(user)})


# The process with its relations, of an organisation (or of any, for a Pemkab reader), by
# pk: compiled once (erkt.compiled_sql), as the task's below.
PROCESS_OF_ORGANIZATION = Shape(
    lambda organization_id, process_id: (
        processes_of(None).filter(organization_id=organization_id, pk=process_id).order_by("pk")[:1]
    )
)
PROCESS_OF_ANY_ORGANIZATION = Shape(
    lambda process_id: processes_of(None).filter(pk=process_id).order_by("pk")[:1]
)


def get_process(user, process_id: int) -> Process:
    """The process, when it is of the user's organisation (every one's for a Pemkab
    reader); else 404."""
    process = readable_first(user, PROCESS_OF_ORGANIZATION, PROCESS_OF_ANY_ORGANIZATION, process_id)
    if process is None:
        raise Http404
    return process


# The task with its relations, of an organisation (or of any, for a Pemkab reader): by pk,
# as first() would otherwise sort by Task.Meta.ordering across the joined tables. Compiled
# once (erkt.compiled_sql): the eight joined tables cost more to compile than to read.
TASK_OF_ORGANIZATION = Shape(
    lambda organization_id, task_id: (
        tasks_with_relations()
        .filter(process__organization_id=organization_id, pk=task_id)
        .order_by("pk")[:1]
    )
)
TASK_OF_ANY_ORGANIZATION = Shape(
    lambda task_id: tasks_with_relations().filter(pk=task_id).order_by("pk")[:1]
)


def readable_first(user, of_organization: Shape, of_any: Shape, pk: int):
    """The first row of `of_organization(organization_id, pk)` for the user's organisation,
    of `of_any(pk)` for a Pemkab reader (readable_organization as two compiled shapes);
    None when there is none."""
    if is_pemkab(user):
        found = of_any.rows(pk)
    else:
        found = of_organization.rows(organization_of(user).pk, pk)
    return found[0] if found else None


def get_task(user, task_id: int) -> Task:
    """The task, when the user may see it (another unit's task: 404, like another office's)."""
    task = readable_first(user, TASK_OF_ORGANIZATION, TASK_OF_ANY_ORGANIZATION, task_id)
    if task is None or not can_view_task(user, task):
        raise Http404
    return task


def get_attachment(user, attachment_id: int) -> Attachment:
    scope = readable_organization(user, "task__process__organization")
    attachment = (
        Attachment.objects.filter(scope, pk=attachment_id)
        .select_related("task__process", "task__unit")
        .first()
    )
    if attachment is None or not can_view_task(user, attachment.task):
        raise Http404
    return attachment


# --- Who may do what (for showing buttons; the engine decides) ------------------------------


def has_role(user, role: Role) -> bool:
    return role in roles_of(user)


def acts_for_someone(user, organization: Organization, role: Role) -> bool:
    """An administrator without the role: the engine asks them for an on-behalf reason."""
    return not has_role(user, role) and is_admin_of(user, organization.pk)


# --- The inbox ------------------------------------------------------------------------------


def open_tasks_for(user) -> QuerySet[Task]:
    """The open tasks the user may complete now, in one query without duplicate rows.

    Mirrors erkt.workflow.permissions.is_assignee: a unit task belongs to its position's
    holders, a lane task to every holder of its role; a claimed task only to its claimant.
    The Kotak Tugas and the badge read the same filter written out
    (erkt.workflow.inbox.open_tasks_where; test_inbox_rows.py compares them): change both.
    """
    employee = employee_of(user)
    if employee is None:
        return Task.objects.none()
    positions = positions_of(user)
    roles = sorted({p.role for p in positions})
    return open_tasks_of_employee(
        employee.organization_id, employee.pk, roles, [p.pk for p in positions]
    )


def open_tasks_of_employee(
    organization_id: int, employee_id: int, roles: list[str], position_ids: list[int]
) -> QuerySet[Task]:
    """open_tasks_for's query, from the employee's organisation, roles and positions."""
    # Every position of the organisation holding one of the user's roles (their own among
    # them): one indexed lookup of those positions' open tasks (index task_position_status),
    # so the query never reads another organisation's tasks. A unit task is only its own
    # position's; the exclusion below is no index term, so it cannot steer the plan.
    positions_of_roles = Position.objects.filter(
        organization_id=organization_id, role__in=roles
    ).values("pk")
    return (
        Task.objects.filter(
            position_id__in=positions_of_roles,
            status=Task.Status.OPEN,
            process__status=Process.Status.RUNNING,
            process__organization_id=organization_id,
        )
        .exclude(Q(unit__isnull=False) & ~Q(position_id__in=position_ids))
        .exclude(Q(claimed_by__isnull=False) & ~Q(claimed_by_id=employee_id))
    )


def open_task_count_of(request: HttpRequest) -> int:
    """The badge's count, computed once per request (both badges of a page share it):
    open_tasks_for(user).count(), written out (erkt.workflow.inbox.open_task_total)."""
    if not hasattr(request, "_erkt_open_task_count"):
        request._erkt_open_task_count = open_task_total(request.user)
    return request._erkt_open_task_count


def remember_open_task_count(request: HttpRequest, tasks: list) -> None:
    """The inbox has read every open task of the user: the badge counts them, no query."""
    request._erkt_open_task_count = len(tasks)


def inbox_tasks(user) -> list[InboxRow]:
    """The user's open tasks as the Kotak Tugas lists them (the nearest due date first, then
    the step, the unit's order, no unit first), each an InboxRow with its `.deadline`."""
    rows = open_task_rows(user)
    if rows:
        attach_deadlines(rows, employee_of(user).organization)
    return rows


def attach_deadlines(items, organization: Organization) -> None:
    """Set `.deadline` on open tasks or active step runs, with one calendar for all."""
    calendar, today = WorkingCalendar(organization), today_for(organization)
    for item in items:
        is_open = item.status in (Task.Status.OPEN, StepRun.Status.ACTIVE)
        item.deadline = deadline(item.due_date, today, calendar) if is_open else None


# A task's files, oldest first: Attachment.Meta.ordering's "task" would join the task, its
# process, step run and unit on every read of them.
ATTACHMENT_ORDER = ("uploaded_at", "pk")


def unit_order(task: Task) -> tuple:
    """The unit's place among the units (a task without a unit first)."""
    return (task.unit_id is not None, task.unit.order if task.unit_id else 0)


def in_step_order(tasks, run_by_pk: dict[int, StepRun]) -> list[Task]:
    """The tasks of one process as Task.Meta.ordering sorts them (step, pass, unit, pk),
    in Python: the query need not join the process and step run only to sort."""
    # unit_order(t) written out (a call per task fewer); the same order.
    return sorted(
        tasks,
        key=lambda t: (
            run_by_pk[t.step_run_id].number,
            t.pass_number,
            t.unit_id is not None,
            t.unit.order if t.unit_id else 0,
            t.pk,
        ),
    )


# --- The process page ----------------------------------------------------------------------

ACTION_LABELS = {
    "process.start": _("Memulai pelaksanaan"),
    "process.revise": _("Memulai Perubahan RKT"),
    "process.cancel": _("Membatalkan pelaksanaan"),
    "process.complete": _("Pelaksanaan selesai"),
    "process.tighten_plan": _("Mengubah jadwal penyusunan"),
    "process.suspend": _("Menangguhkan pelaksanaan"),
    "process.resume": _("Melanjutkan pelaksanaan"),
    "step.open": _("Langkah dibuka kembali"),
    "step.complete": _("Langkah selesai"),
    "step.reset": _("Langkah diulang"),
    "task.complete": _("Menyelesaikan tugas"),
    "task.claim": _("Mengambil tugas"),
    "task.unclaim": _("Melepas tugas"),
    "task.reassign": _("Mengalihkan tugas"),
    "task.reopen": _("Membuka kembali tugas unit"),
    "task.withdraw": _("Menarik kembali tugas"),
    "task.withdrawn": _("Tugas ditarik (penyelesaian langkah sebelumnya ditarik kembali)"),
    "task.recompute_due": _("Batas waktu dihitung ulang (kalender diubah)"),
    "attachment.add": _("Mengunggah berkas"),
    "attachment.remove": _("Menghapus berkas"),
}


@dataclass(slots=True)
class HistoryEntry:
    """An audit entry as the process history shows it: plain values (PROCESS_HISTORY's
    COLUMNS), no AuditEntry, User and Employee instances per line; `created_at` read as its
    UTC text and `before` and `after` as their JSON text (most lines show neither: only a
    file's entries are decoded, by HistoryLine.file_name)."""

    TEXTS = {
        "created_at": UtcText("created_at"),
        "before": Cast("before", output_field=TextField()),
        "after": Cast("after", output_field=TextField()),
    }

    COLUMNS = (
        "pk",
        "organization_id",
        "created_at",
        "user_id",
        "user_repr",
        "user__employee__pk",
        "user__employee__gelar_depan",
        "user__employee__name",
        "user__employee__gelar_belakang",
        "position_repr",
        "acting_kind",
        "acting_for",
        "action",
        "object_type",
        "object_id",
        "before",
        "after",
        "reason",
    )
    pk: int
    organization_id: int
    created_at: object
    user_id: int | None
    user_repr: str
    employee_id: int | None  # None without a user or without an employee
    gelar_depan: str | None
    name: str | None
    gelar_belakang: str | None
    position_repr: str
    acting_kind: str
    acting_for: str
    action: str
    object_type: str
    object_id: str
    before: object
    after: object
    reason: str

    full_name = Employee.full_name  # the employee's, from the three columns above

    @classmethod
    def of(cls, values: tuple) -> HistoryEntry:
        entry = cls(*values)
        entry.created_at = to_utc(entry.created_at)
        return entry

    @property
    def who(self) -> str:
        """As AuditEntry.who: 'Plh. Budi atas nama Siti' for a substitute."""
        name = self.user_repr if self.employee_id is None else self.full_name
        if self.acting_kind:
            return acting_phrase(self.acting_kind, name, self.acting_for)
        return name


# HistoryEntry.COLUMNS as PROCESS_HISTORY reads them (HistoryEntry.TEXTS as text).
HISTORY_READ = tuple(
    f"{name}_text" if name in HistoryEntry.TEXTS else name for name in HistoryEntry.COLUMNS
)


@dataclass
class HistoryLine:
    entry: HistoryEntry
    action: str
    step: RunRow | None = None
    task: TaskRow | None = None
    attachments: list[FileRow] = field(default_factory=list)

    @property
    def who(self) -> str:
        return self.entry.who  # "Plh. <nama> atas nama <pemangku>" for a substitute

    @property
    def file_name(self) -> str:
        data = _decoded(self.entry.after) or _decoded(self.entry.before) or {}
        return data.get("file", "") if isinstance(data, dict) else ""


def _decoded(text: str | None):
    """A JSON column read as its text (PROCESS_HISTORY), as the field reads it."""
    return None if text is None else json.loads(text)


# A process's step runs, tasks and files as the process page, its print and the API's
# process read show them: plain values (some sixty model instances a page at step 8, each
# with its related instances, cost more to build than to read). Each keeps the names the
# pages, the Gantt and the API's task_data read of the model it stands for.


@dataclass(slots=True, eq=False)
class Named:
    """A related row of which only a name is shown (a step's pelaksana, a task's unit)."""

    name: str
    short_name: str = ""
    order: int = 0
    title: str = ""


@dataclass(slots=True, eq=False)
class Account:
    """A user of whom only the username is shown (the completer, the uploader)."""

    username: str

    def get_username(self) -> str:
        return self.username


@dataclass(slots=True, eq=False)
class Claimant:
    """The employee who claimed a task: their full name (Employee.full_name)."""

    gelar_depan: str
    name: str
    gelar_belakang: str

    full_name = Employee.full_name


@dataclass(slots=True, eq=False)
class RunStep:
    """What is shown of a step run's SOP step."""

    uraian: str
    per_unit: bool
    actor_id: int | None
    actor: Named | None


@dataclass(slots=True, eq=False)
class RunRow:
    """A step run (StepRun's columns and properties); `process` is set by process_parts."""

    COLUMNS = (
        "pk",
        "number",
        "status",
        "passes",
        "planned_start",
        "planned_due",
        "opened_on",
        "due_date",
        "completed_at",
        "step__uraian",
        "step__per_unit",
        "step__actor_id",
        "step__actor__name",
    )
    pk: int
    number: int
    status: str
    passes: int
    planned_start: object
    planned_due: object
    opened_on: object
    due_date: object
    completed_at: object
    step: RunStep
    process: Process | None = None
    current_tasks: list = field(default_factory=list)
    deadline: object = None

    Status = StepRun.Status
    overdue = StepRun.overdue
    remaining_working_days = StepRun.remaining_working_days
    planned_explanation = StepRun.planned_explanation

    # Read as their ISO text (as_texts).
    DAYS = ("planned_start", "planned_due", "opened_on", "due_date")
    TIMES = ("completed_at",)

    @classmethod
    def of(cls, values: tuple) -> RunRow:
        pk, number, status, passes, start, due, opened, due_date, completed, *step = values
        uraian, per_unit, actor_id, actor_name = step
        actor = Named(actor_name) if actor_id is not None else None
        return cls(
            pk,
            number,
            status,
            passes,
            start and to_day(start),
            due and to_day(due),
            opened and to_day(opened),
            due_date and to_day(due_date),
            to_utc(completed),
            RunStep(uraian, per_unit, actor_id, actor),
        )


@dataclass(slots=True, eq=False)
class TaskRow:
    """A task (Task's columns and properties) with what is shown of its unit, claimant,
    position and completer; `process` and `step_run` are set by process_parts."""

    PAGE_COLUMNS = (
        "pk",
        "process_id",
        "step_run_id",
        "unit_id",
        "position_id",
        "claimed_by_id",
        "completed_by_id",
        "status",
        "pass_number",
        "opened_on",
        "due_date",
        "completed_at",
        "decision",
        "note",
        "return_reason",
        "on_behalf_reason",
        "withdraw_reason",
        "unit__name",
        "unit__short_name",
        "unit__order",
        "claimed_by__gelar_depan",
        "claimed_by__name",
        "claimed_by__gelar_belakang",
    )
    # The API shows the position and the completer too; the page (and its print) neither.
    API_COLUMNS = (*PAGE_COLUMNS, "position__title", "completed_by__username")
    pk: int
    process_id: int
    step_run_id: int
    unit_id: int | None
    position_id: int
    claimed_by_id: int | None
    completed_by_id: int | None
    status: str
    pass_number: int
    opened_on: object
    due_date: object
    completed_at: object
    decision: str
    note: str
    return_reason: str
    on_behalf_reason: str
    withdraw_reason: str
    unit: Named | None = None
    claimed_by: Claimant | None = None
    position: Named | None = None
    completed_by: Account | None = None
    process: Process | None = None
    step_run: RunRow | None = None
    deadline: object = None

    Status = Task.Status
    is_open = Task.is_open
    overdue = Task.overdue
    remaining_working_days = Task.remaining_working_days
    due_explanation = Task.due_explanation

    # Read as their ISO text (as_texts).
    DAYS = ("opened_on", "due_date")
    TIMES = ("completed_at",)

    @classmethod
    def of(cls, values: tuple) -> TaskRow:
        task = cls(*values[:17])
        opened, due = task.opened_on, task.due_date
        task.opened_on, task.due_date = opened and to_day(opened), due and to_day(due)
        task.completed_at = to_utc(task.completed_at)
        unit_name, short_name, order, gelar_depan, name, gelar_belakang, *api = values[17:]
        if task.unit_id is not None:
            task.unit = Named(unit_name, short_name, order)
        if task.claimed_by_id is not None:
            task.claimed_by = Claimant(gelar_depan, name, gelar_belakang)
        if api:
            title, username = api
            task.position = Named("", title=title)
            if task.completed_by_id is not None:
                task.completed_by = Account(username)
        return task


@dataclass(slots=True, eq=False)
class FileRow:
    """A task's file (Attachment's columns; its uploader for the API); `task` is set by
    process_parts."""

    PAGE_COLUMNS = (
        "pk",
        "task_id",
        "original_name",
        "size",
        "content_type",
        "uploaded_by_id",
        "uploaded_at",
    )
    API_COLUMNS = (*PAGE_COLUMNS, "uploaded_by__username")
    pk: int
    task_id: int
    original_name: str
    size: int
    content_type: str
    uploaded_by_id: int
    uploaded_at: object
    uploaded_by: Account | None = None
    task: TaskRow | None = None

    DAYS = ()
    TIMES = ("uploaded_at",)  # read as its ISO text (as_texts)

    @classmethod
    def of(cls, values: tuple) -> FileRow:
        found = cls(*values[:7])
        found.uploaded_at = to_utc(found.uploaded_at)
        if len(values) > 7:
            found.uploaded_by = Account(values[7])
        return found


@dataclass
class ProcessPage:
    process: Process
    runs: list[RunRow]
    tasks: list[TaskRow]
    history: list[HistoryLine]

    @property
    def active_numbers(self) -> set[int]:
        return {run.number for run in self.runs if run.status == StepRun.Status.ACTIVE}

    @property
    def open_tasks(self) -> list[TaskRow]:
        return [task for task in self.tasks if task.status == Task.Status.OPEN]


def as_texts(queryset: QuerySet, columns: tuple[str, ...], row) -> QuerySet:
    """queryset.values_list(*columns), the date and datetime columns of `row` (its DAYS and
    TIMES) read as their ISO text, which `row.of` makes dates and aware datetimes again by
    one C call each: read as the columns, each went through the driver's parser and
    Django's converter (some six Python calls a value, a hundred values a page)."""
    texts = {f"{name}_text": DayText(name) for name in row.DAYS}
    texts.update({f"{name}_text": UtcText(name) for name in row.TIMES})
    names = [f"{name}_text" if f"{name}_text" in texts else name for name in columns]
    return queryset.annotate(**texts).values_list(*names)


def process_tasks(process_id: int, mine: tuple[int, ...] | None, columns: tuple[str, ...]):
    """The `columns` of the process's tasks that the holder of the positions `mine` may see
    (None: every task), for TaskRow.of."""
    tasks = Task.objects.filter(process_id=process_id).filter(visible_tasks_of(mine)).order_by()
    return as_texts(tasks, columns, TaskRow)


def _attachments(process_id: int, columns: tuple[str, ...]):
    found = Attachment.objects.filter(task__process_id=process_id)
    return as_texts(found.order_by(*ATTACHMENT_ORDER), columns, FileRow)


@dataclass(frozen=True)
class PartsRead:
    """The compiled reads of a process's tasks (every one; the visible ones, per number of
    the reader's positions) and files, for the API or for the page."""

    every_task: Shape
    visible_tasks: Shape
    attachments: Shape


# The process page's (and its print's, and the API's process read's) step runs, tasks and
# files, compiled once per shape (erkt.compiled_sql; the visible tasks per number of the
# reader's positions).
PROCESS_RUNS = Shape(
    lambda process_id: as_texts(
        StepRun.objects.filter(process_id=process_id).order_by("number"), RunRow.COLUMNS, RunRow
    )
)


def _parts_read(task_columns: tuple[str, ...], file_columns: tuple[str, ...]) -> PartsRead:
    return PartsRead(
        Shape(lambda process_id: process_tasks(process_id, None, task_columns)),
        Shape(lambda process_id, *mine: process_tasks(process_id, mine, task_columns)),
        Shape(lambda process_id: _attachments(process_id, file_columns)),
    )


# Every file of the process's tasks, oldest first (ATTACHMENT_ORDER), with its uploader
# for the API: one shape per process, where a prefetch of the tasks' files is a query on
# a list of task ids, compiled on every read. The files of a task the reader may not see
# are left out in Python.
API_READ = _parts_read(TaskRow.API_COLUMNS, FileRow.API_COLUMNS)
PAGE_READ = _parts_read(TaskRow.PAGE_COLUMNS, FileRow.PAGE_COLUMNS)


@dataclass
class ProcessParts:
    """A process's step runs (by number), the tasks a reader may see (in step order, each
    with its `process` and `step_run` set) and their files (by task pk, oldest first)."""

    runs: list[RunRow]
    tasks: list[TaskRow]
    files: dict[int, list[FileRow]]


def process_parts(process: Process, user, read: PartsRead = API_READ) -> ProcessParts:
    """What the process page and the API's process read show of a process to `user`:
    another unit's tasks and their files left out (`read`: PAGE_READ for the page)."""
    runs = list(map(RunRow.of, PROCESS_RUNS.rows(process.pk)))
    run_by_pk = {run.pk: run for run in runs}
    mine = visible_positions(user, process.organization_id)
    if mine is None:
        visible = read.every_task.rows(process.pk)
    else:
        visible = read.visible_tasks.rows(process.pk, *mine)
    tasks = in_step_order(map(TaskRow.of, visible), run_by_pk)
    for run in runs:
        run.process = process  # overdue/deadline read the process
    task_by_pk = {}
    for task in tasks:
        task.process = process
        task.step_run = run_by_pk[task.step_run_id]
        task_by_pk[task.pk] = task
    files: dict[int, list[FileRow]] = {task.pk: [] for task in tasks}
    if tasks:  # as the prefetch it replaced: no query without a task
        for attachment in map(FileRow.of, read.attachments.rows(process.pk)):
            if attachment.task_id in files:
                attachment.task = task_by_pk[attachment.task_id]
                files[attachment.task_id].append(attachment)
    return ProcessParts(runs, tasks, files)


def process_page(process: Process, user) -> ProcessPage:
    """The process as `user` may see it: another unit's tasks, files and history left out."""
    parts = process_parts(process, user, PAGE_READ)
    runs, tasks = parts.runs, parts.tasks
    for run in runs:
        run.current_tasks = [
            t
            for t in tasks
            if t.step_run_id == run.pk
            and t.pass_number == run.passes
            and t.status != Task.Status.WITHDRAWN
        ]
    if process.is_running:
        attach_deadlines([*runs, *tasks], process.organization)
    return ProcessPage(process, runs, tasks, history_of(process, parts))


# Bookkeeping the engine logs after someone's action: shown only when it carries a reason
# (a step reopened after "tidak" carries the correction note).
QUIET_ACTIONS = {"step.open", "step.complete", "step.reset", "step.withdraw", "step.reopen"}
PROCESS_TYPE = Process._meta.label_lower
TASK_TYPE = Task._meta.label_lower
RUN_TYPE = StepRun._meta.label_lower


class Unindexed(Func):
    """An integer column as it is, kept from the planner's choice of an index on it: on
    SQLite `+column`, on PostgreSQL `(column + 0)` (neither changes the value)."""

    template = "%(expressions)s"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s + 0)", **extra_context)


def _keys_of(model) -> QuerySet:
    """The pks of a process's `model` rows as the audit log's object_id (text)."""
    return model.objects.annotate(key=Cast("pk", output_field=CharField())).values("key")


class InSubquery(Func):
    """`column IN (subquery)`; on PostgreSQL `column = ANY(ARRAY(subquery))`.

    PostgreSQL cannot look up an IN (subquery) inside an OR by an index: it read every audit
    entry of the organisation by the organisation's index and tested each (growing with the
    office's history). ARRAY(subquery) is evaluated once (an InitPlan) and `= ANY` of an
    array is an index condition, so each arm of the OR looks up the (object_type, object_id)
    index (a BitmapOr). The rows are the same: the subquery's keys are never NULL."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, queryset: QuerySet) -> None:
        super().__init__(column, Subquery(queryset))

    def as_sql(self, compiler, connection, **extra_context):
        column, subquery = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        subquery_sql, subquery_params = compiler.compile(subquery)  # "(SELECT ...)"
        operator = "= ANY(ARRAY%s)" if connection.vendor == "postgresql" else "IN %s"
        return f"{column_sql} {operator % subquery_sql}", (*column_params, *subquery_params)


def _object_keys_in(object_type: str, model, process_id: int) -> Q:
    """The audit entries of the process's `model` rows (its tasks, its step runs)."""
    keys = _keys_of(model).filter(process_id=process_id).order_by()  # as `__in` leaves it
    return Q(object_type=object_type) & Q(InSubquery("object_id", keys))


# The audit entries of a process, its step runs and every one of its tasks, newest first:
# compiled once (erkt.compiled_sql), the tasks and runs chosen by subqueries on the
# process rather than by a list of their ids (a shape per number of ids). The entries of
# a task the reader may not see are left out in Python (history_of); the engine's quiet
# bookkeeping without a reason is left out in SQL. Each arm of the OR is a lookup of the
# (object_type, object_id) index (SQLite: a MULTI-INDEX OR; PostgreSQL: a BitmapOr, the
# subqueries given as arrays by InSubquery), and the organisation is compared unindexed
# (Unindexed), or either database would read every entry of the organisation by one of
# its indexes instead (SQLite walking (organization, seq) for the ORDER BY).
PROCESS_HISTORY = Shape(
    lambda organization_id, process_id, process_key: (
        AuditEntry.objects.alias(organization_key=Unindexed("organization_id"))
        .filter(
            Q(object_type=PROCESS_TYPE, object_id=process_key)
            | _object_keys_in(TASK_TYPE, Task, process_id)
            | _object_keys_in(RUN_TYPE, StepRun, process_id),
            organization_key=organization_id,
        )
        .exclude(action__in=sorted(QUIET_ACTIONS), reason="")  # history_of would skip them
        .order_by("-seq")
        .annotate(**{f"{name}_text": text for name, text in HistoryEntry.TEXTS.items()})
        .values_list(*HISTORY_READ)
    )
)


def history_of(process: Process, parts: ProcessParts) -> list[HistoryLine]:
    """Who did what to the process and its tasks, newest first, from the audit log."""
    task_by_id = {str(t.pk): t for t in parts.tasks}
    run_by_id = {str(r.pk): r for r in parts.runs}
    rows = PROCESS_HISTORY.rows(process.organization_id, process.pk, str(process.pk))
    lines = []
    for entry in map(HistoryEntry.of, rows):
        task = run = None
        if entry.object_type == TASK_TYPE:
            task = task_by_id.get(entry.object_id)
            if task is None:
                continue  # another unit's task
        elif entry.object_type == RUN_TYPE:
            run = run_by_id.get(entry.object_id)
        line = HistoryLine(entry, ACTION_LABELS.get(entry.action, entry.action), run, task)
        if task is not None:
            line.step = task.step_run
            if entry.action == "task.complete":
                line.attachments = parts.files[task.pk]
        lines.append(line)
    return lines


# --- The task page -------------------------------------------------------------------------


# earlier_outputs' query, compiled once per kelengkapan text (the SOPs' own: a bounded
# set), kind of reader and number of positions (erkt.compiled_sql).
_EARLIER: dict[tuple, Shape] = {}
EARLIER_SHAPES = 256


def _earlier_shape(kelengkapan: str, mine: list[int] | None) -> Shape:
    oversees = mine is None
    key = (kelengkapan, oversees, len(mine or ()))
    shape = _EARLIER.get(key)
    if shape is None:

        def build(previous: int, *values: int) -> QuerySet[Task]:
            number, (process_id, *positions) = (
                (values[0], values[1:]) if kelengkapan else (None, values)
            )
            return _earlier(
                kelengkapan, previous, number, process_id, None if oversees else positions
            )

        if len(_EARLIER) >= EARLIER_SHAPES:  # SOP editors may write many texts: a bound
            _EARLIER.clear()
        shape = _EARLIER.setdefault(key, Shape(build))
    return shape


def _earlier(kelengkapan: str, previous: int, number, process_id: int, mine) -> QuerySet[Task]:
    wanted = Q(step_run__number=previous)
    if kelengkapan:
        wanted |= Q(step_run__number__lt=number, step_run__step__output__iexact=kelengkapan)
    return (
        Task.objects.filter(wanted, process_id=process_id, status=Task.Status.DONE)
        .filter(visible_tasks_of(mine))
        .order_by()
        .values_list(*EarlierOutput.COLUMNS)
    )


@dataclass
class EarlierOutput:
    """A done task the step needs, as the task page shows it (plain values: no Task, step
    run, step, unit, user and employee instances per row)."""

    COLUMNS = (
        "pk",
        "pass_number",
        "decision",
        "note",
        "completed_at",
        "step_run__number",
        "step_run__step__output",
        "unit_id",
        "unit__order",
        "unit__short_name",
        "completed_by__username",
        "completed_by__employee__gelar_depan",
        "completed_by__employee__name",
        "completed_by__employee__gelar_belakang",
    )

    pk: int
    pass_number: int
    decision: str
    note: str
    completed_at: object
    number: int
    output: str
    unit_id: int | None
    unit_order: int | None
    unit_short_name: str | None
    username: str
    gelar_depan: str | None
    name: str | None
    gelar_belakang: str | None
    files: list = field(default_factory=list)

    @property
    def completer(self) -> str:
        """The completer's full name (Employee.full_name), else their username."""
        full_name = ""
        if self.name is not None:  # an employee record
            full_name = Employee.full_name.fget(self)
        return full_name or self.username

    @property
    def decision_label(self) -> str:
        """get_decision_display()."""
        return str(dict(Task.Decision.choices).get(self.decision, self.decision))

    def sort_key(self) -> tuple:
        """By step, unit (none first, as unit_order), the latest pass first."""
        unit = (self.unit_id is not None, self.unit_order if self.unit_id else 0)
        return (self.number, unit, -self.pass_number)


# The files of the earlier tasks shown, in ATTACHMENT_ORDER: a shape (kept per number of
# tasks) instead of a prefetch compiled per request.
EARLIER_FILES = Shape(
    lambda *task_ids: Attachment.objects.filter(task_id__in=task_ids).order_by(*ATTACHMENT_ORDER)
)


def earlier_outputs(task: Task, user) -> list[EarlierOutput]:
    """The done tasks whose output this step needs: the step before it and every earlier
    step whose output is named like this step's kelengkapan; the latest pass of each, its
    files in `files`. Another unit's task (and its files) is left out for a unit head."""
    step = task.step_run.step
    mine = visible_positions(user, task.process.organization_id)
    numbers = (step.number - 1, step.number) if step.kelengkapan else (step.number - 1,)
    done = _earlier_shape(step.kelengkapan, mine).rows(*numbers, task.process_id, *(mine or ()))
    # Sorted in Python (an ORDER BY over the joined step run and unit costs more to build).
    in_order = sorted((EarlierOutput(*values) for values in done), key=EarlierOutput.sort_key)
    latest: dict[tuple[int, int | None], EarlierOutput] = {}
    for earlier in in_order:
        latest.setdefault((earlier.number, earlier.unit_id), earlier)
    shown = {earlier.pk: earlier for earlier in latest.values()}
    # One query, as the prefetch made one (and none without a task).
    for attachment in EARLIER_FILES.rows(*shown) if shown else ():
        shown[attachment.task_id].files.append(attachment)
    return list(shown.values())


@dataclass
class TaskAccess:
    """What the signed-in user may do on a task page (the engine checks again)."""

    eligible: list[Employee]
    is_eligible: bool
    may_complete: bool
    acts_for_someone: bool
    may_claim: bool
    may_unclaim: bool
    may_reassign: bool
    reassign_for_someone: bool
    may_withdraw: bool = False


# task.eligible_employees() by name, compiled once per kind of task (and lane role).
UNIT_TASK_ELIGIBLE = Shape(
    lambda position_id, today: unit_task_eligible(position_id, today).order_by("name")
)
_LANE_TASK_ELIGIBLE: dict[str, Shape] = {}


def eligible_in_order(task: Task) -> list[Employee]:
    """list(task.eligible_employees().order_by("name")) through compiled shapes."""
    today = today_in(task.process.organization)
    if task.unit_id:
        return UNIT_TASK_ELIGIBLE.rows(task.position_id, today)
    role = task.position.role
    shape = _LANE_TASK_ELIGIBLE.get(role)
    if shape is None:  # one per Role choice
        shape = _LANE_TASK_ELIGIBLE.setdefault(
            role,
            Shape(
                lambda organization_id, today: lane_task_eligible(
                    organization_id, role, today
                ).order_by("name")
            ),
        )
    return shape.rows(task.process.organization_id, today)


def task_access(user, task: Task) -> TaskAccess:
    eligible = eligible_in_order(task)
    me = employee_of(user)
    is_eligible = me is not None and any(e.pk == me.pk for e in eligible)
    live = task.is_open and task.process.is_running
    org_admin = is_admin_of(user, task.process.organization_id)
    is_assignee = is_eligible and task.claimed_by_id in (None, me.pk)
    kasubbag = has_role(user, Role.KASUBBAG_PERENCANAAN)
    claimed_by_me = me is not None and task.claimed_by_id == me.pk
    return TaskAccess(
        eligible=eligible,
        is_eligible=is_eligible,
        may_complete=live and (is_assignee or (org_admin and not is_eligible)),
        acts_for_someone=live and org_admin and not is_eligible,
        may_claim=live and is_eligible and task.claimed_by_id is None and len(eligible) > 1,
        may_unclaim=live and task.claimed_by_id is not None and (claimed_by_me or kasubbag),
        may_reassign=live and (kasubbag or org_admin) and len(eligible) > 1,
        reassign_for_someone=live and org_admin and not kasubbag,
        # Tarik kembali: shown to the completer; the engine checks the successors.
        may_withdraw=task.status == Task.Status.DONE
        and task.process.is_running
        and task.completed_by_id == getattr(user, "pk", None),
    )


# task.attachments with their uploaders, compiled once (erkt.compiled_sql).
TASK_ATTACHMENTS = Shape(
    lambda task_id: (
        Attachment.objects.filter(task_id=task_id)
        .select_related("uploaded_by__employee")
        .order_by(*ATTACHMENT_ORDER)
    )
)


def task_attachments(task: Task) -> list[Attachment]:
    attachments = TASK_ATTACHMENTS.rows(task.pk)
    for attachment in attachments:
        attachment.task = task  # as task.attachments sets it
    return attachments
