"""Tarik kembali: the completer takes a task back while the next step is untouched."""

from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.org.models import Employee, Role, Substitution
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import StepRun, Task
from erkt.workflow.tests.conftest import START, assignee, finish, open_task, run_to, upload

pytestmark = pytest.mark.database

REASON = "Lampiran salah unggah"


@pytest.fixture
def completed(process, kepala) -> Task:
    """Step 1 completed by the Kepala Badan: step 2 is open."""
    return finish(open_task(process, 1), kepala)


def test_the_completer_withdraws_and_the_next_step_goes_back(process, kepala, completed):
    successor = open_task(process, 2)
    task = engine.withdraw_task(completed, by=kepala, reason=REASON)
    assert (task.status, task.withdraw_reason, task.completed_by) == ("open", REASON, None)
    assert task.attachments.count() == 1  # its content stays
    successor.refresh_from_db()
    assert successor.status == Task.Status.WITHDRAWN
    runs = {r.number: r for r in process.step_runs.all()}
    assert (runs[1].status, runs[2].status, runs[2].passes) == ("active", "pending", 0)
    assert AuditEntry.objects.get(action="task.withdraw").reason == REASON
    assert AuditEntry.objects.filter(action="task.withdrawn", object_id=str(successor.pk)).exists()


def test_the_withdrawn_task_can_be_completed_again(process, kepala, completed):
    task = engine.withdraw_task(completed, by=kepala, reason=REASON)
    engine.complete_task(task, by=kepala)
    assert open_task(process, 2).pass_number == 1
    assert process.step_runs.get(number=2).passes == 1


def test_it_refuses_once_a_successor_has_a_file(process, kepala, completed):
    successor = open_task(process, 2)
    upload(successor, assignee(successor))
    with pytest.raises(Conflict, match="langkah 2 berikutnya sudah dikerjakan"):
        engine.withdraw_task(completed, by=kepala, reason=REASON)
    completed.refresh_from_db()
    assert completed.status == Task.Status.DONE


def test_it_refuses_once_a_successor_is_claimed(process, kepala, completed):
    successor = open_task(process, 2)
    engine.claim_task(successor, by=assignee(successor))
    with pytest.raises(Conflict):
        engine.withdraw_task(completed, by=kepala, reason=REASON)


def test_it_refuses_once_a_successor_is_completed(process, kepala, completed):
    finish(open_task(process, 2))
    with pytest.raises(Conflict):
        engine.withdraw_task(completed, by=kepala, reason=REASON)


def test_it_refuses_anyone_but_the_completer(process, completed, sekretaris, administrator):
    for user in (sekretaris, administrator):
        with pytest.raises(NotAllowed):
            engine.withdraw_task(completed, by=user, reason=REASON)


def test_a_reason_is_required(process, kepala, completed):
    with pytest.raises(Invalid):
        engine.withdraw_task(completed, by=kepala, reason=" ")
    assert open_task(process, 2).status == Task.Status.OPEN


def test_an_open_task_cannot_be_withdrawn(process, kepala):
    with pytest.raises(Conflict):
        engine.withdraw_task(open_task(process, 1), by=kepala, reason=REASON)


def test_no_withdrawal_while_the_process_is_suspended(process, kepala, completed):
    engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    with pytest.raises(Conflict, match="ditangguhkan"):
        engine.withdraw_task(completed, by=kepala, reason=REASON)


def test_a_unit_withdraws_its_own_task_of_a_per_unit_step(process):
    first = run_to(process, 4)
    others = Task.objects.filter(step_run=first.step_run, status="open").exclude(pk=first.pk)
    other_user = assignee(others.first())
    done = finish(first)
    with pytest.raises(NotAllowed):
        engine.withdraw_task(done, by=other_user, reason=REASON)
    task = engine.withdraw_task(done, by=assignee(done), reason=REASON)
    assert task.status == Task.Status.OPEN
    assert process.step_runs.get(number=4).status == StepRun.Status.ACTIVE


def test_an_earlier_unit_of_a_completed_per_unit_step_cannot_withdraw(process):
    run_to(process, 4)
    tasks = list(Task.objects.filter(step_run__number=4, process=process, status="open"))
    for task in tasks:
        finish(task)
    first, last = (Task.objects.get(pk=t.pk) for t in (tasks[0], tasks[-1]))
    with pytest.raises(Conflict):
        engine.withdraw_task(first, by=first.completed_by, reason=REASON)
    engine.withdraw_task(last, by=last.completed_by, reason=REASON)
    assert open_task(process, 4, last.unit.short_name).pk == last.pk
    assert process.step_runs.get(number=5).status == StepRun.Status.PENDING


def test_a_decision_tidak_is_withdrawn_and_the_loop_undone(process, sekretaris):
    decision = run_to(process, 9)
    engine.complete_task(decision, by=sekretaris, decision="tidak", note="Perbaiki tabel")
    reopened = Task.objects.get(process=process, step_run__number=8, status="open")
    engine.withdraw_task(decision, by=sekretaris, reason="Salah pilih")
    runs = {r.number: r for r in process.step_runs.all()}
    assert (runs[8].status, runs[8].passes, runs[9].status) == ("done", 1, "active")
    reopened.refresh_from_db()
    assert reopened.status == Task.Status.WITHDRAWN
    assert open_task(process, 9).decision == ""


def test_the_plh_of_the_completer_may_withdraw(demo, process, kepala, sekretaris, completed):
    Substitution.objects.create(
        organization=demo,
        position=demo.positions.get(role=Role.KEPALA),
        substitute=Employee.objects.get(user=sekretaris),
        kind=Substitution.Kind.PLH,
        start_date=START,
        end_date=START + datetime.timedelta(days=5),
        sp_number="800/005/BKPSDM/2026",
        sp_date=START,
    )
    task = engine.withdraw_task(completed, by=sekretaris, reason=REASON)
    assert task.status == Task.Status.OPEN
