"""An RKT process at the Draft RKT steps (6-10), and helpers that move it along.

Steps 1-3 run with the engine's default behaviour (their own actions are taken
out of the registry for these tests); the forms are issued from the demo
Renstra and sent by each unit head through the Form RKT services, so step 4 and
5 are done as in real use. Import the fixtures a module uses:
`from erkt.rkt.tests.drafts_helpers import at_step_6  # noqa: F401`.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.drafts.corrections import mark_rest_sesuai
from erkt.rkt.drafts.models import DraftRkt, DraftRow
from erkt.rkt.drafts.versions import make_next_version
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.services import issue_forms, submit_form
from erkt.sop.models import Sop
from erkt.testing import snapshots
from erkt.workflow import actions, engine
from erkt.workflow.calendar import WorkingCalendar
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
YEAR = 2027
PREPARATION_ACTIONS = ("rkt.disposisi", "rkt.rencana", "rkt.sosialisasi")
HEADS = {
    "PERENCANAAN": "kasubbag.perencanaan",
    "UMPEG": "kasubbag.umum",
    "PPIK": "kabid.ppik",
    "PSDM": "kabid.psdm",
    "MPK": "kabid.mpk",
}


def user(username: str):
    return get_user_model().objects.get(username=username)


def open_task(process: Process, number: int, unit: str | None = None) -> Task:
    tasks = Task.objects.filter(process=process, step_run__number=number, status="open")
    if unit is not None:
        tasks = tasks.filter(unit__short_name=unit)
    return tasks.get()


def _finish_default(process: Process, number: int) -> None:
    for task in Task.objects.filter(process=process, step_run__number=number, status="open"):
        by = task.eligible_employees().order_by("pk").first().user
        engine.add_attachment(
            task, by=by, file=SimpleUploadedFile("keluaran.pdf", b"%PDF-1.4 isi", "application/pdf")
        )
        engine.complete_task(task, by=by)


def latest(process: Process) -> DraftRkt:
    return DraftRkt.objects.latest_of(process)


def row_of(draft: DraftRkt, **lookup) -> DraftRow:
    return draft.rows.filter(**lookup).order_by("order").first()


def form_total(process: Process, **lookup) -> Decimal:
    rows = FormRktRow.objects.filter(form__process=process, form__status="submitted", **lookup)
    return sum((row.anggaran for row in rows), Decimal(0))


def prepare_step_6(organization, kepala, monkeypatch) -> Process:
    """Run steps 1-5 of an RKT 2027 process: every unit's Form RKT sent and collected."""
    for key in PREPARATION_ACTIONS:
        monkeypatch.delitem(actions._registry, key, raising=False)
    return _run_step_6(organization, kepala)


def _run_step_6(organization, kepala) -> Process:
    load_demo_renstra(organization)
    sop = Sop.objects.get(organization=organization, code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=YEAR, by=kepala)
    for number in (1, 2, 3):
        _finish_default(process, number)
    issue_forms(process)
    for unit, username in HEADS.items():
        form = FormRkt.objects.get(process=process, unit__short_name=unit)
        submit_form(form, by=user(username))
    engine.complete_task(open_task(process, 5), by=user("tim1"))
    return process


def recorded_step(request, name: str, step: Callable[[], Process]) -> Process:
    """`step()`, restored from this test process's first run of it (erkt.testing.snapshots):
    the same rows, files and timestamps, with the same step-action registry."""
    registry = tuple(sorted(actions._registry.items()))
    return snapshots.restore_or_apply(request, name, step, key=(registry,))


def started_process(request, name: str, start: Callable[[], Process]) -> Process:
    """`recorded_step(request, name, start)` for a step that starts the process: its
    organisation's local days read, as starting it reads them (a per-process cache,
    erkt.workflow.calendar.local_days, that a restore does not fill; the query counts
    of the pages depend on it)."""
    process = recorded_step(request, name, start)
    WorkingCalendar(process.organization)
    return process


@pytest.fixture
def at_step_6(request, demo, kepala, time_machine, monkeypatch) -> Process:
    """The RKT 2027 process started on a fixed Monday, at step 6 (compiling)."""
    time_machine.move_to(datetime.datetime(2026, 1, 5, 9, tzinfo=WITA), tick=False)
    for key in PREPARATION_ACTIONS:
        monkeypatch.delitem(actions._registry, key, raising=False)
    return recorded_step(request, "rkt.at_step_6", lambda: _run_step_6(demo, kepala))


def _compile(process: Process) -> Process:
    compile_draft(process, by=user("tim1"))
    return process


@pytest.fixture
def compiled(request, at_step_6) -> Process:
    """Version 1 compiled by the Tim Perencanaan; step 6 still open."""
    return recorded_step(request, "rkt.compiled", lambda: _compile(at_step_6))


def _to_step_7(process: Process) -> Process:
    engine.complete_task(open_task(process, 6), by=user("tim1"))
    return process


@pytest.fixture
def at_step_7(request, compiled) -> Process:
    """Step 6 done: every unit head reviews its part of version 1."""
    return recorded_step(request, "rkt.at_step_7", lambda: _to_step_7(compiled))


def finish_unit_reviews(process: Process) -> None:
    """Every unit marks what it has not checked "sesuai" and completes its step-7 task."""
    for unit, username in HEADS.items():
        task = open_task(process, 7, unit)
        mark_rest_sesuai(task, by=user(username))
        engine.complete_task(task, by=user(username))


def _to_step_8(process: Process) -> Process:
    finish_unit_reviews(process)
    return process


@pytest.fixture
def at_step_8(request, at_step_7) -> Process:
    """Every unit found its part "sesuai": step 8, nothing open."""
    return recorded_step(request, "rkt.at_step_8", lambda: _to_step_8(at_step_7))


def next_version(process: Process, decisions=None) -> DraftRkt:
    """Step 8: issue the next version as the Kasubbag Perencanaan and complete the task."""
    draft = make_next_version(process, by=user("kasubbag.perencanaan"), decisions=decisions or {})
    engine.complete_task(open_task(process, 8), by=user("kasubbag.perencanaan"))
    return draft


def _to_step_9(process: Process) -> Process:
    next_version(process)
    return process


@pytest.fixture
def at_step_9(request, at_step_8) -> Process:
    """Version 2 made without corrections: the Sekretaris reviews it."""
    return recorded_step(request, "rkt.at_step_9", lambda: _to_step_9(at_step_8))


def _to_step_10(process: Process) -> Process:
    engine.complete_task(open_task(process, 9), by=user("sekretaris"), decision="ya")
    return process


@pytest.fixture
def at_step_10(request, at_step_9, kepala_certificate) -> Process:
    """The Sekretaris accepted version 2: the Kepala Badan, who holds the demo certificate,
    signs (step 10)."""
    return recorded_step(request, "rkt.at_step_10", lambda: _to_step_10(at_step_9))
