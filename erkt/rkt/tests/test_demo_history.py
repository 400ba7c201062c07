"""The demo office's finished RKT 2025 and RKT 2026 (erkt.rkt.demo_history)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.audit.verify import verify_chain
from erkt.documents.archive.models import Berkas
from erkt.documents.archive.services import verify
from erkt.rkt.demo_history import load_demo_history
from erkt.rkt.signing.services import signed_final
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.calendar import WorkingCalendar
from erkt.workflow.home import home_of
from erkt.workflow.models import Notification, Process, Task
from erkt.workflow.monitoring import monitoring

pytestmark = pytest.mark.django_db


def process_of(year: int) -> Process:
    return Process.objects.get(organization__short_name="BKPSDM", year=year)


def late_tasks(year: int) -> set[tuple[int, str]]:
    tasks = Task.objects.filter(process=process_of(year), status=Task.Status.DONE)
    return {
        (t.step_run.number, t.unit.short_name if t.unit else "")
        for t in tasks.select_related("step_run", "unit")
        if t.completed_at.date() > t.due_date
    }


def test_both_earlier_years_ran_to_their_signed_and_archived_end(demo_history):
    for year in (2025, 2026):
        process = process_of(year)
        assert process.status == Process.Status.COMPLETED
        assert process.completed_at.year == year - 1
        assert signed_final(process).pdf_kind == "digital"
        berkas = Berkas.objects.get(process=process)
        assert verify(berkas).ok
        assert berkas.documents.filter(pk=signed_final(process).pk).exists()
    assert not Process.objects.filter(status=Process.Status.RUNNING).exists()


def test_each_year_ran_on_the_clock_and_the_working_days_of_its_own_year(demo_history):
    calendar = WorkingCalendar(demo_history)
    for year in (2025, 2026):
        for task in Task.objects.filter(process=process_of(year)).select_related("step_run__step"):
            assert task.opened_on.year == year - 1
            limit = task.process.working_days_for(task.step_run.step)
            assert task.due_date == calendar.add_working_days(task.opened_on, limit)
    # Step 3 of RKT 2025 opened on Wednesday 7 February 2024: Isra Mikraj (Thursday), the
    # cuti bersama of Imlek (Friday) and the weekend are skipped.
    meeting = Task.objects.get(process=process_of(2025), step_run__number=3)
    assert (meeting.opened_on, meeting.due_date) == (
        datetime.date(2024, 2, 7),
        datetime.date(2024, 2, 12),
    )


def test_other_units_are_late_in_each_year(demo_history):
    assert late_tasks(2025) == {(4, "PSDM"), (4, "MPK"), (6, "")}
    assert late_tasks(2026) == {(4, "UMPEG"), (7, "PPIK"), (10, "")}


def test_the_sekretaris_returned_rkt_2026_once_with_her_note(demo_history):
    process = process_of(2026)
    review = Task.objects.filter(process=process, step_run__number=9).order_by("pk")
    assert list(review.values_list("decision", flat=True)) == ["tidak", "ya"]
    assert "surat edaran pagu indikatif" in review.first().note
    assert Task.objects.filter(process=process, step_run__number=8).count() == 2
    entry = AuditEntry.objects.get(action="task.complete", object_id=str(review.first().pk))
    assert "surat edaran pagu indikatif" in entry.reason
    assert Task.objects.filter(process=process_of(2025), decision="tidak").count() == 0


def test_every_task_was_completed_by_a_holder_of_its_position(demo_history):
    tasks = Task.objects.filter(process__year__in=(2025, 2026)).select_related(
        "position", "completed_by__employee"
    )
    assert tasks.count() == 19 + 21
    for task in tasks:
        assert task.status == Task.Status.DONE
        assert task.position.holders.filter(pk=task.completed_by.employee.pk).exists(), task
        assert not task.on_behalf_reason


def test_the_past_years_notify_nobody(demo_history):
    assert not Notification.objects.exists()


def test_the_audit_chain_holds(demo_history):
    assert verify_chain(demo_history).ok


def test_loading_it_again_changes_nothing(demo_history):
    before = (list(Process.objects.values_list("pk", flat=True)), AuditEntry.objects.count())
    load_demo_history(demo_history)
    after = (list(Process.objects.values_list("pk", flat=True)), AuditEntry.objects.count())
    assert after == before


def test_monitoring_and_home_follow_the_running_year(demo_history, kepala, client_for):
    sop = Sop.objects.get(organization=demo_history, code="penyusunan-rkt")
    running = engine.start_process(sop=sop, year=2027, by=kepala)
    response = client_for(kepala).get(reverse("workflow:monitoring"))
    assert response.status_code == 200
    # The page (written in Python, no template context) chooses the running year and
    # counts the completed ones.
    html = response.content.decode()
    assert f'<option value="{running.pk}" selected>' in html
    assert "Semua pelaksanaan yang selesai (2 proses)" in html
    data = monitoring(demo_history)
    assert data.process.pk == running.pk
    assert {p.year for p in data.completed} == {2025, 2026}
    assert home_of(kepala).process == running


def test_the_pages_of_a_finished_year_show_it(demo_history, kepala, client_for):
    process, client = process_of(2026), client_for(kepala)
    berkas = Berkas.objects.get(process=process)
    for url in (
        reverse("workflow:process", args=[process.pk]),
        reverse("workflow:process_print", args=[process.pk]),
        reverse("workflow:monitoring") + f"?proses={process.pk}",
        reverse("archive:detail", args=[berkas.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "2026" in response.content.decode(), url
    html = client.get(reverse("workflow:monitoring")).content.decode()
    assert f'<option value="{process.pk}" selected>' in html  # no running year: the latest
    data = monitoring(demo_history)
    assert data.process.pk == process.pk
    review = next(d for d in data.history if d.step.number == 9)
    assert len(review.passes) == 3  # RKT 2025 once, RKT 2026 twice


def test_the_monitoring_page_reads_the_history_in_its_usual_queries(
    demo_history, kepala, client_for, django_assert_num_queries
):
    """As pinned in erkt/workflow/tests/test_monitoring_page.py: 10, whatever the history."""
    sop = Sop.objects.get(organization=demo_history, code="penyusunan-rkt")
    engine.start_process(sop=sop, year=2027, by=kepala)
    client = client_for(kepala)
    with django_assert_num_queries(10):
        client.get(reverse("workflow:monitoring"))
