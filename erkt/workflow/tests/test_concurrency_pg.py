"""Two people acting at the same moment, on PostgreSQL's row locks (SQLite serialises writers).

Each call runs in its own thread with its own database connection; a barrier
releases them together.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connections

from erkt.audit.log import record
from erkt.audit.models import AuditEntry
from erkt.audit.verify import verify_chain
from erkt.sop.models import Sop
from erkt.testing.concurrency import at_once
from erkt.workflow import actions, engine
from erkt.workflow.errors import Conflict
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.conftest import open_task, run_to, upload

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def user(username: str):
    # A fresh object per thread: the access helpers cache on the user instance.
    return get_user_model().objects.get(username=username)


def test_the_database_is_postgresql():
    assert connections["default"].vendor == "postgresql"


def test_two_completions_of_one_task_give_one_success_and_one_409(demo, kepala):
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=2027, by=kepala)
    task = open_task(process, 1)
    upload(task, kepala)

    results = at_once(
        lambda: engine.complete_task(task, by=user("kepala"), note="pertama"),
        lambda: engine.complete_task(task, by=user("kepala"), note="kedua"),
    )

    successes = [r for r in results if isinstance(r, Task)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert (len(successes), len(conflicts)) == (1, 1), results
    assert conflicts[0].status == 409
    task.refresh_from_db()
    assert task.note == successes[0].note
    assert Task.objects.filter(process=process, step_run__number=2).count() == 1
    assert AuditEntry.objects.filter(action="task.complete").count() == 1
    assert verify_chain(demo).ok


@pytest.fixture
def rendezvous_at_step_4(demo):
    """Arm: hold each step 4 completion until the other one has reached the same point.

    Without the process lock both reach it, and each sees the other's unit task
    still open; with the lock the second waits outside, so the first gives up
    waiting after a moment and commits.
    """
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    sop.active_version.steps.filter(number=4).update(action="test.rendezvous")
    barrier = threading.Barrier(2)

    def wait_for_the_other(task, by, payload):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)

    yield lambda: actions.register("test.rendezvous")(wait_for_the_other)
    actions.unregister("test.rendezvous")


def test_the_last_two_units_finishing_together_open_the_next_step_once(
    demo, kepala, rendezvous_at_step_4
):
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=2027, by=kepala)
    run_to(process, 4)
    for unit in ("PERENCANAAN", "UMPEG", "PPIK"):
        task = open_task(process, 4, unit)
        upload(task, task.position.holders.get().user)
        engine.complete_task(task, by=task.position.holders.get().user)
    psdm, mpk = open_task(process, 4, "PSDM"), open_task(process, 4, "MPK")
    upload(psdm, user("kabid.psdm"))
    upload(mpk, user("kabid.mpk"))
    rendezvous_at_step_4()

    results = at_once(
        lambda: engine.complete_task(psdm, by=user("kabid.psdm")),
        lambda: engine.complete_task(mpk, by=user("kabid.mpk")),
    )

    assert all(isinstance(r, Task) for r in results), results
    assert process.step_runs.get(number=4).status == "done"
    assert Task.objects.filter(process=process, step_run__number=5).count() == 1
    assert verify_chain(demo).ok


def test_two_starts_of_the_same_year_give_one_process(demo, kepala):
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")

    results = at_once(
        lambda: engine.start_process(sop=sop, year=2027, by=user("kepala")),
        lambda: engine.start_process(sop=sop, year=2027, by=user("kepala")),
    )

    assert sorted(type(r).__name__ for r in results) == ["Conflict", "Process"], results
    assert Process.objects.count() == 1


def test_parallel_audit_appends_keep_one_unbroken_chain(demo, kepala):
    def append_five(name: str) -> None:
        for n in range(5):
            record(organization=demo, user=user(name), action="test.append", after={"n": n})

    results = at_once(lambda: append_five("kepala"), lambda: append_five("sekretaris"))

    assert results == [None, None]
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 11)
    )
    assert verify_chain(demo).ok
