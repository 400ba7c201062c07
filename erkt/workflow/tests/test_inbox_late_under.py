"""Kotak Tugas: a superior sees the late tasks of the units under them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from erkt.workflow.tests.page_helpers import MONDAY, at, open_task, order_of, run_to, start

INBOX = reverse("workflow:inbox")
FRIDAY = MONDAY + datetime.timedelta(days=4)
SECTION = "Tugas terlambat di unit Anda"


def late_under(client) -> list[int]:
    return order_of(client.get(INBOX).content.decode(), "data-late-task")


@pytest.fixture
def step_4_late(demo, kepala, time_machine):
    """Step 4 (Form RKT of each unit) opened Monday, due Thursday, seen on Friday."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 4)
    time_machine.move_to(at(FRIDAY), tick=False)
    return process


def test_the_kepala_sees_the_late_task_of_a_bidang(client_for, kepala, step_4_late):
    html = client_for(kepala).get(INBOX).content.decode()
    assert SECTION in html
    ppik = open_task(step_4_late, 4, "PPIK")
    assert ppik.pk in order_of(html, "data-late-task")
    assert "terlambat 1 hari kerja" in html


def test_the_kepala_sees_the_bidang_but_not_the_subbag_under_the_sekretaris(
    client_for, kepala, step_4_late
):
    bidang = [open_task(step_4_late, 4, unit).pk for unit in ("PPIK", "PSDM", "MPK")]
    assert late_under(client_for(kepala)) == bidang


def test_the_sekretaris_sees_the_late_tasks_of_the_subbag(client_for, sekretaris, step_4_late):
    subbag = [open_task(step_4_late, 4, unit).pk for unit in ("PERENCANAAN", "UMPEG")]
    assert late_under(client_for(sekretaris)) == subbag


def test_another_unit_head_does_not_see_the_late_task(client_for, kabid_psdm, step_4_late):
    html = client_for(kabid_psdm).get(INBOX).content.decode()
    assert SECTION not in html


def test_the_kasubbag_perencanaan_sees_the_late_task_of_the_tim(
    client_for, demo, kepala, kasubbag_perencanaan, kabid_ppik, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 5)
    time_machine.move_to(at(FRIDAY), tick=False)
    assert late_under(client_for(kasubbag_perencanaan)) == [open_task(process, 5).pk]
    assert late_under(client_for(kabid_ppik)) == []


def test_nothing_is_shown_before_the_due_date_has_passed(client_for, demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    run_to(start(demo, kepala), 4)
    time_machine.move_to(at(FRIDAY - datetime.timedelta(days=1)), tick=False)  # the due date
    assert SECTION not in client_for(kepala).get(INBOX).content.decode()


@pytest.mark.database
def test_the_section_query_count_does_not_grow_with_the_late_tasks(
    client_for, demo, kepala, time_machine
):
    """One process (3 late bidang tasks) and three processes (9) cost the same queries."""
    counts = []
    time_machine.move_to(at(MONDAY), tick=False)
    run_to(start(demo, kepala, year=2027), 4)
    for years in ([], [2028, 2029]):
        time_machine.move_to(at(MONDAY), tick=False)
        for year in years:
            run_to(start(demo, kepala, year=year), 4)
        time_machine.move_to(at(FRIDAY), tick=False)
        client = client_for(kepala)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(INBOX).content.decode()
        counts.append(len(queries))
        assert len(order_of(html, "data-late-task")) == 3 * (1 + len(years))
    assert counts[0] == counts[1]
