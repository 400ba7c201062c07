"""erkt.compiled_sql: a queryset compiled once per shape gives what the ORM gives, for
every value, with its select_related relations, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from erkt.compiled_sql import Shape
from erkt.workflow.models import Process, Task
from erkt.workflow.pages import tasks_with_relations
from erkt.workflow.tests.same_results import assert_same

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


def _read_both_ways(build, *values):
    """shape.rows(*values), checked against the ORM's list(build(*values)) value by value."""
    shape = Shape(build)
    mine = shape.rows(*values)
    assert_same(mine, list(build(*values)))
    return shape, mine


def _read_fast(shape: Shape) -> bool:
    return all(kept is not None and kept.read is not None for kept in shape._compiled.values())


def _tasks(process_id: int):
    return Task.objects.filter(process_id=process_id)


@pytest.mark.parametrize(
    "build",
    [
        lambda pk: _tasks(pk).order_by("pk").values_list("pk", "opened_on"),
        lambda pk: _tasks(pk).order_by("-pk").values_list("due_date", flat=True),
        lambda pk: _tasks(pk).order_by("pk").values("pk", "status", "due_date"),
        lambda pk: Process.objects.filter(pk=pk).values("started_at", "step_working_days"),
        lambda pk: Process.objects.filter(pk=pk).annotate(open_tasks=Count("tasks")).order_by("pk"),
        lambda pk: _tasks(pk).only("pk", "status").order_by("pk"),
        lambda pk: _tasks(pk).defer("due_date").order_by("pk"),
        # A relation without a row (nobody claimed the task): cached as None.
        lambda pk: _tasks(pk).select_related("claimed_by").order_by("pk"),
        lambda pk: (
            _tasks(pk)
            .select_related("process__sop_version", "step_run")
            .only("pk", "process__year", "process__sop_version__judul", "step_run__number")
            .order_by("pk")
        ),
    ],
    ids=[
        "tuples",
        "flat",
        "dicts",
        "converted-dicts",
        "annotation",
        "only",
        "defer",
        "null-relation",
        "deferred-relations",
    ],
)
def test_every_kind_of_read_comes_out_as_the_orms(process, build):
    shape, _rows = _read_both_ways(build, process.pk)
    assert _read_fast(shape)


def test_the_query_runs_on_the_connections_cursor_as_djangos_would(process):
    """The debug cursor, CaptureQueriesContext and execute_wrapper() see the query that
    Django would have run, with its parameters."""
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    shape = Shape(lambda pk: tasks_with_relations().filter(process_id=pk).order_by("pk"))
    shape.rows(process.pk)
    with CaptureQueriesContext(connection) as mine, connection.execute_wrapper(wrapper):
        shape.rows(process.pk)
    with CaptureQueriesContext(connection) as theirs, connection.execute_wrapper(wrapper):
        list(tasks_with_relations().filter(process_id=process.pk).order_by("pk"))
    assert [query["sql"] for query in mine] == [query["sql"] for query in theirs]
    assert len(seen) == 2 and seen[0] == seen[1]
    assert _read_fast(shape)


@pytest.mark.parametrize(
    "build",
    [
        lambda pk: Process.objects.filter(pk=pk).prefetch_related("tasks").order_by("pk"),
        lambda pk: _tasks(pk).extra(select={"twice": "1 + 1"}).order_by("pk"),
        lambda pk: _tasks(pk).order_by("pk").values_list("pk", named=True),
        lambda pk: (
            _tasks(pk)
            .order_by()
            .values_list("pk")
            .union(Task.objects.filter(pk=pk).order_by().values_list("pk"))
            .order_by("pk")
        ),
    ],
    ids=["prefetch_related", "extra", "named-tuples", "union"],
)
def test_a_queryset_out_of_the_ordinary_is_read_by_djangos_own_iterable(process, build):
    shape, mine = _read_both_ways(build, process.pk)
    assert mine
    assert not _read_fast(shape)


def test_the_prefetched_relations_come_with_the_rows_left_to_django(
    process, django_assert_num_queries
):
    shape = Shape(lambda pk: Process.objects.filter(pk=pk).prefetch_related("tasks"))
    shape.rows(process.pk)
    with django_assert_num_queries(2):
        found = shape.rows(process.pk)
    count = Task.objects.filter(process=process).count()
    with django_assert_num_queries(0):
        assert len(found[0].tasks.all()) == count


class AskedRouter:
    """Reads from the default database, counting how often it is asked."""

    asked = 0

    def db_for_read(self, model, **hints):
        AskedRouter.asked += 1
        return "default"


def test_a_router_is_asked_on_every_read_as_django_asks_it(process, settings):
    """A router chooses the database of each read (the instances' _state.db): with one,
    the read is left to Django's own path."""
    shape = Shape(lambda pk: Process.objects.filter(pk=pk))
    assert shape.rows(process.pk) == [process]
    settings.DATABASE_ROUTERS = [f"{__name__}.AskedRouter"]
    asked = AskedRouter.asked

    found = shape.rows(process.pk)

    assert found == [process] and found[0]._state.db == "default"
    assert AskedRouter.asked > asked
