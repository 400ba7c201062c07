"""The process page: flowchart with the current step, the step table, the history."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from erkt.audit.log import append_entries
from erkt.audit.models import AuditEntry
from erkt.org.models import Unit
from erkt.sop.models import SopStep
from erkt.workflow import engine, pages, process_html
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.page_helpers import (
    MONDAY,
    assignee,
    at,
    crowd,
    open_task,
    query_count,
    run_to,
    start,
)


@pytest.fixture
def at_step_7(demo, kepala, time_machine):
    """RKT 2027 started on Monday 2 November 2026, steps 1-6 done: five unit tasks open."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 7)
    return process


def page(client, process) -> str:
    response = client.get(reverse("workflow:process", args=[process.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_highlights_the_current_step_in_the_flowchart(client_for, kabid_mpk, at_step_7):
    html = page(client_for(kabid_mpk), at_step_7)
    assert 'class="sop-symbol is-current" data-step="7"' in html
    assert 'class="sop-symbol" data-step="6"' in html


def test_it_tabulates_planned_and_actual_dates_of_each_step(client_for, kabid_mpk, at_step_7):
    html = page(client_for(kabid_mpk), at_step_7)
    # Step 7 is planned for day 10-13 of the pass; it really opened on the start day.
    assert '<tr class="table-primary" data-step="7">' in html
    assert "13 Nov 2026" in html  # planned start of step 7
    assert "18 Nov 2026" in html  # planned due of step 7
    assert "5 Nov 2026" in html  # actual due of step 7: 3 working days after Monday


def test_it_lists_the_unit_tasks_of_the_current_step(client_for, kasubbag_perencanaan, at_step_7):
    html = page(client_for(kasubbag_perencanaan), at_step_7)
    for unit in ("PERENCANAAN", "UMPEG", "PPIK", "PSDM", "MPK"):
        task = open_task(at_step_7, 7, unit)
        assert reverse("workflow:task", args=[task.pk]) in html


def test_a_unit_head_sees_only_the_task_of_its_own_unit(client_for, kabid_mpk, at_step_7):
    html = page(client_for(kabid_mpk), at_step_7)
    for unit in ("PERENCANAAN", "UMPEG", "PPIK", "PSDM", "MPK"):
        task = open_task(at_step_7, 7, unit)
        assert (reverse("workflow:task", args=[task.pk]) in html) == (unit == "MPK")


def test_the_history_says_who_did_what_with_notes_and_files(client_for, kabid_mpk, at_step_7):
    html = page(client_for(kabid_mpk), at_step_7)
    assert "Memulai pelaksanaan" in html
    assert "Menyelesaikan tugas" in html
    assert "Dr. H. Ahmad Rifani, S.Sos., M.Si." in html  # the Kepala, step 1
    assert "Selesai langkah 1." in html
    assert "langkah-1.pdf" in html
    step_1 = at_step_7.tasks.get(step_run__number=1)
    attachment = step_1.attachments.get()
    assert reverse("workflow:attachment", args=[attachment.pk]) in html


def test_it_shows_a_cancelled_process_with_its_reason(client_for, demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    engine.cancel_process(process, by=kepala, reason="Tahun anggaran salah.")
    html = page(client_for(kepala), process)
    assert "Dibatalkan" in html
    assert "Tahun anggaran salah." in html
    assert 'id="cancel-process"' not in html


def test_only_the_kepala_sees_the_cancel_form(client_for, kepala, sekretaris, at_step_7):
    assert 'id="cancel-process"' in page(client_for(kepala), at_step_7)
    assert 'id="cancel-process"' not in page(client_for(sekretaris), at_step_7)


def test_a_user_of_another_organisation_gets_404(client_for, stranger, at_step_7):
    response = client_for(stranger).get(reverse("workflow:process", args=[at_step_7.pk]))
    assert response.status_code == 404


@pytest.mark.database
def test_the_process_page_query_count_is_fixed(
    client_for, kabid_mpk, at_step_7, django_assert_num_queries
):
    """At step 7 with five unit tasks and 6 steps of history.

    session, user with employee (erkt.org.signed_in), positions, badge count, process,
    step runs, tasks, attachments, audit entries, flowchart actors and steps.
    """
    client = client_for(kabid_mpk)
    with django_assert_num_queries(12):
        page(client, at_step_7)


@pytest.mark.database
def test_the_query_count_does_not_grow_with_the_history(
    client_for, kabid_mpk, demo, kepala, time_machine, django_assert_num_queries
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 11)
    client = client_for(kabid_mpk)
    with django_assert_num_queries(12):
        page(client, process)


@pytest.mark.database
def test_the_query_count_is_the_same_beside_two_busy_offices(client_for, kabid_mpk, at_step_7):
    client = client_for(kabid_mpk)
    alone = query_count(lambda: page(client, at_step_7))
    crowd(2)
    crowd(3)
    assert query_count(lambda: page(client, at_step_7)) == alone


@pytest.mark.database
def test_a_kepala_with_open_tasks_in_many_years_costs_as_many_queries(
    client_for, demo, kepala, at_step_7
):
    client = client_for(kepala)
    start(demo, kepala, year=2028)
    few = query_count(lambda: page(client, at_step_7))
    for year in range(2029, 2041):
        start(demo, kepala, year=year)
    assert query_count(lambda: page(client, at_step_7)) == few


def test_a_browser_asking_for_english_gets_english_dates(client_for, kabid_mpk, at_step_7):
    client = client_for(kabid_mpk)
    response = client.get(
        reverse("workflow:process", args=[at_step_7.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "Dec. 3, 2026" in html  # the planned end: 23 working days after the start
    assert "3 Desember 2026" not in html


def test_step_texts_and_notes_are_escaped(client_for, kasubbag_perencanaan, at_step_7):
    """The step and history rows are written in Python (erkt.workflow.process_html)."""
    step_1 = at_step_7.tasks.get(step_run__number=1)
    Task.objects.filter(pk=step_1.pk).update(note="<script>alert('catatan')</script>")
    step = open_task(at_step_7, 7, "MPK").step_run.step
    # An effective version is read-only through the model: the test writes the row itself.
    SopStep.objects.filter(pk=step.pk).update(uraian="<script>alert(1)</script> & co")
    html = page(client_for(kasubbag_perencanaan), at_step_7)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;catatan&#x27;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_every_text_of_the_history_is_escaped(client_for, kasubbag_perencanaan, at_step_7):
    """The history rows (process_html.history_rows) escape the actor, the position, the
    reason, the unit and an on-behalf reason."""
    done = at_step_7.tasks.get(step_run__number=1)
    Task.objects.filter(pk=done.pk).update(on_behalf_reason="<script>behalf()</script>")
    unit_task = open_task(at_step_7, 7, "MPK")
    Unit.objects.filter(pk=unit_task.unit_id).update(short_name="<b>MPK</b>")
    entry = {
        "organization_id": at_step_7.organization_id,
        "created_at": at_step_7.started_at,
        "user_repr": "<i>sistem</i>",
        "position_repr": "<script>position()</script>",
        "reason": "<script>reason()</script>",
    }
    append_entries(
        [
            AuditEntry(
                action="process.note",
                object_type="workflow.process",
                object_id=str(at_step_7.pk),
                **entry,
            ),
            AuditEntry(
                action="task.claim",
                object_type="workflow.task",
                object_id=str(unit_task.pk),
                **entry,
            ),
        ]
    )
    html = page(client_for(kasubbag_perencanaan), at_step_7)
    for text in ("behalf()", "position()", "reason()"):
        assert f"<script>{text}" not in html
        assert f"&lt;script&gt;{text}&lt;/script&gt;" in html
    assert "&lt;i&gt;sistem&lt;/i&gt;" in html and "<i>sistem" not in html
    assert " (&lt;b&gt;MPK&lt;/b&gt;)" in html and "<b>MPK" not in html


# The terms as workflow/process.html wrote them before process_html.facts (between <dl> and
# </dl>; the file's final newline is not the template's).
FACTS_AS_TEMPLATE = "{% load i18n indonesian %}" + (
    Path(__file__).with_name("process_facts_before.html").read_text().rstrip("\n")
)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("finished", [False, True])
def test_the_terms_are_what_the_template_wrote(demo, kepala, time_machine, language, finished):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    if finished:  # completed late in the evening (another day in UTC), by an account
        # without an employee
        account = get_user_model().objects.create_user("tanpa.pegawai")
        Process.objects.filter(pk=process.pk).update(
            started_by=account, completed_at=at(MONDAY, 23), status=Process.Status.COMPLETED
        )
    process = pages.get_process(kepala, process.pk)
    with translation.override(language):
        expected = Template(FACTS_AS_TEMPLATE).render(Context({"process": process}))
        assert process_html.facts(process) == expected
    assert ("tanpa.pegawai" in expected) == finished
    assert expected.count("<dt") == (5 if finished else 4)


# The open tasks as workflow/process.html listed them before process_html.open_task_items.
OPEN_TASKS_AS_TEMPLATE = "{% load i18n workflow_tags %}" + (
    Path(__file__).with_name("process_open_tasks_before.html").read_text().rstrip("\n")
)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_open_tasks_are_what_the_template_listed(
    kasubbag_perencanaan, at_step_7, time_machine, language
):
    """Five unit tasks, one claimed, one unit named with markup; on time, due today and
    late; none left (a cancelled process)."""
    task = open_task(at_step_7, 7, "MPK")
    Task.objects.filter(pk=task.pk).update(claimed_by=assignee(task).employee)
    Unit.objects.filter(pk=task.unit_id).update(name="<script>unit()</script>")
    shown = []
    for moment in (at(MONDAY), at(task.due_date), at(task.due_date + datetime.timedelta(7))):
        time_machine.move_to(moment, tick=False)
        page = pages.process_page(at_step_7, kasubbag_perencanaan)
        with translation.override(language):
            expected = Template(OPEN_TASKS_AS_TEMPLATE).render(Context({"page": page}))
            assert process_html.open_task_items(page.open_tasks) == expected
        shown.append(expected)
    assert all(html.count("<li") == 5 for html in shown)
    assert "list-group-item-warning" in shown[1] and "list-group-item-danger" in shown[2]
    assert "&lt;script&gt;unit()" in shown[0] and "bi-person-check" in shown[0]
    with translation.override(language):
        expected = Template(OPEN_TASKS_AS_TEMPLATE).render(
            Context({"page": pages.ProcessPage(at_step_7, [], [], [])})
        )
        assert process_html.open_task_items([]) == expected
