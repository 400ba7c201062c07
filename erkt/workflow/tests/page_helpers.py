"""Helpers of the page tests: a frozen WITA clock and a process moved along by the engine."""

from __future__ import annotations

import datetime
import re
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# Monday 2 November 2026: no holiday in the four working weeks after it.
MONDAY = datetime.date(2026, 11, 2)
HTMX = {"HTTP_HX_REQUEST": "true"}


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


def seed_sop(organization) -> Sop:
    return Sop.objects.get(organization=organization, code="penyusunan-rkt")


def start(organization, kepala, *, year: int = 2027, on: datetime.date | None = None) -> Process:
    return engine.start_process(sop=seed_sop(organization), year=year, by=kepala, start_date=on)


def pdf(name: str = "keluaran.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 isi", "application/pdf")


def assignee(task: Task):
    """The user of the first holder who may act on the task."""
    return task.eligible_employees().order_by("pk").first().user


def open_task(process: Process, number: int, unit: str | None = None) -> Task:
    tasks = Task.objects.filter(process=process, step_run__number=number, status="open")
    if unit is not None:
        tasks = tasks.filter(unit__short_name=unit)
    return tasks.get()


def finish(task: Task, user=None, *, note: str = "", decision: str = "") -> Task:
    """Complete a task as its assignee, uploading the output when the step needs a file."""
    user = user or assignee(task)
    if not task.step.is_decision:
        engine.add_attachment(task, by=user, file=pdf(f"langkah-{task.step.number}.pdf"))
    return engine.complete_task(task, by=user, note=note, decision=decision)


def run_to(process: Process, number: int) -> None:
    """Complete the steps before `number` on the "ya" path (every unit of a per-unit step)."""
    while True:
        active = process.step_runs.get(status="active")
        if active.number == number:
            return
        decision = "ya" if active.step.is_decision else ""
        for task in Task.objects.filter(step_run=active, status="open"):
            finish(task, note=f"Selesai langkah {active.number}.", decision=decision)


def order_of(html: str, attribute: str = "data-task") -> list[int]:
    return [int(n) for n in re.findall(rf'{attribute}="(\d+)"', html)]
