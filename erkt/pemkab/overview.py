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
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from erkt.documents.models import IssuedDocument
from erkt.org.demo import SEED_SOP_CODE
from erkt.org.models import Organization
from erkt.rkt.documents.rkt import FINAL
from erkt.rkt.drafts.models import DraftRkt
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


def organizations(year: int, today: datetime.date, sort: str, late_only: bool) -> QuerySet:
    """Every OPD as a dict of its name, its process of the year and its late open tasks."""
    running = (
        Process.objects.filter(
            organization=OuterRef("pk"),
            year=year,
            sop__code=RKT_SOP,
            status=Process.Status.RUNNING,
        )
        .order_by("-start_date", "-pk")
        .values("pk")[:1]
    )
    latest = (
        Process.objects.filter(organization=OuterRef("pk"), year=year, sop__code=RKT_SOP)
        .exclude(status=Process.Status.CANCELLED)
        .order_by("-start_date", "-pk")
        .values("pk")[:1]
    )
    late = Task.objects.filter(
        process=OuterRef("process_pk"), status=Task.Status.OPEN, due_date__lt=today
    )
    count = late.order_by().values("process").annotate(n=Count("pk")).values("n")
    oldest = late.order_by().values("process").annotate(d=Min("due_date")).values("d")
    queryset = (
        Organization.objects.annotate(
            process_pk=Coalesce(Subquery(running), Subquery(latest), output_field=IntegerField())
        )
        .annotate(
            late_tasks=Coalesce(Subquery(count), 0, output_field=IntegerField()),
            oldest_late_due=Subquery(oldest),
        )
        .values("pk", "name", "short_name", "process_pk", "late_tasks", "oldest_late_due")
    )
    if late_only:
        queryset = queryset.filter(late_tasks__gt=0)
    if sort == Sort.LATE:
        return queryset.order_by("-late_tasks", "oldest_late_due", "name", "pk")
    return queryset.order_by("name", "pk")


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
    """The rows of these OPDs (dicts of organizations()) in five queries: processes,
    running steps, versions, signed RKTs and the OPDs' local calendar days."""
    process_ids = [org["process_pk"] for org in orgs if org["process_pk"]]
    processes = dict(Process.objects.filter(pk__in=process_ids).values_list("pk", "status"))
    steps: dict[int, list[RunningStep]] = {}
    active = StepRun.objects.filter(process__in=process_ids, status=StepRun.Status.ACTIVE)
    runs = active.order_by("process_id", "number").values_list(
        "process_id", "number", "step__uraian"
    )
    for process_id, number, uraian in runs:
        steps.setdefault(process_id, []).append(RunningStep(number, uraian))
    versions = {
        row["process"]: row
        for row in DraftRkt.objects.filter(process__in=process_ids)
        .values("process")
        .annotate(number=Max("number"), finals=Count("pk", filter=Q(status=DraftRkt.Status.FINAL)))
    }
    signed = {
        process_id: SignedRkt(pk, code)
        for process_id, pk, code in IssuedDocument.objects.filter(
            process__in=process_ids, kind=FINAL
        )
        .exclude(pdf_kind=IssuedDocument.PdfKind.RENDERED)
        .order_by("issued_at", "pk")  # the Meta ordering: the latest issue wins
        .values_list("process_id", "pk", "code")
    }
    calendars = _calendars(orgs)
    verification = settings.ERKT_PUBLIC_URL.rstrip("/")
    rows = []
    for org in orgs:
        row = OpdRow(Opd(org["pk"], org["name"], org["short_name"]), late_tasks=org["late_tasks"])
        status = processes.get(org["process_pk"])
        if status is not None:
            pk = org["process_pk"]
            row.process = OpdProcess(pk, status)
            row.steps = steps.get(pk, [])
            version = versions.get(pk)
            if version is not None:
                row.version, row.final = version["number"], version["finals"] > 0
            row.signed = signed.get(pk)
            if row.signed is not None:
                # erkt.documents.signing.services.public_url, its link kept per code.
                row.verification_url = verification + remembered("signing:verify", row.signed.code)
            if org["oldest_late_due"] is not None:
                days = calendars[org["pk"]].working_days_between(org["oldest_late_due"], today)
                row.days_late = max(days, 0)
        rows.append(row)
    return rows


def _calendars(orgs: list[dict]) -> dict[int, WorkingCalendar]:
    """Each OPD's working calendar, their local days read in one query."""
    local: dict[int, dict] = {org["pk"]: {} for org in orgs}
    days = (
        CalendarDay.objects.filter(organization__in=list(local))
        .order_by("organization_id", "-date")
        .values_list("organization_id", "date", "kind", "name", "dasar_hukum")
    )
    for organization_id, day, kind, name, basis in days:
        local[organization_id][day] = (kind, _reason(name, basis))
    calendars = {}
    for pk, days in local.items():
        calendar = WorkingCalendar(None)
        calendar.local = days
        calendars[pk] = calendar
    return calendars


def default_year() -> int:
    """The year followed by default: the newest year with a running RKT, else the newest
    year of any RKT, else next year (the RKT of year N is prepared in year N - 1)."""
    rkt = Process.objects.filter(sop__code=RKT_SOP).order_by("-year")
    running = rkt.filter(status=Process.Status.RUNNING).values_list("year", flat=True).first()
    if running is not None:
        return running
    newest = rkt.values_list("year", flat=True).first()
    return newest if newest is not None else today_for(None).year + 1


def years() -> list[int]:
    """The years of every OPD's RKT processes, newest first (for the year picker)."""
    years = Process.objects.filter(sop__code=RKT_SOP).values_list("year", flat=True)
    return list(years.order_by("-year").distinct())
