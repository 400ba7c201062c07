"""Kotak Tugas: the user's open tasks, nearest due date first, coloured by urgency."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.pages import open_tasks_for
from erkt.workflow.tests.page_helpers import (
    MONDAY,
    at,
    crowd,
    open_task,
    order_of,
    run_to,
    start,
)

INBOX = reverse("workflow:inbox")
WEDNESDAY = MONDAY + datetime.timedelta(days=9)  # 11 November 2026


@pytest.fixture
def three_processes(demo, kepala, time_machine):
    """Step 1 of three processes, started two days ago, yesterday and today (Wednesday).

    Step 1 takes one working day, so the Kepala's tasks are late, due today and due tomorrow.
    """
    time_machine.move_to(at(WEDNESDAY), tick=False)
    due_tomorrow = start(demo, kepala, year=2029, on=WEDNESDAY)
    due_today = start(demo, kepala, year=2028, on=WEDNESDAY - datetime.timedelta(days=1))
    late = start(demo, kepala, year=2027, on=WEDNESDAY - datetime.timedelta(days=2))
    return [open_task(p, 1) for p in (late, due_today, due_tomorrow)]


def test_it_lists_the_tasks_nearest_due_date_first(client_for, kepala, three_processes):
    html = client_for(kepala).get(INBOX).content.decode()
    assert order_of(html) == [task.pk for task in three_processes]


def test_it_shows_the_working_days_left_or_late(client_for, kepala, three_processes):
    html = client_for(kepala).get(INBOX).content.decode()
    assert "terlambat 1 hari kerja" in html
    assert "jatuh tempo hari ini" in html
    assert "sisa 1 hari kerja" in html


def test_it_colours_a_late_task_red_and_one_due_today_amber(client_for, kepala, three_processes):
    late, today, tomorrow = three_processes
    html = client_for(kepala).get(INBOX).content.decode()
    assert f'<tr class="table-danger" data-task="{late.pk}">' in html
    assert f'<tr class="table-warning" data-task="{today.pk}">' in html
    assert f'<tr class="" data-task="{tomorrow.pk}">' in html


def test_it_writes_due_dates_in_indonesian(client_for, kepala, three_processes):
    html = client_for(kepala).get(INBOX).content.decode()
    assert "10 November 2026" in html
    assert "12 November 2026" in html


def test_it_counts_the_open_tasks_in_the_navigation_bar(client_for, kepala, three_processes):
    html = client_for(kepala).get(reverse("sop:list")).content.decode()
    assert 'id="nav-task-count" class="badge rounded-pill text-bg-warning">3<' in html


def test_a_user_without_open_tasks_sees_an_empty_inbox(client_for, sekretaris, three_processes):
    response = client_for(sekretaris).get(INBOX)
    assert response.status_code == 200
    assert order_of(response.content.decode()) == []
    assert "Tidak ada tugas terbuka." in response.content.decode()


def test_a_lane_task_claimed_by_one_member_leaves_the_others_inbox(
    client_for, demo, kepala, tim1, tim2, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 5)
    task = open_task(process, 5)
    assert order_of(client_for(tim2).get(INBOX).content.decode()) == [task.pk]
    engine.claim_task(task, by=tim1)
    assert order_of(client_for(tim2).get(INBOX).content.decode()) == []
    assert order_of(client_for(tim1).get(INBOX).content.decode()) == [task.pk]


def test_each_unit_head_sees_only_the_task_of_his_unit(
    client_for, demo, kepala, kabid_ppik, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 7)
    html = client_for(kabid_ppik).get(INBOX).content.decode()
    assert order_of(html) == [open_task(process, 7, "PPIK").pk]


def test_a_finished_process_leaves_no_task_in_the_inbox(client_for, demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    engine.cancel_process(process, by=kepala, reason="Salah tahun.")
    assert order_of(client_for(kepala).get(INBOX).content.decode()) == []


@pytest.mark.database
def test_the_inbox_query_count_does_not_grow_with_the_tasks(
    client_for, demo, kepala, kasubbag_perencanaan, time_machine, django_assert_num_queries
):
    """Kasubbag Perencanaan at step 7 of five processes: five unit tasks, still 5 queries.

    session, user with employee (erkt.org.signed_in), positions, tasks (the badge counts
    them, no query of its own), and the late tasks of the unit he heads (none here;
    test_inbox_late_under.py counts them).
    """
    time_machine.move_to(at(MONDAY), tick=False)
    for year in range(2027, 2032):
        run_to(start(demo, kepala, year=year), 7)
    client = client_for(kasubbag_perencanaan)
    with django_assert_num_queries(5):
        html = client.get(INBOX).content.decode()
    assert len(order_of(html)) == 5


@pytest.mark.database
def test_the_inbox_reads_the_open_tasks_once_for_the_list_and_its_badge(
    client_for, kepala, three_processes
):
    with CaptureQueriesContext(connection) as queries:
        html = client_for(kepala).get(INBOX).content.decode()
    counts = [q for q in queries if "COUNT(" in q["sql"] and '"workflow_task"' in q["sql"]]
    assert counts == []
    assert 'id="nav-task-count" class="badge rounded-pill text-bg-warning">3<' in html


def queries_of_inbox(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INBOX).status_code == 200
    return len(queries)


def test_the_inbox_costs_as_many_queries_beside_two_busy_offices(
    client_for, demo, kepala, tim1, kabid_ppik, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    start(demo, kepala, year=2028)
    run_to(start(demo, kepala), 7)
    users = (kepala, tim1, kabid_ppik)
    alone = [queries_of_inbox(client_for(user)) for user in users]
    crowd(2)
    crowd(3)
    assert [queries_of_inbox(client_for(user)) for user in users] == alone


def test_a_kepala_with_open_tasks_in_many_years_costs_as_many_queries(
    client_for, demo, kepala, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    start(demo, kepala, year=2027)
    client = client_for(kepala)
    one = queries_of_inbox(client)
    for year in range(2028, 2040):
        start(demo, kepala, year=year)
    assert queries_of_inbox(client) == one
    assert len(order_of(client.get(INBOX).content.decode())) == 13


def sqlite_steps(count) -> int:
    """SQLite virtual machine instructions run by `count()`: they grow with the rows read."""
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(tick, 1)
    try:
        count()
    finally:
        connection.connection.set_progress_handler(None, 1)
    return steps


@pytest.mark.sqlite
def test_the_badge_count_reads_no_task_of_another_office(
    demo, kepala, tim1, kabid_ppik, time_machine
):
    """A Pemkab runs every OPD on one server: the badge of each page must not walk them."""
    time_machine.move_to(at(MONDAY), tick=False)
    start(demo, kepala, year=2028)
    run_to(start(demo, kepala, year=2029), 5)
    run_to(start(demo, kepala), 7)
    users = (kepala, tim1, kabid_ppik)
    alone = [sqlite_steps(open_tasks_for(user).count) for user in users]
    crowd(2)
    crowd(3)
    crowded = [sqlite_steps(open_tasks_for(user).count) for user in users]
    # The same rows read: at most a few instructions more where an index range of this
    # office now ends at another office's entry instead of at the index's end.
    assert all(c - a <= 10 for c, a in zip(crowded, alone, strict=True)), (crowded, alone)
    assert [open_tasks_for(user).count() for user in users] == [1, 1, 1]


def test_the_administrator_has_proses_but_no_inbox_in_the_menu(client_for, administrator):
    html = client_for(administrator).get(reverse("sop:list")).content.decode()
    assert f'href="{reverse("workflow:process_list")}"' in html
    assert f'href="{INBOX}"' not in html


def test_the_home_page_shows_the_kotak_tugas(client_for, tim1):
    response = client_for(tim1).get(reverse("home"))
    assert response.status_code == 200
    assert 'id="kotak-tugas"' in response.content.decode()
