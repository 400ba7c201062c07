"""The warm-up a gunicorn worker runs before its first request (erkt.gunicorn_config)."""

from __future__ import annotations

import sys

import pytest

from erkt.audit.models import AuditEntry
from erkt.gunicorn_config import SWITCH_INTERVAL_S, post_worker_init
from erkt.workflow import calendar, engine
from erkt.workflow.models import Task
from erkt.workflow.tests.conftest import finish, open_task

# transaction=True: the warm-up closes the connections, as a worker does after it.
pytestmark = [pytest.mark.database, pytest.mark.django_db(transaction=True)]


def test_a_worker_warms_up_without_writing_and_then_completes_as_usual(process, demo):
    entries = AuditEntry.objects.filter(organization=demo).count()

    post_worker_init(worker=None)

    assert engine._LOCKED_PROCESS._compiled  # the first transition's locked read, compiled
    assert AuditEntry.objects.filter(organization=demo).count() == entries
    finish(open_task(process, 1))
    assert Task.objects.get(process=process, step_run__number=2).status == "open"


def test_a_worker_has_this_years_holidays_before_its_first_deadline(db):
    calendar.national_holidays.cache_clear()

    post_worker_init(worker=None)

    assert calendar.national_holidays.cache_info().currsize == 2  # this year and the next


def test_a_worker_hands_the_gil_on_within_a_millisecond(db):
    default = sys.getswitchinterval()
    try:
        post_worker_init(worker=None)

        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    finally:
        sys.setswitchinterval(default)
