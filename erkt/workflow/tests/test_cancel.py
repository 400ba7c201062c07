from __future__ import annotations

import pytest

from erkt.audit.models import AuditEntry
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.conftest import finish, open_task


def test_the_kepala_cancels_with_a_reason(process, kepala):
    cancelled = engine.cancel_process(process, by=kepala, reason="Jadwal diubah Bappeda")
    assert cancelled.status == Process.Status.CANCELLED
    assert (cancelled.cancelled_by, cancelled.cancel_reason) == (kepala, "Jadwal diubah Bappeda")
    assert set(process.tasks.values_list("status", flat=True)) == {Task.Status.CANCELLED}
    assert AuditEntry.objects.get(action="process.cancel").reason == "Jadwal diubah Bappeda"


def test_a_reason_is_required(process, kepala):
    with pytest.raises(Invalid):
        engine.cancel_process(process, by=kepala, reason=" ")
    process.refresh_from_db()
    assert process.is_running


def test_only_the_kepala_cancels(process, sekretaris):
    with pytest.raises(NotAllowed):
        engine.cancel_process(process, by=sekretaris, reason="Tidak perlu")


def test_a_cancelled_process_takes_no_more_work(process, kepala):
    task = open_task(process, 1)
    engine.cancel_process(process, by=kepala, reason="Batal")
    with pytest.raises(Conflict):
        finish(task, kepala)
    with pytest.raises(Conflict):
        engine.cancel_process(process, by=kepala, reason="Lagi")


def test_a_cancelled_task_is_neither_overdue_nor_counting_down(process, kepala, time_machine):
    engine.cancel_process(process, by=kepala, reason="Batal")
    time_machine.shift(30 * 24 * 3600)
    task = process.tasks.get()
    assert not task.overdue and task.remaining_working_days is None
