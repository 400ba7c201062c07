from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Process, StepRun, Task
from erkt.workflow.tests.conftest import START

pytestmark = pytest.mark.database

D = datetime.date


def test_the_kepala_starts_a_process_and_step_1_is_his_task(process, kepala):
    assert process.status == Process.Status.RUNNING
    assert (process.year, process.start_date, process.started_by) == (2027, START, kepala)
    task = Task.objects.get(process=process)
    assert task.step_run.number == 1
    assert task.position.role == "kepala"
    assert task.can_be_completed_by(kepala)
    assert (task.opened_on, task.due_date) == (START, D(2026, 12, 22))


def test_every_step_has_its_plan_and_only_step_1_is_active(process):
    runs = list(process.step_runs.order_by("number"))
    assert [r.number for r in runs] == list(range(1, 12))
    assert all(r.planned_start and r.planned_due for r in runs)
    assert [r.status for r in runs] == ["active"] + ["pending"] * 10
    assert runs[0].passes == 1
    assert process.planned_end == D(2027, 1, 27)


def test_the_start_date_defaults_to_today_in_wita(seed_sop, kepala, time_machine):
    # 17:00 UTC on Sunday 20 December is already Monday 21 December 01:00 WITA.
    time_machine.move_to(datetime.datetime(2026, 12, 20, 17, tzinfo=datetime.UTC), tick=False)
    assert engine.start_process(sop=seed_sop, year=2027, by=kepala).start_date == START


def test_it_refuses_a_user_who_is_not_the_kepala(seed_sop, sekretaris, today):
    with pytest.raises(NotAllowed) as error:
        engine.start_process(sop=seed_sop, year=2027, by=sekretaris)
    assert error.value.status == 403
    assert not Process.objects.exists()


def test_a_second_running_process_for_the_same_year_is_refused(process, seed_sop, kepala):
    with pytest.raises(Conflict) as error:
        engine.start_process(sop=seed_sop, year=2027, by=kepala)
    assert error.value.status == 409
    assert "2027" in error.value.message
    assert Process.objects.count() == 1


def test_another_year_may_run_at_the_same_time(process, seed_sop, kepala):
    other = engine.start_process(sop=seed_sop, year=2028, by=kepala)
    assert other.status == Process.Status.RUNNING


def test_a_cancelled_process_does_not_block_a_new_start(process, seed_sop, kepala):
    engine.cancel_process(process, by=kepala, reason="Salah tahun")
    assert engine.start_process(sop=seed_sop, year=2027, by=kepala).is_running


def test_a_completed_year_cannot_be_started_again(process, seed_sop, kepala):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.COMPLETED)
    with pytest.raises(Conflict) as error:
        engine.start_process(sop=seed_sop, year=2027, by=kepala)
    assert error.value.status == 409
    assert "sudah selesai" in error.value.message
    assert Process.objects.count() == 1


def test_a_future_start_date_is_refused(seed_sop, kepala, today):
    with pytest.raises(Invalid) as error:
        engine.start_process(sop=seed_sop, year=2027, by=kepala, start_date=D(2026, 12, 22))
    assert error.value.status == 422
    assert not Process.objects.exists()


def test_a_past_start_date_records_a_process_begun_on_paper(seed_sop, kepala, today):
    process = engine.start_process(sop=seed_sop, year=2027, by=kepala, start_date=D(2026, 12, 1))
    task = Task.objects.get(process=process)
    assert (task.opened_on, task.due_date) == (D(2026, 12, 1), D(2026, 12, 2))
    assert task.overdue
    # Late by the working days in (2 December, 21 December]: 3-4, 7-11, 14-18 and 21.
    assert task.remaining_working_days == -13
    run = process.step_runs.get(number=1)
    assert run.overdue and run.remaining_working_days == -13


def test_a_task_due_tomorrow_is_not_overdue(process):
    task = Task.objects.get(process=process)
    assert not task.overdue
    assert task.remaining_working_days == 1


def test_an_administrator_may_start_for_the_kepala_with_a_reason(seed_sop, administrator, today):
    with pytest.raises(Invalid):
        engine.start_process(sop=seed_sop, year=2027, by=administrator)
    process = engine.start_process(
        sop=seed_sop, year=2027, by=administrator, on_behalf_reason="Kepala Badan dinas luar"
    )
    entry = AuditEntry.objects.get(action="process.start")
    assert entry.user == administrator and entry.position is None
    assert "Kepala Badan dinas luar" in entry.reason
    assert process.is_running


def test_the_start_is_in_the_audit_log_with_the_kepalas_position(process, kepala):
    entry = AuditEntry.objects.get(action="process.start")
    assert (entry.user, entry.position.role, entry.object_id) == (kepala, "kepala", str(process.pk))
    assert entry.after["year"] == 2027
    opened = AuditEntry.objects.get(action="step.open")
    assert opened.after["step"] == 1


def test_a_unit_without_a_head_position_is_refused_at_the_start(seed_sop, kepala, demo, today):
    unit = demo.units.get(short_name="MPK")
    unit.head_position = None
    unit.save(update_fields=["head_position"])
    with pytest.raises(Invalid) as error:
        engine.start_process(sop=seed_sop, year=2027, by=kepala)
    assert unit.name in error.value.message
    assert not StepRun.objects.exists()


def test_an_sop_without_an_active_version_cannot_start(seed_sop, kepala, today):
    seed_sop.versions.update(status="superseded")
    with pytest.raises(Invalid):
        engine.start_process(sop=seed_sop, year=2027, by=kepala)
