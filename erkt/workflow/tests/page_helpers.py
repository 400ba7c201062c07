"""Helpers of the page tests: a frozen WITA clock and a process moved along by the engine."""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Callable

from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from erkt.sop.models import Sop
from erkt.testing import snapshots
from erkt.workflow import actions, engine
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


def recorded(request, name: str, apply: Callable[[], Process]) -> Process:
    """`apply()`, restored from this test process's first run of it (erkt.testing.snapshots):
    the same rows, files and timestamps under the same stopped clock, settings and
    step-action registry (these tests run without step actions: `_generic_steps`)."""
    registry = tuple(sorted(actions._registry.items()))
    return snapshots.restore_or_apply(request, name, apply, key=(registry,))


def order_of(html: str, attribute: str = "data-task") -> list[int]:
    return [int(n) for n in re.findall(rf'{attribute}="(\d+)"', html)]


def query_count(request) -> int:
    """The queries `request()` runs (a page or API call, after which it checks the answer)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        request()
    return len(queries)


def crowd(number: int, *, years: int = 3, copies: int = 30):
    """Another busy office: a copy of the demo office running `years` processes.

    The last one is at step 7 (a task for every unit); each open task then gets `copies`
    open and `copies` done twins, bulk-created like a long backlog of other offices.
    """
    from django.contrib.auth import get_user_model

    from erkt.org.demo import load_demo_copy

    organization = load_demo_copy(number)
    kepala = get_user_model().objects.get(username=f"kepala.{number}")
    for year in range(2027, 2027 + years):
        process = start(organization, kepala, year=year)
    run_to(process, 7)
    twins = [
        Task(
            process_id=task.process_id,
            step_run_id=task.step_run_id,
            unit_id=task.unit_id,
            position_id=task.position_id,
            status=status,
            opened_on=task.opened_on,
            due_date=task.due_date,
        )
        for task in Task.objects.filter(process__organization=organization, status="open")
        for status in (Task.Status.OPEN, Task.Status.DONE)
        for _copy in range(copies)
    ]
    Task.objects.bulk_create(twins)
    return organization


def build_world(demo, kepala, tim1) -> Process:
    """RKT 2027 at step 5: the lane task claimed by tim1, with one upload."""
    process = start(demo, kepala)
    run_to(process, 5)
    lane = open_task(process, 5)
    engine.claim_task(lane, by=tim1)
    engine.add_attachment(lane, by=tim1, file=pdf())
    return process


def world_of(process: Process) -> dict:
    """The objects the permissions tables act on, read from the database."""
    lane = open_task(process, 5)
    return {
        "process": process,
        "task": lane,
        "first": process.tasks.get(step_run__number=1),  # done by the Kepala Badan
        "attachment": lane.attachments.get(),
        "sop": seed_sop(process.organization),
    }


def request_of(user, path: str = "/"):
    """A GET of `path` by `user` with a session and messages, as a page's view gets it: for
    rendering a page's content outside the test client."""
    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request
