"""The engine's reads compiled once (erkt.compiled_sql) give what their querysets give:
the same rows, the related objects filled, the annotations, and the SQL run again with
the new values."""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from erkt.compiled_sql import Shape
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


def test_each_call_runs_the_sql_with_its_own_values(process):
    shape = Shape(lambda process, number: StepRun.objects.filter(process=process, number=number))
    second, third = shape.rows(process.pk, 2), shape.rows(process.pk, 3)
    assert [run.number for run in second] == [2]
    assert [run.number for run in third] == [3]
    assert shape.rows(process.pk, 99) == []


def test_a_role_varies_like_its_text(demo):
    shape = Shape(
        lambda org, role: Position.objects.filter(organization=org, role=role).order_by("pk")
    )
    for role in (Role.KEPALA, Role.SEKRETARIS, "kepala"):
        expected = list(Position.objects.filter(organization=demo, role=role).order_by("pk"))
        assert shape.rows(demo.pk, role) == expected
    assert len(shape._compiled) == 1


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_is_refused_outside_a_transaction(process):
    shape = Shape(lambda pk: Process.objects.select_for_update().filter(pk=pk))
    with pytest.raises(TransactionManagementError):
        shape.rows(process.pk)


def test_a_build_that_drops_its_value_is_left_to_the_orm(process):
    shape = Shape(lambda pk: Process.objects.order_by("pk"))
    assert shape.rows(process.pk) == list(Process.objects.order_by("pk"))
