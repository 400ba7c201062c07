"""Offices loaded once per test process and restored for each test that asks for them.

`load_demo()` costs about 0.2 s (some 200 queries, the seed SOP parsed, the emblem
drawn); most of the suite's tests ask for the demo office. `restore_or_load(request,
"demo", load_demo)` runs the loader the first time, records the rows it wrote and
the files it stored, and from then on writes those rows back with one INSERT per
table inside the test's own transaction: the test sees the same office, changes it
freely and its changes are rolled back with it, as before.

A restore gives what a fresh load would have given:
- datetimes (and dates) the load stamped are moved to the restoring test's clock
  (time-machine included): the recording load runs under a stopped clock, so they
  all become the restoring test's now, whichever test recorded;
- random UUIDs (`default=uuid.uuid4`, e.g. Organization.calendar_token, which keys
  a per-process cache) are drawn again;
- the files (the demo emblem) are saved again in the test's own storage;
- PostgreSQL's sequences are moved past the restored keys.

The loader runs instead of a restore whenever the database is not in the state the
recording started from (other rows in those tables, another snapshot restored
before in this test, other settings the load depends on).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone, translation

_restored_in_test = pytest.StashKey[list[str]]()


@dataclass
class _Table:
    model: type[models.Model]
    columns: list[str]
    rows: list[list[Any]]  # Python values, in `columns` order
    datetimes: list[int] = field(default_factory=list)
    dates: list[int] = field(default_factory=list)
    uuids: list[int] = field(default_factory=list)
    files: list[int] = field(default_factory=list)


@dataclass
class _Snapshot:
    tables: list[_Table]
    counts_before: dict[str, int]
    loaded_from: datetime.datetime
    loaded_until: datetime.datetime
    files: dict[str, bytes]  # storage name -> content
    model: type[models.Model]
    pk: Any


# (name, what was restored before in the test, settings the load depends on) -> snapshot
_snapshots: dict[tuple, _Snapshot] = {}


def restore_or_load(request: pytest.FixtureRequest, name: str, load: Callable[[], models.Model]):
    """The object `load()` returns, restored from this process's recording of it if possible."""
    restored = request.node.stash.setdefault(_restored_in_test, [])
    key = (name, tuple(restored), connection.vendor, _settings_key())
    snapshot = _snapshots.get(key)
    if snapshot is not None and _counts(snapshot.counts_before) == snapshot.counts_before:
        result = _restore(snapshot)
    else:
        before = _counts(_all_tables())
        loaded_from = timezone.now()
        if snapshot is None:
            # Recorded under a stopped clock: every stamp of the load is `loaded_from`,
            # so a restore stamps them all with the restoring test's now, as a fresh load
            # would under that test's stopped clock (time_machine tick=False). Recorded
            # under a running clock, they would carry the milliseconds the recording
            # load took, a spacing that depends on which test happened to record.
            with time_machine.travel(loaded_from, tick=False):
                result = load()
        else:
            result = load()
        loaded_until = timezone.now()
        if snapshot is None:
            recorded = _record(before, loaded_from, loaded_until, result)
            if recorded is not None:
                _snapshots[key] = recorded
    restored.append(name)
    return result


def _settings_key() -> tuple:
    storage = settings.STORAGES["default"]
    return (
        tuple(settings.PASSWORD_HASHERS),
        repr(sorted(storage.items())),
        settings.TIME_ZONE,
        settings.USE_TZ,
        translation.get_language(),
    )


def _all_tables() -> dict[str, int]:
    return {m._meta.db_table: 0 for m in _models()}


def _models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def _counts(tables: dict[str, int]) -> dict[str, int]:
    """The row count of each table, in one query."""
    quote = connection.ops.quote_name
    names = list(tables)
    selects = ", ".join(f"(SELECT COUNT(*) FROM {quote(name)})" for name in names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        return dict(zip(names, cursor.fetchone(), strict=True))


def _record(before, loaded_from, loaded_until, result) -> _Snapshot | None:
    after = _counts(before)
    changed = [name for name in before if after[name] != before[name]]
    # Only a load into empty tables is replayed: rows of the test's own in those
    # tables could have been updated in place by the loader.
    if any(before[name] for name in changed) or not isinstance(result, models.Model):
        return None
    by_table = {m._meta.db_table: m for m in _models()}
    tables = [_read(by_table[name]) for name in changed]
    files = {}
    for table in tables:
        for row in table.rows:
            for index in table.files:
                if row[index]:
                    storage = table.model._meta.concrete_fields[index].storage
                    with storage.open(row[index]) as handle:
                        files[row[index]] = handle.read()
    return _Snapshot(
        tables=tables,
        counts_before={name: before[name] for name in changed},
        loaded_from=loaded_from,
        loaded_until=loaded_until,
        files=files,
        model=type(result),
        pk=result.pk,
    )


def _read(model: type[models.Model]) -> _Table:
    fields = model._meta.concrete_fields
    table = _Table(
        model=model,
        columns=[f.attname for f in fields],
        rows=[list(row) for row in model._base_manager.values_list(*(f.attname for f in fields))],
    )
    for index, f in enumerate(fields):
        if isinstance(f, models.DateTimeField):
            table.datetimes.append(index)
        elif isinstance(f, models.DateField):
            table.dates.append(index)
        elif isinstance(f, models.UUIDField) and f.default is uuid.uuid4:
            table.uuids.append(index)
        elif isinstance(f, models.FileField):
            table.files.append(index)
    return table


def _restore(snapshot: _Snapshot):
    now = timezone.now()
    shift = now - snapshot.loaded_from
    first_day, last_day = (
        timezone.localdate(snapshot.loaded_from),
        timezone.localdate(snapshot.loaded_until),
    )
    day_shift = timezone.localdate(now) - first_day
    saved_as = _save_files(snapshot)
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table in snapshot.tables:
            by_attname = {f.attname: f for f in table.model._meta.concrete_fields}
            model_fields = [by_attname[column] for column in table.columns]
            rows = []
            for row in table.rows:
                values = list(row)
                for index in table.datetimes:
                    value = values[index]
                    if value is not None and snapshot.loaded_from <= value <= snapshot.loaded_until:
                        values[index] = value + shift
                for index in table.dates:
                    value = values[index]
                    if value is not None and first_day <= value <= last_day:
                        values[index] = value + day_shift
                for index in table.uuids:
                    values[index] = uuid.uuid4()
                for index in table.files:
                    values[index] = saved_as.get(values[index], values[index])
                rows.append(
                    [
                        f.get_db_prep_save(v, connection)
                        for f, v in zip(model_fields, values, strict=True)
                    ]
                )
            columns = ", ".join(quote(f.column) for f in model_fields)
            marks = ", ".join(["%s"] * len(model_fields))
            cursor.executemany(
                f"INSERT INTO {quote(table.model._meta.db_table)} ({columns}) VALUES ({marks})",
                rows,
            )
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [table.model for table in snapshot.tables]
        ):
            cursor.execute(sql)
    return snapshot.model._default_manager.get(pk=snapshot.pk)


def _save_files(snapshot: _Snapshot) -> dict[str, str]:
    """Store the recorded files again; the names the storage gave them, by recorded name."""
    saved_as = {}
    for table in snapshot.tables:
        for index in table.files:
            storage = table.model._meta.concrete_fields[index].storage
            for row in table.rows:
                name = row[index]
                if name and name not in saved_as:
                    saved_as[name] = storage.save(name, ContentFile(snapshot.files[name]))
    return saved_as
