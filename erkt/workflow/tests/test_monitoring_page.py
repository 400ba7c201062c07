"""The Pemantauan page: who may see it, what its three sections show, what it costs."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from erkt.sop.models import SopStep
from erkt.workflow import engine
from erkt.workflow.tests.page_helpers import MONDAY, at, finish, open_task, run_to, start

URL = reverse("workflow:monitoring")
D = datetime.date


@pytest.fixture
def process(demo, kepala, time_machine):
    """RKT 2027 at step 5 (the Tim Perencanaan's lane), seen the next Monday: 2 days late."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 5)
    time_machine.move_to(at(D(2026, 11, 9)), tick=False)
    return process


def section(html: str, name: str) -> str:
    return html[html.index(f'id="{name}"') :].split("</section>")[0]


def holder_block(html: str, employee) -> str:
    return html.split(f'data-holder="{employee.pk}"')[1].split("</tbody>")[0]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("kepala", 200),
        ("sekretaris", 200),
        ("kasubbag_perencanaan", 200),
        ("tim1", 200),
        ("administrator", 200),
        ("kabid_ppik", 403),
        ("kasubbag_umum", 403),
        ("stranger", 200),
    ],
)
def test_the_planning_line_and_the_administrator_may_follow_the_work(
    request, client_for, process, who, expected
):
    response = client_for(request.getfixturevalue(who)).get(URL)
    assert response.status_code == expected


def test_another_organisation_sees_only_its_own_work(client_for, process, stranger):
    client = client_for(stranger)
    html = client.get(URL).content.decode()
    assert str(process) not in html
    assert f'data-task="{open_task(process, 5).pk}"' not in html
    assert client.get(URL, {"proses": process.pk}).status_code == 404


def test_an_unknown_process_is_not_found(client_for, process, kepala):
    assert client_for(kepala).get(URL, {"proses": "x"}).status_code == 404


def test_anonymous_users_are_sent_to_the_login_page(client, process):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_page_only_reads(client_for, process, kepala):
    assert client_for(kepala).post(URL).status_code == 405


def test_a_claimed_task_is_listed_only_under_its_claimant(client_for, process, tim1, tim2):
    task = open_task(process, 5)
    html = client_for(tim1).get(URL).content.decode()
    for member in (tim1, tim2):
        assert f'data-task="{task.pk}"' in holder_block(html, member.employee)

    engine.claim_task(task, by=tim1)
    html = client_for(tim1).get(URL).content.decode()
    assert f'data-task="{task.pk}"' in holder_block(html, tim1.employee)
    assert f'data-holder="{tim2.employee.pk}"' not in html


def test_the_holders_section_shows_due_date_and_working_days_left(
    client_for, demo, kepala, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    html = client_for(kepala).get(URL).content.decode()
    block = holder_block(html, kepala.employee)
    assert f'data-task="{open_task(process, 1).pk}"' in block
    assert "3 November 2026" in block and "sisa 1 hari kerja" in block


def test_the_late_section_shows_how_late_each_task_is(client_for, process, kepala):
    late = section(client_for(kepala).get(URL).content.decode(), "late")
    assert f'data-late-task="{open_task(process, 5).pk}"' in late
    assert "terlambat 2 hari kerja" in late
    assert "5 November 2026" in late


def test_the_durations_show_each_pass_against_the_waktu(client_for, process, kepala):
    task = open_task(process, 5)
    finish(task)
    html = section(client_for(kepala).get(URL).content.decode(), "durations")
    step = re.search(r'<tr data-step="5".*?</tr>', html, re.S).group(0)
    assert "putaran 1: 5 hari kerja" in step and "(terlambat)" in step
    assert re.search(r"data-average>5,0<", step) and re.search(r"data-late>1<", step)


def test_names_and_step_texts_are_escaped_in_every_table(client_for, process, kepala, tim1):
    """The rows are written in Python (erkt.workflow.monitoring_html): still escaped."""
    tim1.employee.name = '<script>alert("nama")</script>'
    tim1.employee.save()
    step = open_task(process, 5).step_run.step
    # An effective version is read-only through the model: the test writes the row itself.
    SopStep.objects.filter(pk=step.pk).update(uraian="<script>alert('uraian')</script> & co")
    html = client_for(kepala).get(URL).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;nama&quot;)&lt;/script&gt;" in section(html, "holders")
    escaped_step = "&lt;script&gt;alert(&#x27;uraian&#x27;)&lt;/script&gt; &amp; co"
    for name in ("holders", "late", "durations"):
        assert escaped_step in section(html, name)


def test_the_selector_offers_every_process_of_the_organisation(client_for, process, demo, kepala):
    other = start(demo, kepala, year=2028)
    client = client_for(kepala)
    html = client.get(URL).content.decode()
    assert f'<option value="{process.pk}"' in html and f'<option value="{other.pk}"' in html
    chosen = client.get(URL, {"proses": process.pk}).content.decode()
    assert f'<option value="{process.pk}" selected>' in chosen


@pytest.mark.parametrize(
    ("who", "shown"),
    [("kepala", True), ("tim1", True), ("administrator", True), ("kabid_ppik", False)],
)
def test_the_menu_offers_the_page_to_those_who_may_see_it(request, client_for, demo, who, shown):
    html = client_for(request.getfixturevalue(who)).get(reverse("sop:list")).content.decode()
    assert (f'href="{URL}"' in html) is shown


@pytest.mark.database
def test_the_query_count_does_not_grow_with_tasks_or_processes(
    client_for, demo, kepala, tim1, time_machine, django_assert_num_queries
):
    """Session, user with employee, positions, inbox badge; processes, open tasks, holders,
    the chosen process's steps, the suspensions, the tasks of the chosen and of the completed
    processes (one query; the local calendar days are read once per version of the
    calendar: erkt.workflow.calendar.local_days)."""
    time_machine.move_to(at(MONDAY), tick=False)
    client = client_for(kepala)
    first = start(demo, kepala, year=2027)
    with django_assert_num_queries(10):
        client.get(URL)

    run_to(first, 11)
    finish(open_task(first, 11))
    for year in (2028, 2029, 2030):
        run_to(start(demo, kepala, year=year), 7)
    claimed = start(demo, kepala, year=2031)
    run_to(claimed, 5)
    engine.claim_task(open_task(claimed, 5), by=tim1)
    time_machine.move_to(at(D(2026, 11, 20)), tick=False)
    client = client_for(kepala)  # the first session has expired
    with django_assert_num_queries(10):
        html = client.get(URL).content.decode()
    assert len(re.findall(r"data-late-task=", html)) == 16
