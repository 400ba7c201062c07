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

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from erkt.documents.models import IssuedDocument
from erkt.documents.signing.services import public_url
from erkt.org.demo import SEED_SOP_CODE
from erkt.org.models import Organization
from erkt.rkt.documents.rkt import FINAL
from erkt.rkt.drafts.models import DraftRkt
from erkt.workflow.calendar import WorkingCalendar, _reason, today_for
from erkt.workflow.models import CalendarDay, Process, StepRun, Task

PAGE_SIZE = 50
RKT_SOP = SEED_SOP_CODE  # the SOP whose processes are the OPDs' RKT


class Sort:
    NAME = "nama"
    LATE = "terlambat"
    CHOICES = (NAME, LATE)


@dataclass
class OpdRow:
    organization: Organization
    process: Process | None = None
    steps: list[StepRun] = field(default_factory=list)
    late_tasks: int = 0
    days_late: int = 0
    version: int | None = None
    final: bool = False
    signed: IssuedDocument | None = None
    verification_url: str = ""

    @property
    def is_signed(self) -> bool:
        return self.signed is not None

    @property
    def step_text(self) -> str:
        return "; ".join(f"{run.number}. {run.step.uraian}" for run in self.steps)


def organizations(year: int, today: datetime.date, sort: str, late_only: bool) -> QuerySet:
    """Every OPD, annotated with its process of the year and its late open tasks."""
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
        .only("pk", "name", "short_name", "time_zone", "calendar_token")
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


def rows_of(orgs: list[Organization], today: datetime.date) -> list[OpdRow]:
    """The rows of these OPDs in five queries: processes, running steps, versions, signed
    RKTs and the OPDs' local calendar days."""
    process_ids = [org.process_pk for org in orgs if org.process_pk]
    # What the page and the XLSX show: no JSON column read and decoded for nothing.
    shown = ("organization", "sop_version__judul", "year", "revision", "status", "start_date")
    processes = {
        p.pk: p
        for p in Process.objects.filter(pk__in=process_ids)
        .select_related("sop_version")
        .only(*shown)
        .order_by()
    }
    steps: dict[int, list[StepRun]] = {}
    active = StepRun.objects.filter(process__in=process_ids, status=StepRun.Status.ACTIVE)
    runs = active.select_related("step").only("process", "number", "status", "step__uraian")
    for run in runs.order_by("process_id", "number"):
        steps.setdefault(run.process_id, []).append(run)
    versions = {
        row["process"]: row
        for row in DraftRkt.objects.filter(process__in=process_ids)
        .values("process")
        .annotate(number=Max("number"), finals=Count("pk", filter=Q(status=DraftRkt.Status.FINAL)))
    }
    signed = {
        doc.process_id: doc
        for doc in IssuedDocument.objects.filter(process__in=process_ids, kind=FINAL)
        .exclude(pdf_kind=IssuedDocument.PdfKind.RENDERED)
        .only("pk", "process_id", "code", "pdf_kind", "title")
    }
    calendars = _calendars(orgs)
    rows = []
    for org in orgs:
        row = OpdRow(org, late_tasks=org.late_tasks)
        process = processes.get(org.process_pk)
        if process is not None:
            process.organization = org
            row.process = process
            row.steps = steps.get(process.pk, [])
            version = versions.get(process.pk)
            if version is not None:
                row.version, row.final = version["number"], version["finals"] > 0
            row.signed = signed.get(process.pk)
            if row.signed is not None:
                row.verification_url = public_url(row.signed)
            if org.oldest_late_due is not None:
                days = calendars[org.pk].working_days_between(org.oldest_late_due, today)
                row.days_late = max(days, 0)
        rows.append(row)
    return rows


def _calendars(orgs: list[Organization]) -> dict[int, WorkingCalendar]:
    """Each OPD's working calendar, their local days read in one query."""
    local: dict[int, dict] = {org.pk: {} for org in orgs}
    days = (
        CalendarDay.objects.filter(organization__in=list(local))
        .order_by("organization_id", "-date")
        .values_list("organization_id", "date", "kind", "name", "dasar_hukum")
    )
    for organization_id, day, kind, name, basis in days:
        local[organization_id][day] = (kind, _reason(name, basis))
    calendars = {}
    for org in orgs:
        calendar = WorkingCalendar(None)
        calendar.local = local[org.pk]
        calendars[org.pk] = calendar
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
