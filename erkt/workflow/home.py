"""The first page after login: panels for the person's roles above their Kotak Tugas.

The engine owns the panels that read only processes, steps and tasks (the Gantt, the
late tasks and who holds them); other apps register their own (erkt/rkt/home_panels.py)
with `register`. A panel is a template and a function giving its context, or None when
it has nothing to show. Each panel reads at most a fixed number of queries, whatever the
number of tasks or processes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Subquery
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from erkt.compiled_sql import Shape
from erkt.org.access import employee_of, is_pemkab, organization_of, positions_of, roles_of
from erkt.org.models import Position, Role
from erkt.per_language import per_language
from erkt.workflow import home_html
from erkt.workflow.gantt import gantt_svg
from erkt.workflow.models import Process, StepRun, Task
from erkt.workflow.pages import Named, RunRow, TaskRow, as_texts, in_step_order

LEADERS = frozenset({Role.KEPALA, Role.SEKRETARIS})
PLANNERS = frozenset({Role.KASUBBAG_PERENCANAAN, Role.TIM_PERENCANAAN})
# Not an SOP role: a Pemkab reader (erkt.org.models.PemkabMembership), for its panels.
PEMKAB = "pemkab"


@dataclass
class Home:
    """What every panel may read: the user and the office's running process, read once."""

    user: object
    roles: set[str]
    positions: list[Position]
    process: Process | None
    runs: list[RunRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    # What each step run's step does (SopStep.action), by run: an app knows its own steps.
    step_actions: list[str] = field(default_factory=list)

    @property
    def active_numbers(self) -> list[int]:
        return [run.number for run in self.runs if run.status == StepRun.Status.ACTIVE]

    @property
    def headed_unit_ids(self) -> list[int]:
        """The units whose head position the user holds (or stands in for)."""
        return [p.unit_id for p in self.positions if p.unit.head_position_id == p.pk]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    roles: frozenset[str] | None  # None: anyone heading a unit (see `for_unit_heads`)
    build: Callable[[Home], dict | None]
    order: int = 50
    for_unit_heads: bool = False
    # What renders the panel's context in place of the template (the same HTML), if given.
    render: Callable[[dict], str] | None = None

    def shown_to(self, home: Home) -> bool:
        if self.for_unit_heads and home.headed_unit_ids:
            return True
        return bool(self.roles and self.roles & home.roles)


PANELS: dict[str, Panel] = {}


def register(
    name: str,
    template: str,
    *,
    roles: frozenset[str] | None = None,
    order: int = 50,
    for_unit_heads: bool = False,
    render: Callable[[dict], str] | None = None,
) -> Callable:
    """Decorator: add a panel (registering the same name again replaces it)."""

    def decorate(build: Callable[[Home], dict | None]) -> Callable[[Home], dict | None]:
        PANELS[name] = Panel(name, template, roles, build, order, for_unit_heads, render)
        return build

    return decorate


# The home's three reads of the running process, compiled once (erkt.compiled_sql): Django
# built and compiled each on every visit of a home page.
# The latest running process is chosen in a subquery of the process table alone, then read
# with its organisation and SOP version: sorted after the joins, SQLite carried every running
# process's organisation and SOP version rows through the sort (a Kepala with 50 running
# processes: some 3x the time of the query).
RUNNING_PROCESS = Shape(
    lambda organization_id: (
        Process.objects.filter(
            pk=Subquery(
                Process.objects.filter(
                    organization_id=organization_id, status=Process.Status.RUNNING
                )
                .order_by("-year", "-start_date", "-pk")
                .values("pk")[:1]
            )
        )
        .select_related("organization", "sop_version")
        .order_by()
    )
)
# The step runs and tasks are plain rows (the process page's RunRow and TaskRow, with the
# step's action and the task's position title beside them): no StepRun, SopStep, Task, Unit,
# Position and Employee instance per row.
STEP_RUNS = Shape(
    lambda process_id: as_texts(
        StepRun.objects.filter(process_id=process_id).order_by("number"),
        (*RunRow.COLUMNS, "step__action"),
        RunRow,
    )
)
TASKS = Shape(
    lambda process_id: as_texts(
        Task.objects.filter(process_id=process_id).exclude(status=Task.Status.CANCELLED).order_by(),
        (*TaskRow.PAGE_COLUMNS, "position__title"),
        TaskRow,
    )
)


def running_process(organization) -> Process | None:
    """The office's running process, the latest year first (the one the home follows)."""
    found = RUNNING_PROCESS.rows(organization.pk)
    return found[0] if found else None


def home_of(user) -> Home:
    positions = positions_of(user)
    roles = roles_of(user)
    if is_pemkab(user):
        roles = roles | {PEMKAB}
    if employee_of(user) is None:
        return Home(user, roles, positions, None)
    process = running_process(organization_of(user))
    home = Home(user, roles, positions, process)
    if process is not None and (roles & (LEADERS | PLANNERS) or home.headed_unit_ids):
        read_runs(home, STEP_RUNS.rows(process.pk))
        read_tasks(home, TASKS.rows(process.pk))
    return home


def read_runs(home: Home, rows: list[tuple]) -> None:
    for *columns, action in rows:
        run = RunRow.of(columns)
        run.process = home.process
        home.runs.append(run)
        home.step_actions.append(action)


def read_tasks(home: Home, rows: list[tuple]) -> None:
    """The tasks in step order, each with its step run and its position's title (the late
    panel names the position when nobody holds it); the holders are read by the late
    panel, for late tasks only."""
    run_by_pk = {run.pk: run for run in home.runs}
    tasks = []
    for *columns, title in rows:
        task = TaskRow.of(columns)
        task.position = Named("", title=title)
        task.process = home.process
        task.step_run = run_by_pk[task.step_run_id]
        tasks.append(task)
    home.tasks = in_step_order(tasks, run_by_pk)


@dataclass
class ShownPanel:
    name: str
    html: str


def panels_for(home: Home) -> list[ShownPanel]:
    shown = []
    for panel in sorted(PANELS.values(), key=lambda p: (p.order, p.name)):
        if not panel.shown_to(home):
            continue
        context = panel.build(home)
        if context is None:
            continue
        if panel.render is not None:
            html = mark_safe(panel.render(context))
        else:
            html = render_to_string(panel.template, {"home": home, **context})
        shown.append(ShownPanel(panel.name, html))
    return shown


# --- The engine's own panels ----------------------------------------------------------------


# The Gantt panel's card (workflow/home/gantt.html: legend, chart, footnote) is rendered once
# per language around stand-ins for the process's key and the chart, which each request
# fills in: its only variables. The template's nodes (an include, seven translations) cost
# more than the chart's own drawing.
PK_MARK, CHART_MARK = "\x00erkt-process-pk\x00", "\x00erkt-gantt\x00"


def gantt_card(context: dict) -> str:
    """The HTML of workflow/home/gantt.html for the gantt panel's context."""
    frame = gantt_frame()
    # The key first: the chart (escaped text) is put in last, so nothing in it is replaced.
    html = frame.replace(PK_MARK, str(int(context["process"].pk)))
    return html.replace(CHART_MARK, context["gantt"])


@per_language
def gantt_frame() -> str:
    """The panel's card with stand-ins for the process key and the chart."""
    stand_ins = {"process": {"pk": PK_MARK}, "gantt": mark_safe(CHART_MARK), "in_panel": True}
    return render_to_string("workflow/home/gantt.html", stand_ins)


@register(
    "gantt", "workflow/home/gantt.html", roles=LEADERS | PLANNERS, order=10, render=gantt_card
)
def gantt_panel(home: Home) -> dict | None:
    if home.process is None:
        return None
    gantt = gantt_svg(home.process, home.runs, home.tasks)
    return {"process": home.process, "gantt": gantt, "in_panel": True}


@dataclass
class LateTask:
    task: TaskRow
    holders: list[str]


LATE_TEMPLATE = "workflow/home/late.html"


def late_card(context: dict) -> str:
    """The HTML of workflow/home/late.html for the late panel's context."""
    if not context["late"]:
        return nothing_late_card()
    return home_html.late_card(context["late"])


@per_language
def nothing_late_card() -> str:
    """The late panel when nothing is late: the same card for everyone, once per language
    (the template's nodes and translations cost more than the rest of the panel)."""
    return render_to_string(LATE_TEMPLATE, {"late": []})


@register("late", LATE_TEMPLATE, roles=LEADERS | PLANNERS, order=20, render=late_card)
def late_panel(home: Home) -> dict | None:
    """What is late and who holds it (the claimant, or the position's holders)."""
    if home.process is None:
        return None
    today = home.process.today()
    tasks = [t for t in home.tasks if t.status == Task.Status.OPEN and t.due_date < today]
    tasks.sort(key=lambda t: (t.due_date, t.step_run.number, t.pk))
    holders = holder_names({t.position_id for t in tasks if not t.claimed_by_id})
    late = []
    for task in tasks:
        if task.claimed_by_id:
            names = [task.claimed_by.full_name]
        else:
            names = holders.get(task.position_id, [])
        late.append(LateTask(task, names or [task.position.title]))
    return {"process": home.process, "late": late}


def holder_names(position_ids: set[int]) -> dict[int, list[str]]:
    """{position id: its holders' full names by name}; no query when nothing is late."""
    if not position_ids:
        return {}
    rows = (
        Position.holders.through.objects.filter(position_id__in=position_ids)
        .select_related("employee")
        .only("position_id", "employee__name", "employee__gelar_depan", "employee__gelar_belakang")
        .order_by("employee__name", "employee_id")
    )
    names: dict[int, list[str]] = {}
    for row in rows:
        names.setdefault(row.position_id, []).append(row.employee.full_name)
    return names
