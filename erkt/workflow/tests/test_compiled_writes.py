"""erkt.compiled_writes: the INSERT and UPDATE written once per shape write what the ORM's
bulk_create and update write, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from erkt import compiled_writes
from erkt.audit.log import batch, record
from erkt.audit.models import AuditChain, AuditEntry
from erkt.audit.verify import verify_chain
from erkt.workflow.models import Task

pytestmark = pytest.mark.database

SKIPPED = {"id"}


def new_tasks(model_task: Task, count: int, reason: str) -> list[Task]:
    return [
        Task(
            process=model_task.process,
            step_run=model_task.step_run,
            unit=model_task.unit,
            position=model_task.position,
            pass_number=7,
            opened_on=datetime.date(2026, 12, 21),
            due_date=datetime.date(2026, 12, 22),
            return_reason=f"{reason} {n} <script>'%s'</script>",
            opened_by_task=model_task,
        )
        for n in range(count)
    ]


def stored(task: Task) -> dict:
    row = Task.objects.values().get(pk=task.pk)
    return {k: v for k, v in row.items() if k not in SKIPPED}


def test_an_insert_writes_the_rows_bulk_create_writes_and_sets_their_keys(process):
    first = process.tasks.get()
    mine = compiled_writes.insert(new_tasks(first, 3, "alasan"))
    theirs = Task.objects.bulk_create(new_tasks(first, 3, "alasan"))
    assert all(task.pk is not None and not task._state.adding for task in mine)
    assert [task.return_reason for task in Task.objects.filter(pk__in=[t.pk for t in mine])] == [
        task.return_reason for task in mine
    ]
    assert [stored(task) for task in mine] == [stored(task) for task in theirs]


def test_an_insert_of_rows_with_a_key_goes_to_bulk_create(process):
    first = process.tasks.get()
    tasks = new_tasks(first, 2, "dengan kunci")
    tasks[0].pk = Task.objects.order_by("-pk").first().pk + 100
    compiled_writes.insert(tasks)
    assert Task.objects.filter(pk__in=[t.pk for t in tasks]).count() == 2


def test_an_update_writes_the_named_fields_only(process, kepala):
    task = process.tasks.get()
    now = timezone.now()
    task.status, task.completed_by, task.completed_at = "done", kepala, now
    task.note = "tidak disimpan"
    compiled_writes.update(task, "status", "completed_by", "completed_at")
    task.refresh_from_db()
    assert (task.status, task.completed_by_id, task.completed_at) == ("done", kepala.pk, now)
    assert task.note == ""


def test_the_chain_appends_its_entries_and_moves_its_head_in_order(process, kepala, demo):
    head_before = AuditChain.objects.get(organization=demo)
    with batch():
        entries = [
            record(organization=demo, user=kepala, action="test.entry", after={"n": n})
            for n in range(4)
        ]
    head = AuditChain.objects.get(organization=demo)
    assert head.last_seq == head_before.last_seq + 4
    stored_entries = list(AuditEntry.objects.filter(pk__in=[e.pk for e in entries]))
    assert [(e.pk, e.seq, e.hash) for e in entries] == [
        (e.pk, e.seq, e.hash) for e in sorted(stored_entries, key=lambda e: e.seq)
    ]
    assert [e.after for e in entries] == [{"n": n} for n in range(4)]
    assert head.last_hash == entries[-1].hash
    assert verify_chain(demo).ok


def test_an_insert_prepared_before_its_late_fields_writes_their_values(demo, kepala):
    """The audit chain prepares its entries' INSERT before locking the head and sets the
    sequence numbers and hashes after: the parameters are those of the finished rows."""
    entries = [
        AuditEntry(
            organization=demo,
            created_at=timezone.now(),
            user=kepala,
            user_repr="<script>kepala</script>",
            action="test.entry",
            after={"n": n},
        )
        for n in range(3)
    ]
    prepared = compiled_writes.prepare_insert(entries, "seq", "prev_hash", "hash")
    for n, entry in enumerate(entries):
        entry.seq, entry.prev_hash, entry.hash = 2**40 + n, str(n) * 64, str(n + 1) * 64
    sql, params = compiled_writes._with_late_values(prepared, entries, connection)
    fresh_sql, fresh_params = compiled_writes._insert_params(entries, connection)
    assert (sql, comparable(params)) == (fresh_sql, comparable(fresh_params))
    assert comparable(prepared.params) != comparable(params)


def prepared_by_the_fields(objs: list, columns) -> list:
    """What Django's compilers pass for these rows: each field's pre_save, get_db_prep_save."""
    return [
        column.field.get_db_prep_save(column.field.pre_save(obj, True), connection)
        for obj in objs
        for column in columns
    ]


def comparable(params: list) -> list:
    """psycopg's JSON wrapper (PostgreSQL) has no equality of its own: its value, typed."""
    return [(type(p), getattr(p, "obj", p)) for p in params]


def test_values_written_as_they_are_are_the_values_the_fields_prepare(process, kepala, demo):
    first = process.tasks.get()
    tasks = new_tasks(first, 2, "alasan")
    tasks[1].unit, tasks[1].opened_by_task = None, None
    tasks[1].completed_by, tasks[1].status = kepala, Task.Status.DONE
    entries = [
        AuditEntry(
            organization=demo,
            seq=2**40 + n,
            created_at=timezone.now(),
            user=kepala if n else None,
            user_repr=f"kepala <script>{n}</script>",
            action="test.entry",
            object_id=str(n),
            object_repr=_("Tugas") if n else "",
            before=None,
            after={"n": n},
            prev_hash="0" * 64,
            hash="1" * 64,
        )
        for n in range(2)
    ]
    for objs in (tasks, entries):
        _insert, params = compiled_writes._insert_params(objs, connection)
        _sql, columns = compiled_writes._insert_statement(type(objs[0]), len(objs), connection)
        assert any(column.as_is for column in columns)
        assert comparable(params) == comparable(prepared_by_the_fields(objs, columns))


def test_an_update_prepares_its_values_as_the_fields_do(process, kepala):
    task = process.tasks.get()
    task.status, task.completed_by, task.completed_at, task.pass_number = "done", kepala, None, 3
    names = ("status", "completed_by", "completed_at", "pass_number", "unit")
    _sql, params = compiled_writes._update_params(task, names, connection)
    fields = [Task._meta.get_field(name) for name in names]
    expected = [f.get_db_prep_save(getattr(task, f.attname), connection) for f in fields]
    expected.append(Task._meta.pk.get_db_prep_value(task.pk, connection))
    assert comparable(params) == comparable(expected)


def test_dates_datetimes_and_json_are_prepared_as_the_fields_prepare_them(process, kepala):
    """A date, an aware datetime and a JSON object or array go by the backend's one step; a
    naive datetime (made aware by the field, with its warning), a datetime in a DateField and
    JSON text go through the field, as before."""
    task = process.tasks.get()
    run = task.step_run
    names = ("opened_on", "due_date", "completed_at")
    _sql, columns = compiled_writes._update_statement(type(task), names, connection)
    entry_columns = compiled_writes._insert_statement(AuditEntry, 1, connection)[1]
    json_column = next(c for c in entry_columns if c.field.name == "after")
    assert all(column.as_is for column in (*columns, json_column))
    aware = timezone.now()
    cases = [
        (columns[0], datetime.date(2026, 12, 21)),
        (columns[0], datetime.datetime(2026, 12, 21, 23, 30, tzinfo=datetime.UTC)),
        (columns[2], aware),
        (columns[2], aware.astimezone(timezone.get_default_timezone())),
        (json_column, {"n": 1, "catatan": "<script>'%s'</script>", "list": [1, None]}),
        (json_column, ["a", {"b": 2}]),
        (json_column, "teks"),
        (json_column, 3),
    ]
    for column, value in cases:
        expected = column.field.get_db_prep_save(value, connection)
        assert comparable([compiled_writes._prepared(column, value, connection)]) == comparable(
            [expected]
        ), (column.field.name, value)
    naive = datetime.datetime(2026, 12, 21, 8, 0)
    assert not columns[2].written_as_is(naive)
    with pytest.warns(RuntimeWarning, match="naive datetime"):
        prepared = compiled_writes._prepared(columns[2], naive, connection)
    with pytest.warns(RuntimeWarning):
        assert prepared == columns[2].field.get_db_prep_save(naive, connection)
    run.completed_at = aware
    compiled_writes.update(run, "completed_at")
    run.refresh_from_db()
    assert run.completed_at == aware
