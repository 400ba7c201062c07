"""Suspending a process (penangguhan): the clock stops, the deadlines move on resume."""

from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.org.models import Employee, Role, Substitution
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import ProcessSuspension
from erkt.workflow.tests.conftest import START, at, finish, open_task

pytestmark = pytest.mark.database

# Resumed on Monday 28 December: Tue 22, Wed 23 and Mon 28 are the working days in
# (21 Dec, 28 Dec]; 24-25 Dec are cuti bersama and Natal, 26-27 Dec a weekend.
RESUMED = datetime.date(2026, 12, 28)


def suspend_and_resume(process, kepala, time_machine):
    engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    time_machine.move_to(at(RESUMED), tick=False)
    return engine.resume_process(process, by=kepala)


def test_the_kepala_suspends_with_a_reason_and_it_is_audited(process, kepala):
    suspension = engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    assert (suspension.started_on, suspension.reason) == (START, "Menunggu pagu anggaran")
    assert process.is_suspended
    assert AuditEntry.objects.get(action="process.suspend").reason == "Menunggu pagu anggaran"


def test_resuming_moves_every_open_deadline_by_the_suspended_working_days(
    process, kepala, time_machine
):
    task = open_task(process, 1)
    due = task.due_date
    suspension = suspend_and_resume(process, kepala, time_machine)
    assert suspension.working_days == 3
    task.refresh_from_db()
    calendar = process.working_calendar
    assert task.due_date == calendar.add_working_days(due, 3)
    assert task.step_run.due_date == task.due_date
    entry = AuditEntry.objects.get(action="process.resume")
    assert entry.after["working_days"] == 3
    assert entry.after["due_dates"][str(task.pk)][1] == task.due_date.isoformat()


def test_a_suspension_resumed_the_same_day_moves_nothing(process, kepala):
    due = open_task(process, 1).due_date
    engine.suspend_process(process, by=kepala, reason="Sebentar")
    assert engine.resume_process(process, by=kepala).working_days == 0
    assert open_task(process, 1).due_date == due


def test_no_task_can_be_completed_while_suspended(process, kepala):
    task = open_task(process, 1)
    engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    with pytest.raises(Conflict, match="ditangguhkan sejak 21 Desember 2026"):
        finish(task, kepala)
    engine.resume_process(process, by=kepala)
    assert finish(open_task(process, 1), kepala).status == "done"


def test_a_reason_is_required(process, kepala):
    with pytest.raises(Invalid):
        engine.suspend_process(process, by=kepala, reason="  ")
    assert not ProcessSuspension.objects.exists()


def test_it_refuses_to_suspend_twice_or_resume_a_running_clock(process, kepala):
    with pytest.raises(Conflict):
        engine.resume_process(process, by=kepala)
    engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    with pytest.raises(Conflict):
        engine.suspend_process(process, by=kepala, reason="Lagi")


def test_it_refuses_a_sekretaris(process, kepala, sekretaris):
    with pytest.raises(NotAllowed):
        engine.suspend_process(process, by=sekretaris, reason="Menunggu pagu anggaran")
    engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    with pytest.raises(NotAllowed):
        engine.resume_process(process, by=sekretaris)


def test_it_refuses_an_administrator(process, administrator):
    with pytest.raises(NotAllowed):
        engine.suspend_process(process, by=administrator, reason="Menunggu pagu anggaran")


def test_a_plt_kepala_may_suspend(demo, process, sekretaris):
    kepala_position = demo.positions.get(role=Role.KEPALA)
    Substitution.objects.create(
        organization=demo,
        position=kepala_position,
        substitute=Employee.objects.get(user=sekretaris),
        kind=Substitution.Kind.PLT,
        start_date=START,
        end_date=START + datetime.timedelta(days=30),
        sp_number="800/004/BKPSDM/2026",
        sp_date=START,
    )
    assert engine.suspend_process(process, by=sekretaris, reason="Menunggu pagu").pk
