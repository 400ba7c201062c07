"""A Plt./Plh. finds the position's tasks in the Kotak Tugas at no extra query per row."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.org.models import Employee, Substitution, Unit
from erkt.workflow.models import Task
from erkt.workflow.pages import open_tasks_for
from erkt.workflow.permissions import eligible_employees
from erkt.workflow.tests.page_helpers import MONDAY, at, order_of, run_to, start

INBOX = reverse("workflow:inbox")


def plh_for_perencanaan(demo, start_date=MONDAY, days=30) -> Substitution:
    """The Kasubbag Umum stands in for the Kasubbag Perencanaan."""
    substitution = Substitution(
        position=Unit.objects.get(organization=demo, short_name="PERENCANAAN").head_position,
        substitute=Employee.objects.get(user__username="kasubbag.umum"),
        kind=Substitution.Kind.PLH,
        start_date=start_date,
        end_date=start_date + datetime.timedelta(days=days),
        sp_number="800/003/BKPSDM/2026",
        sp_date=start_date,
    )
    substitution.full_clean()
    substitution.save()
    return substitution


@pytest.fixture
def at_step_7(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    return [run_to(start(demo, kepala, year=year), 7) for year in range(2027, 2032)]


def test_the_substitute_sees_the_positions_tasks_beside_their_own(
    client_for, demo, kasubbag_umum, at_step_7
):
    plh_for_perencanaan(demo)
    units = {task.unit.short_name for task in open_tasks_for(kasubbag_umum)}
    assert units == {"UMPEG", "PERENCANAAN"}
    assert len(order_of(client_for(kasubbag_umum).get(INBOX).content.decode())) == 10


def test_the_holder_keeps_their_tasks(client_for, demo, kasubbag_perencanaan, at_step_7):
    plh_for_perencanaan(demo)
    assert len(order_of(client_for(kasubbag_perencanaan).get(INBOX).content.decode())) == 5


def test_a_substitution_not_yet_begun_gives_nothing(client_for, demo, kasubbag_umum, at_step_7):
    plh_for_perencanaan(demo, start_date=MONDAY + datetime.timedelta(days=1))
    units = {task.unit.short_name for task in open_tasks_for(kasubbag_umum)}
    assert units == {"UMPEG"}


def test_the_substitute_is_among_who_can_act_on_the_task(demo, kasubbag_umum, at_step_7):
    plh_for_perencanaan(demo)
    task = Task.objects.filter(unit__short_name="PERENCANAAN", status="open").first()
    assert set(eligible_employees(task).values_list("user__username", flat=True)) == {
        "kasubbag.perencanaan",
        "kasubbag.umum",
    }


@pytest.mark.database
def test_the_inbox_query_count_is_the_same_for_a_substitute(
    client_for, demo, kasubbag_umum, at_step_7, django_assert_num_queries
):
    """As test_inbox.py's 5 queries: the substitutions are read with the positions."""
    plh_for_perencanaan(demo)
    client = client_for(kasubbag_umum)
    with django_assert_num_queries(5):
        html = client.get(INBOX).content.decode()
    assert len(order_of(html)) == 10
