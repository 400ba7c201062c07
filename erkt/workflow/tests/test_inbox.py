"""Kotak Tugas: the user's open tasks, nearest due date first, coloured by urgency."""

import datetime

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.tests.page_helpers import MONDAY, at, open_task, order_of, run_to, start

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


def test_the_inbox_query_count_does_not_grow_with_the_tasks(
    client_for, demo, kepala, kasubbag_perencanaan, time_machine, django_assert_num_queries
):
    """Kasubbag Perencanaan at step 7 of five processes: five unit tasks, still 8 queries.

    session, user, employee, positions, badge count, tasks, local calendar days, and the
    late tasks of the unit he heads (none here; test_inbox_late_under.py counts them).
    """
    time_machine.move_to(at(MONDAY), tick=False)
    for year in range(2027, 2032):
        run_to(start(demo, kepala, year=year), 7)
    client = client_for(kasubbag_perencanaan)
    with django_assert_num_queries(8):
        html = client.get(INBOX).content.decode()
    assert len(order_of(html)) == 5


def test_the_administrator_has_proses_but_no_inbox_in_the_menu(client_for, administrator):
    html = client_for(administrator).get(reverse("sop:list")).content.decode()
    assert f'href="{reverse("workflow:process_list")}"' in html
    assert f'href="{INBOX}"' not in html


def test_the_home_page_opens_the_inbox(client_for, tim1):
    assert client_for(tim1).get(reverse("home")).url == INBOX
