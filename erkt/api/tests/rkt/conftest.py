"""An RKT process of the demo office run WITH the RKT app's step actions.

The fixtures move it to a step through the same services the pages and the API
call (test setup); the tests then act through the API.
"""

from __future__ import annotations

import datetime

import pytest

from erkt.api.tests.helpers import at, open_task
from erkt.api.tests.rkt.helpers import HEADS, START, YEAR, form_of, user
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.models import Renstra
from erkt.rkt.preparation.steps import DISPOSISI, RENCANA, SOSIALISASI
from erkt.rkt.tests.drafts_helpers import recorded_step
from erkt.rkt.tests.preparation_helpers import (
    complete,
    hold_meeting,
    record_disposisi,
    record_rencana,
)
from erkt.rkt.unit_forms.services import submit_form
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process


@pytest.fixture
def rkt_today(time_machine) -> datetime.date:
    """The clock frozen on the start date of the RKT process, 09:00 WITA."""
    time_machine.move_to(at(START), tick=False)
    return START


@pytest.fixture
def renstra(request, demo) -> Renstra:
    """The demo Renstra 2025-2029 of BKPSDM (restored when asked for under the RKT's clock)."""
    return recorded_step(request, "api.renstra", lambda: load_demo_renstra(demo))


def _started(demo, kepala) -> Process:
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    return engine.start_process(sop=sop, year=YEAR, by=kepala)


def _to_step_4(process: Process) -> Process:
    record_disposisi(process)
    complete(process, DISPOSISI)
    record_rencana(process)
    complete(process, RENCANA)
    hold_meeting(process)
    complete(process, SOSIALISASI)
    return process


def _to_step_5(process: Process) -> Process:
    for unit, username in HEADS.items():
        submit_form(form_of(process, unit), by=user(username))
    return process


def _to_step_6(process: Process) -> Process:
    engine.complete_task(open_task(process, 5), by=user("tim1"))
    return process


def _to_step_7(process: Process) -> Process:
    compile_draft(process, by=user("tim1"))
    engine.complete_task(open_task(process, 6), by=user("tim1"))
    return process


# Each step is run once per test process and then restored (drafts_helpers.recorded_step);
# the Renstra is loaded under the RKT's stopped clock, so that it can be restored too.
@pytest.fixture
def rkt_process(request, demo, kepala, rkt_today, renstra) -> Process:
    """The RKT 2027 process of BKPSDM, just started: step 1 is the Kepala Badan's task."""
    return recorded_step(request, "api.rkt_process", lambda: _started(demo, kepala))


@pytest.fixture
def at_step_4(request, rkt_process) -> Process:
    """Steps 1-3 recorded and completed: every unit's Form RKT issued from the Renstra."""
    return recorded_step(request, "api.at_step_4", lambda: _to_step_4(rkt_process))


@pytest.fixture
def at_step_5(request, at_step_4) -> Process:
    """Every unit head sent the form as issued: the Tim Perencanaan collects them."""
    return recorded_step(request, "api.at_step_5", lambda: _to_step_5(at_step_4))


@pytest.fixture
def at_step_6(request, at_step_5) -> Process:
    return recorded_step(request, "api.at_step_6", lambda: _to_step_6(at_step_5))


@pytest.fixture
def at_step_7(request, at_step_6) -> Process:
    """Version 1 compiled and step 6 completed: every unit head reviews its part."""
    return recorded_step(request, "api.at_step_7", lambda: _to_step_7(at_step_6))
