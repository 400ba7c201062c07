"""Fixtures of the API tests: demo users holding bearer tokens.

The generic modules (processes, tasks, errors, the full run) run the seed SOP
with the engine's default step behaviour: each says so with
`pytest.mark.usefixtures("without_step_actions")`. The tests under rkt/ run
it with the RKT app's step actions.
"""

from __future__ import annotations

import datetime

import pytest

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import START, ApiClient, at
from erkt.org.demo import SEED_SOP_CODE
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process


@pytest.fixture
def api_for():
    def make(user) -> ApiClient:
        _token, secret = ApiToken.issue(user, name="test")
        return ApiClient(secret)

    return make


@pytest.fixture
def anonymous_api() -> ApiClient:
    return ApiClient(None)


@pytest.fixture
def today(time_machine) -> datetime.date:
    """The clock frozen on the start date, 09:00 WITA."""
    time_machine.move_to(at(START), tick=False)
    return START


@pytest.fixture
def seed_sop(demo) -> Sop:
    return Sop.objects.get(organization=demo, code=SEED_SOP_CODE)


@pytest.fixture
def process(seed_sop, kepala, today) -> Process:
    """The RKT 2026 process, started by the Kepala Badan on the frozen start date."""
    return engine.start_process(sop=seed_sop, year=2026, by=kepala)
