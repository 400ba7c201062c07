"""Pemantauan: who holds which open task, what is late, and how long each step really takes.

Engine-level: it reads processes, tasks and SOP steps only, whatever the SOP.

Durations. A pass of a step is one task (a per-unit step has one task per unit and pass;
a "tidak" decision or a returned unit task opens a further pass). Its duration is the number
of working days in (opened_on, completion day], counted with the organisation's calendar:
the measure due dates are made with (due = the Nth working day after opening, the opening
day never counts). So a pass completed on its due date took exactly its waktu, one completed
the day it opened took 0 working days, and one opened on a Friday and completed on the
Monday took 1. The completion day is the date of completed_at in the organisation's time
zone. A pass is late when it was completed after its due date (the rule of Task.overdue).
An open pass shows the working days so far and counts in no average. Averages and maxima are
over completed passes: in the process table over that process's passes; in the history
table every pass of every completed process of the same SOP is one sample (steps matched
by number, so versions of the SOP add up).

`monitoring()` reads the rows in a fixed number of queries (seven); the functions under
"Computing" are pure, so the page costs the same however many tasks and processes there are.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, F, Func, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.html_cells import Converted
from erkt.org.access import organization_of, roles_of
from erkt.org.models import Organization, Position, Unit
from erkt.sop.models import DAYS_PER_WEEK, SopStep, WaktuUnit
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.deadlines import Deadline, deadline
from erkt.workflow.models import Process, ProcessSuspension, Task
from erkt.workflow.permissions import UNIT_OVERSEER_ROLES, is_admin_of

DONE = Process.Status.COMPLETED
MONITOR_ROLES = UNIT_OVERSEER_ROLES


def require_monitor(user) -> Organization:
    """The user's organisation when they may follow it: the planning line or its administrator.

    Outside every organisation: 404; another role: 403.
    """
    organization = organization_of(user)
    if not (roles_of(user) & MONITOR_ROLES or is_admin_of(user, organization.pk)):
        raise PermissionDenied
    return organization


# --- Dates read as text ----------------------------------------------------------------------


class DayText(Func):
    """A date column as its ISO text 'YYYY-MM-DD', made a date here by one C call
    (`to_day`). Read as the column, SQLite's driver parses each value by its declared type
    and Django's converter checks it again: six Python calls a value, the page's largest
    cost after its queries (some 240 dates a request at the bench). SQLite stores the text
    itself (an expression has no declared type, so the driver leaves it alone);
    PostgreSQL's to_char() writes the same, whatever the session's DateStyle."""

    output_field = CharField()
    arity = 1
    template = "CAST(%(expressions)s AS TEXT)"
    postgresql_template = "to_char(%(expressions)s, 'YYYY-MM-DD')"

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=self.postgresql_template)

    @classmethod
    def sql(cls, column: str, vendor: str) -> str:
        """The same text of `column` in written-out SQL (erkt.api.task_rows)."""
        template = cls.postgresql_template if vendor == "postgresql" else cls.template
        return template % {"expressions": column}


class UtcText(DayText):
    """A datetime column as its UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]' (how Django stores
    it on SQLite), made an aware datetime by `to_utc` (Django's converter would make it
    aware with a few more calls a value)."""

    postgresql_template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"


to_day = datetime.date.fromisoformat


def to_utc(text: str | None) -> datetime.datetime | None:
    """UtcText's text as the aware datetime the column gives."""
    if text is None:
        return None
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


# Each ISO text as its date, and each UtcText as its day in a zone, worked out once and
# kept across requests (a pure function of the text): the page reads the same days on
# every visit, a dict lookup each instead of one to five Python calls.
DAYS = Converted(to_day)
LOCAL_DAYS = Converted(lambda key: to_utc(key[1]).astimezone(key[0]).date())


# --- What the page shows ---------------------------------------------------------------------
#
# The values a request builds by the dozen (processes, passes, steps) are plain slots
# dataclasses, not frozen ones: a frozen dataclass sets each field through
# object.__setattr__, which made building one four times as slow. The values kept across
# requests (a person, a step's, unit's or position's reference) stay frozen: they are shared.


@dataclass(frozen=True, slots=True)
class Person:
    """An employee as Pemantauan shows them, read as plain values: the attributes of an
    Employee the page and the API read (no model instance per holder and claimant)."""

    pk: int
    name: str
    gelar_depan: str
    gelar_belakang: str

    @property
    def full_name(self) -> str:
        """Employee.full_name: 'Dr. H. Ahmad, S.Sos., M.Si.'"""
        name = f"{self.gelar_depan} {self.name}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name


@dataclass(slots=True)
class MonitoredProcess:
    """A process as Pemantauan shows it, read as plain values: the attributes of a Process
    (with its SOP version's judul) that the page and the API read, without the process
    and version instances (two a process: the Kepala's fifty years were a hundred)."""

    pk: int
    sop_id: int
    sop_version_id: int
    year: int
    revision: int
    status: str
    start_date: datetime.date
    judul: str

    def __str__(self) -> str:
        """str(Process): its version's judul and year label."""
        return process_name(self.judul, self.year, self.revision)


def process_name(judul: str, year: int, revision: int) -> str:
    """str(Process) of a process of `year` (a revision's number, or 0) whose version's judul
    is `judul`: "RKT 2027", or "RKT 2027 — Perubahan 1" (Process.year_label)."""
    if not revision:
        return f"{judul} {year}"
    label = _("%(year)s — Perubahan %(number)s") % {"year": year, "number": revision}
    return f"{judul} {label}"


@dataclass
class Holder:
    """A person (or a vacant jabatan) and the open tasks they may work on."""

    name: str
    positions: list[str]
    employee: Person | None = None
    tasks: list[OpenTask] = field(default_factory=list)


@dataclass(slots=True)
class Pass:
    """One pass of a step: one task, with the working days it took (so far, when open)."""

    task: Task
    opened_on: datetime.date
    due_date: datetime.date
    completed_on: datetime.date | None
    days: int
    # Working days of the pass's window the process was suspended: not in `days`.
    suspended_days: int = 0

    @property
    def number(self) -> int:
        return self.task.pass_number

    @property
    def done(self) -> bool:
        return self.completed_on is not None

    @property
    def late(self) -> bool:
        return self.done and self.completed_on > self.due_date


@dataclass(frozen=True, slots=True)
class StepRef:
    number: int
    uraian: str


@dataclass(frozen=True, slots=True)
class RunRef:
    number: int
    step: StepRef


@dataclass(frozen=True, slots=True)
class UnitRef:
    pk: int
    name: str
    short_name: str
    order: int


@dataclass(frozen=True, slots=True)
class PositionRef:
    title: str
    role: str


@dataclass(slots=True)
class OpenTask:
    """An open task as Pemantauan shows it, read as plain values: the attributes of a Task
    (with step_run.step, unit, position, claimed_by) that the page and the API read, without
    a model instance per relation (five a row were most of the page's reading)."""

    pk: int
    process_id: int
    pass_number: int
    opened_on: datetime.date
    due_date: datetime.date
    claimed_by_id: int | None
    unit_id: int | None
    position_id: int
    step_run: RunRef
    unit: UnitRef | None
    position: PositionRef
    claimed_by: Person | None
    status: str = Task.Status.OPEN
    process: MonitoredProcess | None = None
    deadline: Deadline | None = None


# OpenTask's columns, in open_tasks_from()'s order (the dates as text: DayText).
OPEN_TASK_COLUMNS = (
    "pk",
    "process_id",
    "pass_number",
    DayText(F("opened_on")),
    DayText(F("due_date")),
    "claimed_by_id",
    "unit_id",
    "position_id",
    "step_run__number",
    "step_run__step__number",
    "step_run__step__uraian",
    "unit__name",
    "unit__short_name",
    "unit__order",
    "position__title",
    "position__role",
    "claimed_by__name",
    "claimed_by__gelar_depan",
    "claimed_by__gelar_belakang",
)


# The relations' values, one per distinct set of columns, kept across requests (each a
# pure function of its columns, so never stale): a row takes its step, unit, position and
# claimant by a dict lookup instead of building five values.
RUNS = Converted(lambda key: RunRef(key[0], StepRef(key[1], key[2])))
UNITS = Converted(lambda key: UnitRef(*key))
POSITIONS = Converted(lambda key: PositionRef(*key))
PEOPLE = Converted(lambda key: Person(*key))


def open_tasks_from(rows: list[tuple]) -> list[OpenTask]:
    """OPEN_TASK_COLUMNS' rows as OpenTasks (a loop, not a call per row)."""
    days = DAYS
    return [
        OpenTask(
            pk,
            process_id,
            pass_number,
            days[opened_on],
            days[due_date],
            claimed_by_id,
            unit_id,
            position_id,
            RUNS[run_number, step_number, uraian],
            UNITS[unit_id, unit_name, unit_short_name, unit_order] if unit_id else None,
            POSITIONS[title, role],
            PEOPLE[claimed_by_id, name, gelar_depan, gelar_belakang]
            if claimed_by_id is not None
            else None,
        )
        for (
            pk, process_id, pass_number, opened_on, due_date, claimed_by_id, unit_id, position_id,
            run_number, step_number, uraian, unit_name, unit_short_name, unit_order,
            title, role, name, gelar_depan, gelar_belakang,
        ) in rows
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class PassRun:
    number: int


@dataclass(slots=True)
class PassTask:
    """A task as a pass of the durations shows it, read as plain values: the attributes of
    a Task (with step_run, unit) that Pass, StepDuration, the page and the API read, with
    its completion day in the organisation's zone (what a pass counts to) in place of
    completed_at."""

    pk: int
    process_id: int
    pass_number: int
    opened_on: datetime.date
    due_date: datetime.date
    completed_on: datetime.date | None
    status: str
    unit_id: int | None
    step_run: PassRun
    unit: UnitRef | None


# PassTask's columns, in own_and_past_passes()'s order (the dates as text: DayText, UtcText).
PASS_COLUMNS = (
    "pk",
    "process_id",
    "pass_number",
    DayText(F("opened_on")),
    DayText(F("due_date")),
    UtcText(F("completed_at")),
    "status",
    "unit_id",
    "step_run__number",
    "unit__name",
    "unit__short_name",
    "unit__order",
)
PASS_RUNS = Converted(PassRun)


@dataclass(slots=True)
class MonitoredStep:
    """A step of the SOP version as the durations show it, read as plain values: the
    attributes of a SopStep the page and the API read (no model instance per step)."""

    number: int
    uraian: str
    working_days: int
    per_unit: bool


def steps_from(rows: list[tuple]) -> list[MonitoredStep]:
    """STEPS' rows as MonitoredSteps, the waktu in working days as SopStep.working_days
    counts it (a week is DAYS_PER_WEEK working days)."""
    weeks = WaktuUnit.MINGGU
    return [
        MonitoredStep(number, uraian, amount * DAYS_PER_WEEK if unit == weeks else amount, per_unit)
        for number, uraian, amount, unit, per_unit in rows
    ]


@dataclass(slots=True)
class StepDuration:
    """A step (one unit's share of a per-unit step) against its waktu, over its passes."""

    step: SopStep | MonitoredStep
    unit: Unit | None
    passes: list[Pass]

    @property
    def working_days(self) -> int:
        return self.step.working_days

    # Pass.done and Pass.late written out, and lists rather than generators: no Python call
    # per pass (the page asks each row for these, for both tables).
    @property
    def done_passes(self) -> list[Pass]:
        return [p for p in self.passes if p.completed_on is not None]

    @property
    def average(self) -> float | None:
        days = [p.days for p in self.passes if p.completed_on is not None]
        return round(sum(days) / len(days), 1) if days else None

    @property
    def maximum(self) -> int | None:
        return max([p.days for p in self.passes if p.completed_on is not None], default=None)

    @property
    def late_count(self) -> int:
        return len(
            [p for p in self.passes if p.completed_on is not None and p.completed_on > p.due_date]
        )

    @property
    def process_count(self) -> int:
        return len({p.task.process_id for p in self.passes})

    def figures(self) -> tuple[int, float | None, int | None, int]:
        """(len(done_passes), average, maximum, late_count) from one loop over the passes
        (no comprehension, builtin or property call per pass): a table row and the API
        show all four."""
        done = total = late = 0
        most = -1
        for item in self.passes:
            completed_on = item.completed_on
            if completed_on is not None:
                days = item.days
                done += 1
                total += days
                if days > most:
                    most = days
                if completed_on > item.due_date:
                    late += 1
        if not done:
            return 0, None, None, 0
        return done, round(total / done, 1), most, late


@dataclass
class Monitoring:
    organization: Organization
    today: datetime.date
    holders: list[Holder]
    late: list[OpenTask]
    processes: list[MonitoredProcess]
    process: MonitoredProcess | None
    durations: list[StepDuration]
    history: list[StepDuration]
    completed: list[MonitoredProcess]
    # The open tasks' deadlines by due date (each task's `deadline` is one of them).
    deadlines: dict[datetime.date, Deadline] = field(default_factory=dict)

    @property
    def durations_empty(self) -> bool:
        """No step of the chosen process has been opened: a table of dashes says nothing."""
        return not any(row.passes for row in self.durations)

    @property
    def history_empty(self) -> bool:
        """No finished pass of a completed process: the table would be all zeros."""
        # Loops, not a comprehension per row (the history has a row per step and unit).
        for row in self.history:
            for item in row.passes:
                if item.completed_on is not None:
                    return False
        return True


# --- Reading (a fixed number of queries) -----------------------------------------------------


def monitoring(organization: Organization, process_id: str | int | None = None) -> Monitoring:
    """Everything the page and the API show; `process_id` chooses the durations' process
    (default: the latest running one, else the latest one). Unknown: Http404."""
    calendar, today = WorkingCalendar(organization), today_for(organization)
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    processes = processes_from(PROCESSES.rows(organization.pk))
    by_pk = {p.pk: p for p in processes}
    process = chosen_process(processes, process_id)
    open_tasks = open_tasks_from(OPEN_TASKS.rows(organization.pk))
    deadlines: dict[datetime.date, Deadline] = {}  # a frozen value per due date
    for task in open_tasks:
        task.process = by_pk[task.process_id]
        due = task.due_date
        if due not in deadlines:
            deadlines[due] = deadline(due, today, calendar)
        task.deadline = deadlines[due]
    durations, history, completed = [], [], []
    if process is not None:
        stops = suspensions_of(organization, today)
        steps = steps_from(STEPS.rows(process.sop_version_id))
        completed = [p for p in processes if p.sop_id == process.sop_id and p.status == DONE]
        own, past = own_and_past_passes(process, completed, calendar, zone, today, stops)
        durations = durations_by_step(steps, own)
        history = durations_by_step(steps, past)
    return Monitoring(
        organization=organization,
        today=today,
        holders=group_by_holder(open_tasks, staffing_of(organization)),
        late=late_tasks(open_tasks, deadlines),
        processes=processes,
        process=process,
        durations=durations,
        history=history,
        completed=completed,
        deadlines=deadlines,
    )


# What the page and the API read of each row (no JSON column read and decoded for
# nothing), in MonitoredProcess's order (the date as text: DayText).
PROCESS_FIELDS = (
    "pk",
    "sop_id",
    "sop_version_id",
    "year",
    "revision",
    "status",
    DayText(F("start_date")),
    "sop_version__judul",
)


def processes_from(rows: list[tuple]) -> list[MonitoredProcess]:
    """PROCESS_FIELDS' rows as MonitoredProcesses (a loop, not a call per row)."""
    days = DAYS
    return [
        MonitoredProcess(pk, sop_id, version_id, year, revision, status, days[start], judul)
        for pk, sop_id, version_id, year, revision, status, start, judul in rows
    ]


# The tasks' columns: OPEN_TASK_COLUMNS and PASS_COLUMNS.


def open_tasks_of(organization: Organization | int) -> QuerySet[Task]:
    """The running processes' open tasks; each task's process is set by `monitoring()`."""
    return Task.objects.filter(
        process__organization=organization,
        process__status=Process.Status.RUNNING,
        status=Task.Status.OPEN,
    )


# The page's queries, compiled once per shape (erkt.compiled_sql): the same SQL on every
# request but for the organisation, the SOP version or the processes' ids.
PROCESSES = Shape(
    lambda organization_id: (
        Process.objects.filter(organization_id=organization_id)
        .order_by("-year", "-start_date", "-pk")
        .values_list(*PROCESS_FIELDS)
    )
)
OPEN_TASKS = Shape(
    lambda organization_id: (
        open_tasks_of(organization_id)
        .order_by("due_date", "step_run__number", "unit__order", "pk")
        .values_list(*OPEN_TASK_COLUMNS)
    )
)
STEPS = Shape(
    lambda version_id: (
        SopStep.objects.filter(version_id=version_id)
        .order_by("number")
        .values_list("number", "uraian", "waktu_amount", "waktu_unit", "per_unit")
    )
)
# One shape per number of processes (the chosen one and its SOP's completed ones).
PASSES = Shape(
    lambda *process_ids: (
        passes_query(Task.objects.filter(process_id__in=process_ids))
        .select_related(None)
        .values_list(*PASS_COLUMNS)
    )
)


def passes_query(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return (
        tasks.exclude(status__in=[Task.Status.CANCELLED, Task.Status.WITHDRAWN])
        .select_related("step_run", "unit")
        .order_by("process__start_date", "process_id", "pass_number", "pk")
    )


def process_tasks(tasks: QuerySet[Task]) -> list[Task]:
    return list(passes_query(tasks))


ByStep = dict[int, list[Pass]]


def own_and_past_passes(
    process: MonitoredProcess,
    completed: list[MonitoredProcess],
    calendar: WorkingCalendar,
    zone: zoneinfo.ZoneInfo,
    today: datetime.date,
    stops: Stops,
) -> tuple[ByStep, ByStep]:
    """The chosen process's passes, and the finished passes of the completed processes of
    its SOP (`completed`, the organisation's), each by step number, in one query: tasks of
    those processes, by their own process_id column (an index), split here. Each pass is
    what pass_of() makes of its task, built in one loop (a few Python calls a pass, where
    a row, a task and a pass made of it cost some fifteen)."""
    chosen, done_ids = process.pk, {p.pk for p in completed}
    own: ByStep = {}
    past: ByStep = {}
    days, local_days, runs, units = DAYS, LOCAL_DAYS, PASS_RUNS, UNITS
    working_days = calendar.working_days_between
    finished = Task.Status.DONE
    for (
        pk, process_id, pass_number, opened, due, completed_at, status, unit_id,
        run_number, unit_name, unit_short_name, unit_order,
    ) in PASSES.rows(*sorted({chosen, *done_ids})):  # fmt: skip
        opened_on, due_date = days[opened], days[due]
        completed_on = None if completed_at is None else local_days[zone, completed_at]
        unit = units[unit_id, unit_name, unit_short_name, unit_order] if unit_id else None
        task = PassTask(
            pk, process_id, pass_number, opened_on, due_date, completed_on, status, unit_id,
            runs[run_number], unit,
        )  # fmt: skip
        end = completed_on or today
        stopped = 0
        if process_id in stops:
            stopped = suspended_days(calendar, opened_on, end, stops[process_id])
        days_taken = working_days(opened_on, end) - stopped
        item = Pass(task, opened_on, due_date, completed_on, days_taken, stopped)
        # By step number, as step_durations() groups them (`in`, not setdefault: no call).
        if process_id == chosen:
            if run_number in own:
                own[run_number].append(item)
            else:
                own[run_number] = [item]
        if process_id in done_ids and status == finished:
            if run_number in past:
                past[run_number].append(item)
            else:
                past[run_number] = [item]
    return own, past


@dataclass
class Staffing:
    """Who holds the organisation's jabatan: per position, per role (a lane task belongs to
    every holder of its role) and each employee's titles."""

    by_position: dict[int, list[Person]] = field(default_factory=dict)
    by_role: dict[str, list[Person]] = field(default_factory=dict)
    titles: dict[int, list[str]] = field(default_factory=dict)


HOLDINGS = Shape(
    lambda organization_id: (
        Position.holders.through.objects.filter(position__organization_id=organization_id)
        .order_by("employee__name", "employee_id", "position__title")
        .values_list(
            "position_id",
            "position__title",
            "position__role",
            "employee_id",
            "employee__name",
            "employee__gelar_depan",
            "employee__gelar_belakang",
        )
    )
)


def staffing_of(organization: Organization) -> Staffing:
    staffing = Staffing()
    by_position, by_role, titles = staffing.by_position, staffing.by_role, staffing.titles
    in_role: set[tuple[str, int]] = set()
    people = PEOPLE
    # `in` rather than setdefault() and a set rather than a walk over the role's holders:
    # no Python call a holding beyond the appends.
    for position_id, title, role, pk, name, gelar_depan, gelar_belakang in HOLDINGS.rows(
        organization.pk
    ):
        person = people[pk, name, gelar_depan, gelar_belakang]
        if position_id in by_position:
            by_position[position_id].append(person)
        else:
            by_position[position_id] = [person]
        if (role, pk) not in in_role:
            in_role.add((role, pk))
            if role in by_role:
                by_role[role].append(person)
            else:
                by_role[role] = [person]
        if pk in titles:
            titles[pk].append(title)
        else:
            titles[pk] = [title]
    return staffing


def chosen_process(
    processes: list[MonitoredProcess], process_id: str | int | None
) -> MonitoredProcess | None:
    if process_id in (None, ""):
        running = [p for p in processes if p.status == Process.Status.RUNNING]
        return (running or processes or [None])[0]
    try:
        wanted = int(process_id)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    found = next((p for p in processes if p.pk == wanted), None)
    if found is None:
        raise Http404
    return found


# --- Computing (pure) ------------------------------------------------------------------------


def group_by_holder(tasks: list[OpenTask], staffing: Staffing) -> list[Holder]:
    """Each open task under whoever may work on it: its claimant only, once claimed; else
    every holder of its jabatan (a lane task: of its role). A task nobody holds stays under
    its jabatan. People by name, vacant jabatan last; tasks in the given order."""
    groups: dict[tuple[str, int], Holder] = {}
    by_position, by_role, titles = staffing.by_position, staffing.by_role, staffing.titles
    nobody: list[Person] = []
    # `in` rather than setdefault(): a holder looked up without a Python call.
    for task in tasks:
        if task.claimed_by_id:
            people = [task.claimed_by]
        elif task.unit_id:
            people = by_position.get(task.position_id, nobody)
        else:
            people = by_role.get(task.position.role, nobody)
        for person in people:
            # A holder made once (a Holder and the full name per task were most of the work).
            key = ("e", person.pk)
            if key in groups:
                groups[key].tasks.append(task)
            else:
                held = titles.get(person.pk, [])
                groups[key] = Holder(person.full_name, held, person, [task])
        if not people:
            key = ("p", task.position_id)
            if key in groups:
                groups[key].tasks.append(task)
            else:
                groups[key] = Holder("", [task.position.title], tasks=[task])
    return sorted(groups.values(), key=lambda h: (h.employee is None, h.name.casefold()))


def late_tasks(tasks: list[OpenTask], deadlines: dict[datetime.date, Deadline]) -> list[OpenTask]:
    """The open tasks past their due date (`deadlines`: the tasks' by due date), the latest
    first (then the earliest due)."""
    # Asked once per due date, not once per task.
    late_days = {due for due, found in deadlines.items() if found.is_late}
    late = [t for t in tasks if t.due_date in late_days]
    return sorted(late, key=lambda t: (t.deadline.days, t.due_date, t.step_run.number, t.pk))


Stops = dict[int, list[tuple[datetime.date, datetime.date]]]


SUSPENSIONS = Shape(
    lambda organization_id: (
        ProcessSuspension.objects.filter(process__organization_id=organization_id)
        .order_by("process_id", "started_on", "pk")
        .values_list("process_id", "started_on", "ended_on")
    )
)


def suspensions_of(organization: Organization, today: datetime.date) -> Stops:
    """{process id: [(started_on, ended_on or today)]}: the organisation's suspensions."""
    stops: Stops = {}
    for process_id, started, ended in SUSPENSIONS.rows(organization.pk):
        stops.setdefault(process_id, []).append((started, ended or max(today, started)))
    return stops


def suspended_days(
    calendar: WorkingCalendar,
    opened: datetime.date,
    end: datetime.date,
    stops: list[tuple[datetime.date, datetime.date]],
) -> int:
    """The working days of (opened, end] that fall in a suspension's (started, ended]."""
    total = 0
    for started, ended in stops:
        low, high = max(opened, started), min(end, ended)
        if high > low:
            total += calendar.working_days_between(low, high)
    return total


def pass_of(
    task: Task,
    calendar: WorkingCalendar,
    zone: zoneinfo.ZoneInfo,
    today: datetime.date,
    stops: Stops | None = None,
) -> Pass:
    completed_on = task.completed_at.astimezone(zone).date() if task.completed_at else None
    end = completed_on or today
    process_stops = stops.get(task.process_id) if stops else None
    stopped = suspended_days(calendar, task.opened_on, end, process_stops) if process_stops else 0
    return Pass(
        task=task,
        opened_on=task.opened_on,
        due_date=task.due_date,
        completed_on=completed_on,
        days=calendar.working_days_between(task.opened_on, end) - stopped,
        suspended_days=stopped,
    )


def passes_of(
    tasks: list[Task],
    calendar: WorkingCalendar,
    zone: zoneinfo.ZoneInfo,
    today: datetime.date,
    stops: Stops | None = None,
) -> list[Pass]:
    return [pass_of(task, calendar, zone, today, stops) for task in tasks]


def step_durations(steps: list[SopStep], passes: list[Pass]) -> list[StepDuration]:
    """One row per step (per unit for a per-unit step), its passes matched by step number."""
    by_number: ByStep = {}
    for item in passes:
        by_number.setdefault(item.task.step_run.number, []).append(item)
    return durations_by_step(steps, by_number)


def durations_by_step(
    steps: list[SopStep] | list[MonitoredStep], by_number: ByStep
) -> list[StepDuration]:
    """step_durations() of passes already grouped by step number."""
    rows = []
    for step in steps:
        mine = by_number.get(step.number, [])
        if not step.per_unit or not mine:
            rows.append(StepDuration(step, None, mine))
            continue
        units = {p.task.unit_id: p.task.unit for p in mine}
        for unit in sorted(units.values(), key=lambda u: (u.order, u.name)):
            rows.append(StepDuration(step, unit, [p for p in mine if p.task.unit_id == unit.pk]))
    return rows
