from __future__ import annotations

import datetime

import pytest

from erkt.audit.verify import verify_chain
from erkt.workflow import engine
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.conftest import at, finish_step, open_task

pytestmark = pytest.mark.database

D = datetime.date


def finish_on_due_date(process, number, time_machine, **kwargs):
    """Complete step `number` on its due date: the next step opens that day."""
    run = process.step_runs.get(number=number)
    time_machine.move_to(at(run.due_date, 14), tick=False)
    assert not open_task_any(process, number).overdue
    finish_step(process, number, **kwargs)


def open_task_any(process, number):
    return Task.objects.filter(process=process, step_run__number=number, status="open").first()


def test_a_full_run_with_one_tidak_at_9_and_one_at_10(process, kepala, sekretaris, time_machine):
    for number in range(1, 9):
        finish_on_due_date(process, number, time_machine)
    # Until the first correction every step opened on the day the plan said.
    runs = process.step_runs.filter(number__lte=9)
    assert all(run.opened_on == run.planned_start for run in runs)

    finish_on_due_date(process, 9, time_machine, decision="tidak", note="Indikator 3 kurang")
    assert open_task(process, 8).return_reason == "Indikator 3 kurang"
    finish_on_due_date(process, 8, time_machine)
    finish_on_due_date(process, 9, time_machine, decision="ya")
    finish_on_due_date(process, 10, time_machine, decision="tidak", note="Perbaiki kata pengantar")
    for number, kwargs in [(8, {}), (9, {"decision": "ya"}), (10, {"decision": "ya"}), (11, {})]:
        finish_on_due_date(process, number, time_machine, **kwargs)

    process.refresh_from_db()
    assert process.status == Process.Status.COMPLETED
    passes = dict(process.step_runs.values_list("number", "passes"))
    assert passes == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 3, 9: 3, 10: 2, 11: 1}
    assert set(process.step_runs.values_list("status", flat=True)) == {"done"}
    assert not process.tasks.filter(status="open").exists()
    # 23 working days planned, 5 + 1 + 5 + 1 + 1 more for the two corrections.
    assert process.completed_at.date() > process.planned_end
    assert verify_chain(process.organization).ok


def test_a_late_step_opens_the_next_one_late_and_shows_overdue(process, kepala, time_machine):
    time_machine.move_to(at(D(2026, 12, 23)), tick=False)
    task = open_task(process, 1)
    assert task.overdue and task.remaining_working_days == -1
    finish_step(process, 1)
    nxt = open_task(process, 2)
    assert (nxt.opened_on, nxt.due_date) == (D(2026, 12, 23), D(2026, 12, 28))
    assert process.step_runs.get(number=2).planned_due == D(2026, 12, 23)


def test_a_completed_process_refuses_a_second_one_for_the_same_year(process, seed_sop, kepala):
    """Issue 12: a signed, archived RKT 2027 cannot be started again as a second "RKT 2027"."""
    import pytest

    from erkt.workflow.errors import Conflict
    from erkt.workflow.tests.conftest import run_to

    run_to(process, 11)
    finish_step(process, 11)
    with pytest.raises(Conflict, match="sudah selesai"):
        engine.start_process(sop=seed_sop, year=2027, by=kepala)
    assert Process.objects.count() == 1
    assert engine.start_process(sop=seed_sop, year=2028, by=kepala).is_running
