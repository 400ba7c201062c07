"""Reopening one unit's task of a finished per-unit step while the next step runs."""

from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.org.models import Unit
from erkt.workflow import actions, engine
from erkt.workflow.actions import StepAction
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Task
from erkt.workflow.tests.conftest import START, at, finish, open_task, run_to

pytestmark = pytest.mark.database

REASON = "Target indikator mutasi belum sesuai Renstra."


@pytest.fixture
def at_step_5(process):
    run_to(process, 5)
    return process


def mpk(process) -> Unit:
    return Unit.objects.get(organization=process.organization, short_name="MPK")


def reopen(process, by, **kwargs) -> Task:
    arguments = {"step_number": 4, "unit": mpk(process), "by": by, "reason": REASON}
    return engine.reopen_unit_task(process, **{**arguments, **kwargs})


def state(process) -> tuple:
    runs = list(process.step_runs.order_by("number").values_list("number", "status", "passes"))
    tasks = list(process.tasks.order_by("pk").values_list("pk", "status"))
    return runs, tasks, AuditEntry.objects.count()


def test_it_opens_a_new_task_for_the_unit_on_its_next_pass(at_step_5, tim1, time_machine):
    time_machine.move_to(at(START + datetime.timedelta(days=10)), tick=False)  # Thursday 31 Dec
    task = reopen(at_step_5, tim1)
    assert (task.unit.short_name, task.status, task.pass_number) == ("MPK", "open", 2)
    assert task.position == mpk(at_step_5).head_position
    assert task.return_reason == REASON
    assert task.opened_on == datetime.date(2026, 12, 31)
    # Three working days: New Year, the weekend and Isra Mikraj (5 January) do not count.
    assert task.due_date == datetime.date(2027, 1, 7)
    assert at_step_5.step_runs.get(number=4).status == "done"
    assert at_step_5.step_runs.get(number=5).status == "active"
    assert open_task(at_step_5, 5).position.role == "tim_perencanaan"


def test_it_is_recorded_in_the_audit_log_with_the_reason(at_step_5, tim1):
    task = reopen(at_step_5, tim1)
    entry = AuditEntry.objects.get(action="task.reopen")
    assert entry.object_id == str(task.pk)
    assert entry.reason == REASON
    assert entry.position.role == "tim_perencanaan"


def test_completing_the_reopened_task_leaves_the_later_step_running(at_step_5, tim1, kabid_mpk):
    task = reopen(at_step_5, tim1)
    finish(task, kabid_mpk)
    assert at_step_5.step_runs.get(number=5).status == "active"
    assert Task.objects.filter(process=at_step_5, step_run__number=5).count() == 1
    assert at_step_5.step_runs.get(number=4).status == "done"


def test_the_step_action_hears_of_the_new_task(at_step_5, tim1, monkeypatch):
    opened = []

    class Remember(StepAction):
        def on_open(self, task):
            opened.append((task.unit.short_name, task.pass_number))

    monkeypatch.setitem(
        actions._registry, at_step_5.step_runs.get(number=4).step.action, Remember()
    )
    reopen(at_step_5, tim1)
    assert opened == [("MPK", 2)]


def test_it_refuses_a_user_without_the_role_of_the_running_step(at_step_5, kabid_ppik):
    before = state(at_step_5)
    with pytest.raises(NotAllowed, match="Hanya Tim Perencanaan"):
        reopen(at_step_5, kabid_ppik)
    assert state(at_step_5) == before


def test_an_administrator_must_say_why_they_act(at_step_5, administrator):
    before = state(at_step_5)
    with pytest.raises(Invalid, match="wajib menuliskan alasannya"):
        reopen(at_step_5, administrator)
    assert state(at_step_5) == before
    task = reopen(at_step_5, administrator, on_behalf_reason="Tim sedang dinas luar.")
    assert task.is_open


def test_it_needs_a_reason(at_step_5, tim1):
    before = state(at_step_5)
    with pytest.raises(Invalid, match="Alasan membuka kembali"):
        reopen(at_step_5, tim1, reason="  ")
    assert state(at_step_5) == before


def test_it_refuses_a_step_that_is_not_per_unit(at_step_5, tim1):
    with pytest.raises(Invalid, match="bukan langkah per unit"):
        reopen(at_step_5, tim1, step_number=3)


def test_it_refuses_a_step_still_running(process, tim1):
    run_to(process, 4)
    with pytest.raises(Conflict):
        reopen(process, tim1)


def test_it_refuses_a_unit_whose_task_is_already_open(at_step_5, tim1):
    reopen(at_step_5, tim1)
    before = state(at_step_5)
    with pytest.raises(Conflict, match="masih terbuka"):
        reopen(at_step_5, tim1)
    assert state(at_step_5) == before


def test_it_refuses_a_unit_without_a_task_on_the_step(at_step_5, tim1):
    kaban = Unit.objects.get(organization=at_step_5.organization, short_name="KABAN")
    with pytest.raises(Invalid, match="tidak mempunyai tugas"):
        reopen(at_step_5, tim1, unit=kaban)


def test_it_refuses_a_process_no_longer_running(at_step_5, tim1, kepala):
    engine.cancel_process(at_step_5, by=kepala, reason="Diulang tahun depan.")
    with pytest.raises(Conflict, match="dibatalkan"):
        reopen(at_step_5, tim1)


def test_a_second_return_opens_the_third_pass(at_step_5, tim1, kabid_mpk):
    finish(reopen(at_step_5, tim1), kabid_mpk)
    again = reopen(at_step_5, tim1)
    assert again.pass_number == 3
    assert at_step_5.step_runs.get(number=4).passes == 3
