from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.tests.conftest import finish_step, open_task, run_to

D = datetime.date


def plan_of(process) -> dict[int, tuple[D, D]]:
    return {r.number: (r.planned_start, r.planned_due) for r in process.step_runs.all()}


def test_tightening_a_step_moves_its_planned_dates_and_the_planned_end(process, kepala):
    assert process.step_runs.get(number=4).planned_due == D(2026, 12, 31)
    assert process.planned_end == D(2027, 1, 27)

    engine.tighten_plan(process, by=kepala, working_days={4: 2})

    process.refresh_from_db()
    assert process.step_working_days == {"4": 2}
    assert process.step_runs.get(number=4).planned_due == D(2026, 12, 30)
    assert process.step_runs.get(number=5).planned_start == D(2026, 12, 30)
    assert process.planned_end == D(2027, 1, 26)


def test_a_tightened_step_is_due_after_its_new_limit_when_it_opens(process, kepala):
    engine.tighten_plan(process, by=kepala, working_days={2: 1, 4: 1})
    task = run_to(process, 4)
    calendar = process.working_calendar
    assert task.due_date == calendar.add_working_days(task.opened_on, 1)
    assert process.step_runs.get(number=4).due_date == task.due_date


def test_extending_a_step_beyond_the_sop_is_refused_and_nothing_changes(process, kepala):
    before = plan_of(process)
    entries = AuditEntry.objects.count()

    with pytest.raises(Invalid, match="paling lama 3 hari kerja sesuai SOP"):
        engine.tighten_plan(process, by=kepala, working_days={4: 2, 5: 4})

    process.refresh_from_db()
    assert process.step_working_days == {}
    assert plan_of(process) == before
    assert AuditEntry.objects.count() == entries


def test_zero_days_and_unknown_steps_are_refused(process, kepala):
    with pytest.raises(Invalid) as refused:
        engine.tighten_plan(process, by=kepala, working_days={4: 0, 42: 1})
    assert "paling sedikit 1 hari kerja" in refused.value.message
    assert "Langkah 42 tidak ada" in refused.value.message


def test_a_step_already_opened_keeps_its_waktu(process, kepala):
    run_to(process, 4)
    with pytest.raises(Invalid, match="Langkah 4 sudah dibuka"):
        engine.tighten_plan(process, by=kepala, working_days={4: 2})
    # Repeating the waktu in force is not a change.
    engine.tighten_plan(process, by=kepala, working_days={4: 3, 5: 2})
    process.refresh_from_db()
    assert process.step_working_days == {"5": 2}


def test_the_sop_value_puts_a_step_back_to_its_waktu(process, kepala):
    engine.tighten_plan(process, by=kepala, working_days={4: 1})
    engine.tighten_plan(process, by=kepala, working_days={4: 3})
    process.refresh_from_db()
    assert process.step_working_days == {}
    assert process.planned_end == D(2027, 1, 27)


def test_a_tightened_step_reopened_by_a_correction_keeps_its_limit(process, kepala, sekretaris):
    engine.tighten_plan(process, by=kepala, working_days={8: 2})
    run_to(process, 9)
    finish_step(process, 9, decision="tidak", note="Target indikator belum sesuai Renstra")
    task = open_task(process, 8)
    assert task.pass_number == 2
    assert task.due_date == process.working_calendar.add_working_days(task.opened_on, 2)


def test_the_holder_of_the_active_steps_role_may_tighten(process, kasubbag_perencanaan):
    with pytest.raises(NotAllowed):
        engine.tighten_plan(process, by=kasubbag_perencanaan, working_days={4: 2})
    finish_step(process, 1)  # step 2, the Kasubbag Perencanaan's, is active now
    engine.tighten_plan(process, by=kasubbag_perencanaan, working_days={4: 2})
    process.refresh_from_db()
    assert process.step_working_days == {"4": 2}


def test_it_refuses_someone_else(process, tim1, kabid_ppik):
    finish_step(process, 1)
    for user in (tim1, kabid_ppik):
        with pytest.raises(NotAllowed, match="Kepala Badan"):
            engine.tighten_plan(process, by=user, working_days={4: 2})


def test_an_administrator_must_say_why(process, administrator):
    with pytest.raises(Invalid, match="alasan"):
        engine.tighten_plan(process, by=administrator, working_days={4: 2})
    engine.tighten_plan(
        process, by=administrator, working_days={4: 2}, on_behalf_reason="Kepala sedang dinas"
    )
    process.refresh_from_db()
    assert process.step_working_days == {"4": 2}


def test_tightening_is_audited(process, kepala):
    engine.tighten_plan(process, by=kepala, working_days={4: 2})
    entry = AuditEntry.objects.filter(action="process.tighten_plan").get()
    assert entry.before["step_working_days"] == {}
    assert entry.after["step_working_days"] == {"4": 2}
    assert entry.after["planned_end"] == "2027-01-26"


def test_a_cancelled_process_cannot_be_replanned(process, kepala):
    engine.cancel_process(process, by=kepala, reason="Salah tahun")
    with pytest.raises(Conflict, match="dibatalkan"):
        engine.tighten_plan(process, by=kepala, working_days={4: 2})
