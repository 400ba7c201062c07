"""A seed process of BKPSDM and helpers to move it along, shared by the engine tests."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# Monday; cuti bersama on Thursday 24 December, Natal on Friday 25 December.
START = datetime.date(2026, 12, 21)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


@pytest.fixture(autouse=True)
def _generic_steps(without_step_actions):
    """These tests run the seed SOP with the default step behaviour."""


@pytest.fixture
def today(time_machine):
    """The clock frozen on the start date, 09:00 WITA."""
    time_machine.move_to(at(START), tick=False)
    return START


@pytest.fixture
def seed_sop(demo) -> Sop:
    return Sop.objects.get(organization=demo, code="penyusunan-rkt")


@pytest.fixture
def process(seed_sop, kepala, today) -> Process:
    """The RKT 2027 process, started by the Kepala Badan on the frozen start date."""
    return engine.start_process(sop=seed_sop, year=2027, by=kepala)


def open_task(process: Process, number: int, unit: str | None = None) -> Task:
    tasks = Task.objects.filter(process=process, step_run__number=number, status="open")
    if unit is not None:
        tasks = tasks.filter(unit__short_name=unit)
    return tasks.get()


def assignee(task: Task):
    """The user of the first holder who may act on the task."""
    return task.eligible_employees().order_by("pk").first().user


def upload(task: Task, user, name: str = "keluaran.pdf") -> None:
    engine.add_attachment(
        task, by=user, file=SimpleUploadedFile(name, b"%PDF-1.4 isi", "application/pdf")
    )


def finish(task: Task, user=None, **kwargs) -> Task:
    """Complete a task as its assignee, uploading the output when the step needs a file."""
    user = user or assignee(task)
    if not task.step.is_decision:
        upload(task, user)
    return engine.complete_task(task, by=user, **kwargs)


def finish_step(process: Process, number: int, **kwargs) -> None:
    """Complete every open task of a step (all units of a per-unit step)."""
    for task in Task.objects.filter(process=process, step_run__number=number, status="open"):
        finish(task, **kwargs)


def run_to(process: Process, number: int) -> Task:
    """Complete the steps before `number` on the "ya" path; return step `number`'s first task."""
    while True:
        active = process.step_runs.get(status="active")
        if active.number == number:
            return Task.objects.filter(step_run=active, status="open").first()
        decision = "ya" if active.step.is_decision else ""
        finish_step(process, active.number, decision=decision)
