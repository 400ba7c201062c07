"""The Kotak Tugas's written-out SQL (erkt.workflow.inbox) against the ORM query it stands for,
and its rows rendered in Python: escaped as the template escaped."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.org.models import Unit
from erkt.sop.models import SopStep
from erkt.workflow import engine
from erkt.workflow.inbox import open_task_rows, open_task_total
from erkt.workflow.models import Task
from erkt.workflow.pages import open_tasks_for
from erkt.workflow.tests.page_helpers import MONDAY, at, open_task, order_of, run_to, start

INBOX = reverse("workflow:inbox")
FRIDAY = MONDAY + datetime.timedelta(days=4)
CAST = (
    "kepala",
    "sekretaris",
    "kasubbag_perencanaan",
    "tim1",
    "tim2",
    "kasubbag_umum",
    "kabid_ppik",
    "kabid_psdm",
    "kabid_mpk",
    "administrator",
    "stranger",
)


def orm_order(task: Task) -> tuple:
    """The order the inbox sorted open_tasks_for's instances in."""
    unit = task.unit
    return (task.due_date, task.step_run.number, unit is not None, unit and unit.order, task.pk)


@pytest.fixture
def busy_office(demo, kepala, tim1, time_machine):
    """Step 4 (a task per unit) of 2027, step 5 of 2028 claimed by tim1, seen on Friday."""
    time_machine.move_to(at(MONDAY), tick=False)
    run_to(start(demo, kepala, year=2027), 4)
    later = start(demo, kepala, year=2028)
    run_to(later, 5)
    engine.claim_task(open_task(later, 5), by=tim1)
    time_machine.move_to(at(FRIDAY), tick=False)
    return later


@pytest.mark.database
@pytest.mark.parametrize("who", CAST)
def test_the_written_out_sql_reads_what_open_tasks_for_reads(request, busy_office, who):
    user = request.getfixturevalue(who)
    expected = sorted(open_tasks_for(user).select_related("step_run", "unit"), key=orm_order)
    assert [row.pk for row in open_task_rows(user)] == [task.pk for task in expected]
    assert open_task_total(user) == open_tasks_for(user).count()


@pytest.mark.database
def test_a_claimed_task_is_only_its_claimants(busy_office, tim1, tim2):
    claimed = open_task(busy_office, 5)
    assert claimed.pk in [row.pk for row in open_task_rows(tim1)]
    assert claimed.pk not in [row.pk for row in open_task_rows(tim2)]


@pytest.mark.database
def test_a_row_carries_what_the_model_says(busy_office, tim1):
    [row] = open_task_rows(tim1)
    task = open_task(busy_office, 5)
    assert (row.due_date, row.pass_number, row.claimed_by_id) == (
        task.due_date,
        task.pass_number,
        task.claimed_by_id,
    )
    assert (row.step_number, row.uraian, row.output) == (
        task.step.number,
        task.step.uraian,
        task.step.output,
    )
    assert row.process_label == str(task.process)
    assert row.holder == task.step.actor.name


def test_names_holding_markup_stay_text_in_the_rows(client_for, kepala, busy_office):
    Unit.objects.filter(short_name="PPIK").update(name="<script>alert('unit')</script>")
    SopStep.objects.filter(number=4).update(uraian="<b>Form</b> & <i>RKT</i>")
    html = client_for(kepala).get(INBOX).content.decode()
    assert "&lt;script&gt;alert(&#x27;unit&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Form&lt;/b&gt; &amp; &lt;i&gt;RKT&lt;/i&gt;" in html
    assert "<script>alert" not in html and "<b>Form" not in html


def test_a_late_claimed_task_names_its_claimant_as_text(
    client_for, kasubbag_perencanaan, tim1, busy_office
):
    tim1.employee.name = "<script>alert('tim')</script>"
    tim1.employee.save()
    html = client_for(kasubbag_perencanaan).get(INBOX).content.decode()
    assert open_task(busy_office, 5).pk in order_of(html, "data-late-task")
    assert "&lt;script&gt;alert(&#x27;tim&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_a_late_unclaimed_task_names_its_position(client_for, kepala, busy_office):
    html = client_for(kepala).get(INBOX).content.decode()
    ppik = open_task(busy_office.organization.processes.get(year=2027), 4, "PPIK")
    row = html.split(f'data-late-task="{ppik.pk}"')[1].split("</tr>")[0]
    assert ppik.position.title in row
    assert 'class="badge text-bg-danger deadline deadline-danger"' in row


@pytest.mark.parametrize(
    ("days", "tone", "text"),
    [
        (-3, "danger", "terlambat 3 hari kerja"),
        (0, "warning", "jatuh tempo hari ini"),
        (5, "secondary", "sisa 5 hari kerja"),
    ],
)
def test_the_deadline_badge_shows_the_deadlines_tone_and_text(days, tone, text):
    from erkt.workflow.deadlines import Deadline
    from erkt.workflow.templatetags.workflow_tags import deadline_badge

    today = datetime.date(2026, 11, 11)
    deadline = Deadline(due=today + datetime.timedelta(days=days), today=today, days=days)
    badge = deadline_badge(deadline)
    assert f'class="badge text-bg-{tone} deadline deadline-{tone}"' in badge
    assert text in badge
    assert deadline_badge(None) == "\n"


def test_each_late_row_shows_its_own_lateness(client_for, kepala, busy_office):
    """The late table keeps one badge per deadline: rows late by different days keep theirs."""
    ppik = open_task(busy_office.organization.processes.get(year=2027), 4, "PPIK")
    Task.objects.filter(pk=ppik.pk).update(due_date=MONDAY - datetime.timedelta(days=7))
    html = client_for(kepala).get(INBOX).content.decode()
    late = Task.objects.filter(pk__in=order_of(html, "data-late-task"))
    lateness = {task.pk: -task.remaining_working_days for task in late}
    assert len(set(lateness.values())) > 1
    for pk, days in lateness.items():
        row = html.split(f'data-late-task="{pk}"')[1].split("</tr>")[0]
        assert f"terlambat {days} hari kerja" in row
