"""The engine's reads compiled once (erkt.compiled_sql) give what their querysets give:
the same rows, the related objects filled, the annotations, and the SQL run again with
the new values."""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from erkt.compiled_sql import CompiledQuery
from erkt.org.models import Position, Role
from erkt.workflow import engine
from erkt.workflow.models import Process, StepRun, Task
from erkt.workflow.tests.conftest import open_task

pytestmark = pytest.mark.database


def fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_locked_process_is_the_querysets_row_with_its_relations(process):
    with transaction.atomic():
        locked = engine._lock_process(process.pk)
        expected = (
            Process.objects.select_related("organization", "sop_version")
            .annotate(open_suspension=engine._open_suspension())
            .get(pk=process.pk)
        )
    assert fields(locked) == fields(expected)
    assert fields(locked.organization) == fields(expected.organization)
    assert fields(locked.sop_version) == fields(expected.sop_version)
    assert locked.open_suspension is False
    with CaptureQueriesContext(connection) as queries:
        assert locked.organization.short_name == "BKPSDM"
    assert len(queries) == 0


def test_a_suspension_is_read_in_the_same_query(process, kepala):
    engine.suspend_process(process, by=kepala, reason="Menunggu arahan Bupati.")
    with transaction.atomic():
        assert engine._lock_process(process.pk).open_suspension is True


def test_the_locked_task_has_its_step_and_position_without_more_queries(process):
    task = open_task(process, 1)
    title = task.position.title
    with transaction.atomic():
        _process, locked = engine._lock_task(task)
        with CaptureQueriesContext(connection) as queries:
            assert locked.step_run.step.actor.role == Role.KEPALA
            assert locked.position.title == title
        assert len(queries) == 0
    assert fields(locked) == fields(Task.objects.get(pk=task.pk))
    assert fields(locked.step_run) == fields(StepRun.objects.get(pk=task.step_run_id))


def test_each_fetch_runs_the_sql_with_its_own_values(process):
    query = CompiledQuery(
        lambda process, number: StepRun.objects.filter(process=process, number=number),
        int,
        int,
    )
    second, third = query.fetch(process.pk, 2), query.fetch(process.pk, 3)
    assert [run.number for run in second] == [2]
    assert [run.number for run in third] == [3]
    assert query.fetch(process.pk, 99) == []


def test_a_text_value_varies_too(demo):
    query = CompiledQuery(
        lambda org, role: Position.objects.filter(organization=org, role=role).order_by("pk"),
        int,
        str,
    )
    for role in (Role.KEPALA, Role.SEKRETARIS):
        expected = list(Position.objects.filter(organization=demo, role=role).order_by("pk"))
        assert query.fetch(demo.pk, role) == expected


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_is_refused_outside_a_transaction(process):
    query = CompiledQuery(lambda pk: Process.objects.select_for_update().filter(pk=pk))
    with pytest.raises(TransactionManagementError):
        query.fetch(process.pk)


def test_a_build_that_drops_its_value_is_refused(process):
    query = CompiledQuery(lambda pk: Process.objects.all())
    with pytest.raises(ValueError):
        query.fetch(process.pk)
