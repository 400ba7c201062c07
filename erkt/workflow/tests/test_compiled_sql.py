"""erkt.compiled_sql: a queryset compiled once per shape gives what the ORM gives, for
every value, with its select_related relations, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from erkt.compiled_sql import Shape
from erkt.workflow.models import Process, Task
from erkt.workflow.pages import tasks_with_relations

pytestmark = pytest.mark.database

RELATED = ("process", "step_run", "unit", "position", "claimed_by", "completed_by")


def of_organization(organization_id: int, task_id: int):
    return (
        tasks_with_relations()
        .filter(process__organization_id=organization_id, pk=task_id)
        .order_by("pk")[:1]
    )


def same(mine: Task, theirs: Task) -> None:
    assert mine.pk == theirs.pk
    assert {f.attname: getattr(mine, f.attname) for f in Task._meta.concrete_fields} == {
        f.attname: getattr(theirs, f.attname) for f in Task._meta.concrete_fields
    }
    for name in RELATED:
        assert Task._meta.get_field(name).is_cached(mine) == Task._meta.get_field(name).is_cached(
            theirs
        )


def test_it_gives_the_orms_rows_for_every_value_compiling_once(process, django_assert_num_queries):
    shape = Shape(of_organization)
    tasks = list(Task.objects.filter(process=process).order_by("pk"))
    organization_id = process.organization_id

    for task in tasks[:3]:
        with django_assert_num_queries(1):
            mine = shape.rows(organization_id, task.pk)
            # The relations came with the row: no query for them.
            assert mine[0].step_run.step.actor.name
            assert mine[0].process.sop_version.judul
        same(mine[0], of_organization(organization_id, task.pk).get())

    assert len(shape._compiled) == 1
    assert shape.rows(organization_id + 1000, tasks[0].pk) == []


def test_a_value_that_reaches_the_sql_twice_is_put_in_both_places(process):
    tasks = list(Task.objects.filter(process=process).order_by("pk"))
    shape = Shape(lambda pk: Task.objects.filter(pk=pk, step_run__process__tasks__pk=pk))

    for task in tasks[:2]:
        assert [t.pk for t in shape.rows(task.pk)] == [task.pk]
    assert list(shape._compiled.values()) != [None]


def test_a_day_is_swapped_in_as_the_database_takes_it(process):
    import datetime

    task = Task.objects.filter(process=process).order_by("pk").first()
    shape = Shape(
        lambda pk, day: Task.objects.filter(pk=pk, opened_on__lte=day, opened_on__gte=day)
    )

    assert [t.pk for t in shape.rows(task.pk, task.opened_on)] == [task.pk]
    day_after = task.opened_on + datetime.timedelta(days=1)
    assert shape.rows(task.pk, day_after) == []
    assert list(shape._compiled.values()) != [None]


def test_a_value_the_field_turns_into_another_type_is_left_to_the_orm(process):
    task = Task.objects.filter(process=process).order_by("pk").first()
    shape = Shape(lambda pk: Task.objects.filter(pk=pk))
    shape.rows(task.pk)

    assert [t.pk for t in shape.rows(str(task.pk))] == [task.pk]
    assert shape._compiled[("default", connection.vendor, None, (str,))] is None


def test_a_list_of_ids_is_kept_per_length_and_an_empty_one_reads_nothing(
    process, django_assert_num_queries
):
    shape = Shape(lambda *pks: Task.objects.filter(pk__in=pks).order_by("pk").values_list("pk"))
    pks = list(Task.objects.filter(process=process).order_by("pk").values_list("pk", flat=True))

    assert shape.rows(*pks[:2]) == [(pk,) for pk in pks[:2]]
    assert shape.rows(*pks[1:3]) == [(pk,) for pk in pks[1:3]]
    assert shape.rows(*pks[:3]) == [(pk,) for pk in pks[:3]]
    assert len(shape._compiled) == 2
    with django_assert_num_queries(0):
        assert shape.rows() == []


def test_a_number_beyond_its_column_reads_nothing_as_the_orm_answers(process):
    shape = Shape(lambda pk: Task.objects.filter(pk=pk))
    task = Task.objects.filter(process=process).order_by("pk").first()
    shape.rows(task.pk)
    assert shape.rows(2**80) == [] == list(Task.objects.filter(pk=2**80))
    years = Shape(lambda year: Process.objects.filter(year=year))
    assert years.rows(process.year) == [process]
    assert years.rows(2**40) == []


def _process_with_version(pk: int):
    return Process.objects.filter(pk=pk).select_related("sop_version").order_by("pk")


def _converted(found: Process) -> tuple:
    """Columns a converter makes: aware datetimes, decoded JSON (also of a related row)."""
    return (
        found.started_at,
        found.step_working_days,
        found.sop_version.dasar_hukum,
        found.sop_version.approved_at,
    )


def test_converted_columns_come_out_as_the_orm_gives_them_on_every_call(process):
    """The columns' converters are worked out once per shape, then kept."""
    shape = Shape(_process_with_version)
    expected = _converted(_process_with_version(process.pk).get())
    assert expected[0].tzinfo is not None and expected[2] and isinstance(expected[2], list)

    assert _converted(shape.rows(process.pk)[0]) == expected
    assert _converted(shape.rows(process.pk)[0]) == expected


@pytest.mark.django_db(transaction=True)
def test_converted_columns_come_out_alike_on_another_threads_connection(process):
    import threading

    shape = Shape(_process_with_version)
    expected = _converted(shape.rows(process.pk)[0])
    from_thread = []

    def read() -> None:
        try:
            from_thread.append(_converted(shape.rows(process.pk)[0]))
        finally:
            connection.close()

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    assert from_thread == [expected]
    assert expected == _converted(_process_with_version(process.pk).get())
