"""The overview's written-out SQL (erkt.pemkab.overview: _page_sql, _opd_sql and
_running_steps) answers what the ORM expression in its docstring answers, row for row,
for each order, the late-only filter, a running and a completed year. Run on SQLite and
on PostgreSQL."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from erkt.documents.models import IssuedDocument
from erkt.org.models import Organization
from erkt.pemkab.overview import RKT_SOP, OpdList, Sort, _running_steps
from erkt.pemkab.tests.conftest import signed_rkt
from erkt.rkt.documents.rkt import FINAL
from erkt.rkt.drafts.models import DraftRkt
from erkt.testing import scale
from erkt.workflow.models import Process, StepRun, Task
from erkt.workflow.tests.conftest import at, run_to


def orm_rows(year: int, today: datetime.date, sort: str, late_only: bool) -> list[dict]:
    """The ORM expression of _page_sql's docstring, and the figures _opd_sql adds."""
    running = (
        Process.objects.filter(
            organization=OuterRef("pk"), year=year, sop__code=RKT_SOP, status="running"
        )
        .order_by("-start_date", "-pk")
        .values("pk")[:1]
    )
    latest = (
        Process.objects.filter(organization=OuterRef("pk"), year=year, sop__code=RKT_SOP)
        .exclude(status="cancelled")
        .order_by("-start_date", "-pk")
        .values("pk")[:1]
    )
    late = Task.objects.filter(process=OuterRef("process_pk"), status="open", due_date__lt=today)
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
        queryset = queryset.order_by("-late_tasks", "oldest_late_due", "name", "pk")
    else:
        queryset = queryset.order_by("name", "pk")
    rows = list(queryset)
    ids = [row["process_pk"] for row in rows if row["process_pk"]]
    status = dict(Process.objects.filter(pk__in=ids).values_list("pk", "status"))
    versions = {
        row["process"]: row
        for row in DraftRkt.objects.filter(process__in=ids)
        .values("process")
        .annotate(number=Max("number"), finals=Count("pk", filter=Q(status="final")))
    }
    signed = {
        document.process_id: (document.pk, document.code)
        for document in IssuedDocument.objects.filter(process__in=ids, kind=FINAL).exclude(
            pdf_kind=""
        )
    }
    for row in rows:
        version = versions.get(row["process_pk"], {})
        row["status"] = status.get(row["process_pk"])
        row["version"] = version.get("number")
        row["finals"] = version.get("finals", 0)
        row["signed"] = signed.get(row["process_pk"])
    return rows


def written_out(year: int, today: datetime.date, sort: str, late_only: bool) -> list[dict]:
    rows = list(OpdList(year, today, sort, late_only))
    for row in rows:
        row["signed"] = tuple(row["signed"]) if row["signed"] else None
    return rows


@pytest.fixture
def offices(kepala, process, other_org, time_machine):
    """The demo office late at step 2 with two versions and two signed RKTs, another OPD
    without a process, and a copy of the demo office (five completed years, a running
    2027)."""
    task = run_to(process, 2)
    for number, status in ((1, "final"), (2, "draft")):
        DraftRkt.objects.create(
            process=process, number=number, status=status, task=task, created_by=kepala
        )
    signed_rkt(process, kepala)
    time_machine.move_to(at(task.due_date + datetime.timedelta(days=9)), tick=False)
    signed_rkt(process, kepala)  # issued later: the one listed
    scale.build(1)
    return task.due_date + datetime.timedelta(days=9)


def test_the_written_out_query_answers_what_the_orm_answers(offices):
    today = offices
    # One office built for every case (a copy of the demo office takes seconds).
    for year, sort, late_only in itertools.product([2027, 2026], Sort.CHOICES, [False, True]):
        expected = orm_rows(year, today, sort, late_only)
        assert written_out(year, today, sort, late_only) == expected, (year, sort, late_only)
        if year == 2027:
            assert any(row["late_tasks"] for row in expected)
            assert any(row["signed"] and row["version"] == 2 for row in expected)
        elif not late_only:
            assert any(row["status"] == "completed" for row in expected)
        page = OpdList(year, today, sort, late_only)
        assert page.count() == len(expected)
        assert page[1:3] == written_out(year, today, sort, late_only)[1:3]
    ids = list(Process.objects.values_list("pk", flat=True))
    runs = (
        StepRun.objects.filter(process__in=ids, status="active")
        .order_by("process_id", "number")
        .values_list("process_id", "number", "step__uraian")
    )
    steps = _running_steps(ids)
    assert [(pk, *run) for pk, listed in steps.items() for run in listed] == list(runs)
    assert len(steps) > 1
