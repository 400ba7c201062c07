"""The Pemkab overview: every OPD of the deployment side by side for one RKT year.

Per OPD: its RKT process of the year (the running one, else the latest completed), the
step(s) running, the late open tasks and how many working days the oldest is late, the
latest Draft RKT version, and whether the final RKT is signed (with its document and its
public verification address). Fifty OPDs a page, in a fixed number of queries whatever
the number of OPDs, processes and tasks (erkt/pemkab/tests/test_query_counts.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection

from erkt.compiled_sql import Shape
from erkt.documents.models import IssuedDocument
from erkt.org.demo import SEED_SOP_CODE
from erkt.org.models import Organization
from erkt.rkt.documents.rkt import FINAL
from erkt.rkt.drafts.models import DraftRkt
from erkt.sop.models import Sop, SopStep
from erkt.url_cache import remembered
from erkt.workflow.calendar import WorkingCalendar, _reason, today_for
from erkt.workflow.models import CalendarDay, Process, StepRun, Task

PAGE_SIZE = 50
RKT_SOP = SEED_SOP_CODE  # the SOP whose processes are the OPDs' RKT


class Sort:
    NAME = "nama"
    LATE = "terlambat"
    CHOICES = (NAME, LATE)


class Opd(NamedTuple):
    pk: int
    name: str
    short_name: str


class OpdProcess(NamedTuple):
    pk: int
    status: str

    def get_status_display(self) -> str:
        """Process.get_status_display() (an unknown value shown as it is)."""
        return str(dict(Process.Status.choices).get(self.status, self.status))


class RunningStep(NamedTuple):
    number: int
    uraian: str


class SignedRkt(NamedTuple):
    pk: int
    code: str


@dataclass
class OpdRow:
    """One OPD's row, read as plain values (`.values()`): no model instance per cell."""

    organization: Opd
    process: OpdProcess | None = None
    steps: list[RunningStep] = field(default_factory=list)
    late_tasks: int = 0
    days_late: int = 0
    version: int | None = None
    final: bool = False
    signed: SignedRkt | None = None
    verification_url: str = ""

    @property
    def is_signed(self) -> bool:
        return self.signed is not None

    @property
    def step_text(self) -> str:
        return "; ".join(f"{run.number}. {run.uraian}" for run in self.steps)


# The orders of organizations(), of the page's columns ({table}: a qualifier).
ORDER = {
    Sort.NAME: "{table}name ASC, {table}id ASC",
    Sort.LATE: (
        "{table}late_tasks DESC, {table}oldest_late_due ASC, {table}name ASC, {table}id ASC"
    ),
}


def _page_sql(late_only: bool, window: bool = False) -> str:
    """The OPDs with their process of the year and its late open tasks.

    Written out (tested on SQLite and PostgreSQL) for what the ORM compiled on every
    page (~0.4 ms a queryset): Organization.objects annotated with
      process_pk = Coalesce(Subquery(running), Subquery(latest)), where running is
        Process.objects.filter(organization=OuterRef("pk"), year=year, sop__code=RKT_SOP,
        status=RUNNING).order_by("-start_date", "-pk").values("pk")[:1] and latest the
        same without status, excluding CANCELLED;
      late_tasks = Coalesce(count of Task(process=process_pk, status=OPEN,
        due_date__lt=today), 0) and oldest_late_due = their Min("due_date");
    filtered on late_tasks > 0 (late_only).

    `window`: the OPDs of one page by name (LIMIT and OFFSET) are chosen first, and only
    theirs are looked up: else every OPD's process and late tasks were computed before the
    sort kept fifty (a cost that grew with the Pemkab). Only for the name order of every
    OPD: the late order and the late filter need every OPD's figures by design.
    """
    process = Process._meta.db_table
    sop = Sop._meta.db_table
    organizations, fence = Organization._meta.db_table, ""
    if window:
        # The window's LIMIT again on `opd` (it holds no more rows): a subquery with a LIMIT
        # is not flattened into the outer join, so each OPD's process is looked up once,
        # not once for every column that reads it.
        fence = " LIMIT %(limit)s"
        organizations = f"""(SELECT o.id, o.name, o.short_name FROM {organizations} o
          ORDER BY {ORDER[Sort.NAME].format(table="o.")} LIMIT %(limit)s OFFSET %(offset)s)"""
    of_year = f"""SELECT p.id FROM {process} p INNER JOIN {sop} s ON p.sop_id = s.id
        WHERE p.organization_id = o.id AND s.code = %(sop)s AND p.year = %(year)s"""
    late = f"""FROM {Task._meta.db_table} t WHERE t.process_id = opd.process_pk
        AND t.status = %(open)s AND t.due_date < %(today)s"""
    page = f"""SELECT opd.id, opd.name, opd.short_name, opd.process_pk,
          COALESCE((SELECT COUNT(*) {late}), 0) AS late_tasks,
          (SELECT MIN(t.due_date) {late}) AS oldest_late_due
        FROM (SELECT o.id, o.name, o.short_name, COALESCE(
            ({of_year} AND p.status = %(running)s ORDER BY p.start_date DESC, p.id DESC LIMIT 1),
            ({of_year} AND p.status <> %(cancelled)s ORDER BY p.start_date DESC, p.id DESC LIMIT 1)
          ) AS process_pk FROM {organizations} o{fence}) opd"""
    if late_only:
        page = f"SELECT * FROM ({page}) counted WHERE late_tasks > 0"
    return page


def _opd_sql(sort: str, late_only: bool, limit: int | None) -> str:
    """_page_sql's OPDs ordered and sliced, and for the rows of the slice only: the
    process's status, Max("drafts__number"), the count of FINAL drafts, and the latest
    (issued_at, pk) IssuedDocument(kind=FINAL) whose pdf_kind is not RENDERED: its pk
    and code."""
    window = limit is not None and sort == Sort.NAME and not late_only
    page = _page_sql(late_only, window)
    if limit is not None and not window:
        page += f" ORDER BY {ORDER[sort].format(table='')} LIMIT %(limit)s OFFSET %(offset)s"
    process = Process._meta.db_table
    drafts = DraftRkt._meta.db_table
    documents = IssuedDocument._meta.db_table
    return f"""SELECT pg.id, pg.name, pg.short_name, pg.process_pk, pg.late_tasks,
          pg.oldest_late_due, pr.status,
          (SELECT MAX(d.number) FROM {drafts} d WHERE d.process_id = pg.process_pk),
          (SELECT COUNT(*) FROM {drafts} d WHERE d.process_id = pg.process_pk
            AND d.status = %(final)s),
          doc.id, doc.code
        FROM ({page}) pg
        LEFT JOIN {process} pr ON pr.id = pg.process_pk
        LEFT JOIN {documents} doc ON doc.id = (
          SELECT i.id FROM {documents} i WHERE i.process_id = pg.process_pk
            AND i.kind = %(kind)s AND i.pdf_kind <> %(rendered)s
          ORDER BY i.issued_at DESC, i.id DESC LIMIT 1)
        ORDER BY {ORDER[sort].format(table="pg.")}"""


class OpdList:
    """Every OPD (dicts of _opd_sql's columns) as Paginator reads it: count() and a slice,
    each one query."""

    def __init__(self, year: int, today: datetime.date, sort: str, late_only: bool) -> None:
        self.sort, self.late_only = sort, late_only
        self.params = {
            "sop": RKT_SOP,
            "year": year,
            "running": Process.Status.RUNNING.value,
            "cancelled": Process.Status.CANCELLED.value,
            "open": Task.Status.OPEN.value,
            "today": connection.ops.adapt_datefield_value(today),
            "final": DraftRkt.Status.FINAL.value,
            "kind": FINAL,
            "rendered": IssuedDocument.PdfKind.RENDERED.value,
        }

    def count(self) -> int:
        """Organization.objects.count(), of the late ones only when asked."""
        sql = f"SELECT COUNT(*) FROM {Organization._meta.db_table}"
        if self.late_only:
            sql = f"SELECT COUNT(*) FROM ({_page_sql(True)}) page"
        with connection.cursor() as cursor:
            cursor.execute(sql, self.params if self.late_only else None)
            return cursor.fetchone()[0]

    def __getitem__(self, window: slice) -> list[dict]:
        if window.stop <= window.start:  # no OPD (none late): no query, as a queryset's [0:0]
            return []
        return self._rows(window.stop - window.start, window.start)

    def __iter__(self):
        return iter(self._rows(None, 0))

    def _rows(self, limit: int | None, offset: int) -> list[dict]:
        sql = _opd_sql(self.sort, self.late_only, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, {**self.params, "limit": limit, "offset": offset})
            return [_opd(*values) for values in cursor.fetchall()]


def _opd(pk, name, short_name, process_pk, late, oldest, status, version, finals, doc, code):
    if isinstance(oldest, str):  # SQLite answers a date as text to a written-out query
        oldest = datetime.date.fromisoformat(oldest)
    return {
        "pk": pk,
        "name": name,
        "short_name": short_name,
        "process_pk": process_pk,
        "late_tasks": late,
        "oldest_late_due": oldest,
        "status": status,
        "version": version,
        "finals": finals,
        "signed": SignedRkt(doc, code) if doc is not None else None,
    }


def organizations(year: int, today: datetime.date, sort: str, late_only: bool) -> OpdList:
    """Every OPD as a dict of its name, its process of the year and its figures."""
    return OpdList(year, today, sort, late_only)


def overview(
    year: int, *, page: str | int | None = 1, sort: str = Sort.NAME, late_only: bool = False
) -> Page:
    """The page of OPD rows (`page.object_list` holds OpdRow)."""
    today = today_for(None)
    paginator = Paginator(organizations(year, today, sort, late_only), PAGE_SIZE)
    result = paginator.get_page(page)
    result.object_list = rows_of(list(result.object_list), today)
    return result


def rows_of(orgs: list[dict], today: datetime.date) -> list[OpdRow]:
    """The rows of these OPDs (dicts of organizations()) in two more queries: the
    running steps and the OPDs' local calendar days."""
    process_ids = [org["process_pk"] for org in orgs if org["process_pk"]]
    steps = _running_steps(process_ids)
    calendars = _calendars(orgs)
    verification = settings.ERKT_PUBLIC_URL.rstrip("/")
    rows = []
    for org in orgs:
        row = OpdRow(Opd(org["pk"], org["name"], org["short_name"]), late_tasks=org["late_tasks"])
        if org["status"] is not None:
            pk = org["process_pk"]
            row.process = OpdProcess(pk, org["status"])
            row.steps = steps.get(pk, [])
            if org["version"] is not None:
                row.version, row.final = org["version"], org["finals"] > 0
            row.signed = org["signed"]
            if row.signed is not None:
                # erkt.documents.signing.services.public_url, its link kept per code.
                row.verification_url = verification + remembered("signing:verify", row.signed.code)
            if org["oldest_late_due"] is not None:
                days = calendars[org["pk"]].working_days_between(org["oldest_late_due"], today)
                row.days_late = max(days, 0)
        rows.append(row)
    return rows


def _running_steps(process_ids: list[int]) -> dict[int, list[RunningStep]]:
    """The active steps of these processes in step order, written out for
    StepRun.objects.filter(process__in=process_ids, status=ACTIVE)
    .order_by("process_id", "number").values_list("process_id", "number", "step__uraian");
    no query for no process, as the ORM skips an empty IN."""
    steps: dict[int, list[RunningStep]] = {}
    if not process_ids:
        return steps
    marks = ", ".join(["%s"] * len(process_ids))
    sql = f"""SELECT r.process_id, r.number, s.uraian FROM {StepRun._meta.db_table} r
        INNER JOIN {SopStep._meta.db_table} s ON r.step_id = s.id
        WHERE r.status = %s AND r.process_id IN ({marks}) ORDER BY r.process_id, r.number"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [StepRun.Status.ACTIVE.value, *process_ids])
        for process_id, number, uraian in cursor.fetchall():
            steps.setdefault(process_id, []).append(RunningStep(number, uraian))
    return steps


def _calendars(orgs: list[dict]) -> dict[int, WorkingCalendar]:
    """The working calendar of each late OPD (the only ones whose days are counted), their
    local days read in one query, asked even when none is late (no id is 0): the page
    reads as many queries whoever is late."""
    local: dict[int, dict] = {org["pk"]: {} for org in orgs if org["oldest_late_due"]}
    asked = list(local) or ([0] if orgs else [])
    days = CALENDAR_DAYS.rows(*asked) if asked else []
    for organization_id, day, kind, name, basis in days:
        local[organization_id][day] = (kind, _reason(name, basis))
    calendars = {}
    for pk, days in local.items():
        calendar = WorkingCalendar(None)
        calendar.local = days
        calendars[pk] = calendar
    return calendars


# The late OPDs' local calendar days, compiled once per number of OPDs (erkt.compiled_sql).
CALENDAR_DAYS = Shape(
    lambda *organization_ids: (
        CalendarDay.objects.filter(organization__in=organization_ids)
        .order_by("organization_id", "-date")
        .values_list("organization_id", "date", "kind", "name", "dasar_hukum")
    )
)


def default_year() -> int:
    """The year followed by default: the newest year with a running RKT, else the newest
    year of any RKT, else next year (the RKT of year N is prepared in year N - 1)."""
    running = NEWEST_RUNNING_YEAR.rows(RKT_SOP, Process.Status.RUNNING.value)
    if running:
        return running[0]
    newest = NEWEST_YEAR.rows(RKT_SOP)
    return newest[0] if newest else today_for(None).year + 1


def _rkt_years(sop_code: str):
    return (
        Process.objects.filter(sop__code=sop_code).order_by("-year").values_list("year", flat=True)
    )


# default_year()'s two reads, compiled once (erkt.compiled_sql): the ORM compiled them on
# every visit of the overview without a year and of the reader's home (~1,100 calls).
NEWEST_RUNNING_YEAR = Shape(lambda sop_code, status: _rkt_years(sop_code).filter(status=status)[:1])
NEWEST_YEAR = Shape(lambda sop_code: _rkt_years(sop_code)[:1])


def years() -> list[int]:
    """The years of every OPD's RKT processes, newest first (for the year picker).

    Written out for Process.objects.filter(sop__code=RKT_SOP).order_by("-year")
    .values_list("year", flat=True).distinct() (tested against it on SQLite and PostgreSQL),
    which read every RKT process of every OPD (~0.9 ms at 900 OPDs): a loose index scan
    instead, one step down the (year, sop) index per year, each the newest RKT year below
    the one before. `p.revision >= 0` always holds: it is the condition of the partial
    index process_year_sop, which no other lookup states (see Process.Meta).
    """
    with connection.cursor() as cursor:
        cursor.execute(YEARS_SQL, {"sop": RKT_SOP})
        return [year for (year,) in cursor.fetchall()]


def _newest_year_sql(below: str) -> str:
    # CROSS JOIN: SQLite keeps the processes as the outer loop (down the year index) rather
    # than starting from every RKT SOP and reading each one's processes.
    return f"""(SELECT p.year FROM {Process._meta.db_table} p
        CROSS JOIN {Sop._meta.db_table} s
        WHERE p.revision >= 0 AND p.sop_id = s.id AND s.code = %(sop)s{below}
        ORDER BY p.year DESC LIMIT 1)"""


YEARS_SQL = f"""WITH RECURSIVE rkt_year(year) AS (
      SELECT {_newest_year_sql("")}
      UNION ALL
      SELECT {_newest_year_sql(" AND p.year < rkt_year.year")}
        FROM rkt_year WHERE rkt_year.year IS NOT NULL
    )
    SELECT year FROM rkt_year WHERE year IS NOT NULL"""
