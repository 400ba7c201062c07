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

`restore_or_apply` (below) does the same for fixtures that move an office already
there along (the RKT step fixtures): inserted, updated and deleted rows, replayed
exactly under the same stopped clock.
"""

from __future__ import annotations

import datetime
import hashlib
import os
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
from django.utils.functional import LazyObject, empty

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


# --- Steps applied to a restored office -------------------------------------------------
#
# `restore_or_apply(request, name, apply)` does for a fixture that changes an office
# already there (an RKT process moved to a step) what `restore_or_load` does for one
# loaded into empty tables: the first run records every row it inserted, updated or
# deleted and the files it stored; later uses write the same changes back.
#
# A restore is exact, not shifted: it is used only under the same stopped clock
# (the clock is part of the key, and a run whose clock moved is not recorded), so the
# audit chain's hashes, which cover the entries' timestamps, hold as written. It is
# used only when the database holds what the recording run started from (every row
# of every table, datetimes and random UUIDs aside: those of the office below follow
# its own restoring clock) and when the settings and what the caller names in `key`
# (e.g. the step-action registry a test changed) are the same.


@dataclass
class _Change:
    model: type[models.Model]
    columns: list[str]
    inserted: list[list[Any]]
    updated: list[tuple[Any, dict[str, Any]]]  # pk, changed column -> new value
    deleted: list[Any]


@dataclass
class _Applied:
    changes: list[_Change]
    files: dict[str, bytes]
    model: type[models.Model]
    pk: Any
    after_key: str = ""  # the digest of the database it leaves


_last_step = pytest.StashKey[tuple[tuple, str] | None]()


def _signature() -> tuple:
    """Each table's row count and largest (integer) key, in one query."""
    quote = connection.ops.quote_name
    tables = [m for m in _models()]
    selects = ", ".join(
        f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)}), "
        + (
            f"(SELECT MAX({quote(m._meta.pk.column)}) FROM {quote(m._meta.db_table)})"
            if isinstance(m._meta.pk, models.AutoField | models.IntegerField)
            else "NULL"  # MAX of a UUID key: not on PostgreSQL
        )
        for m in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        return tuple(cursor.fetchone())


def _digest(state) -> str:
    return hashlib.sha256(repr(_fingerprint(state)).encode()).hexdigest()


# key -> the recordings by the state they start from (a digest of it)
_applied: dict[tuple, dict[str, _Applied]] = {}
stats = {"restored": 0, "applied": 0}  # uses of restore_or_apply in this process


def restore_or_apply(
    request: pytest.FixtureRequest, name: str, apply: Callable[[], models.Model], key: tuple = ()
):
    """The object `apply()` returns, its changes restored from this process's recording
    of them when the database and the clock are where the recording started."""
    restored = request.node.stash.setdefault(_restored_in_test, [])
    now = timezone.now()
    full_key = (name, tuple(restored), connection.vendor, now, all_settings_key(), key)
    # A running clock never gives a recording (nor a restore): the steps just run.
    if os.environ.get("ERKT_TEST_STEP_SNAPSHOTS") == "0" or timezone.now() != now:
        restored.append(name)
        return apply()
    # Right after another step of this test, with no row added or removed since, the
    # database is what that step left: its digest, without reading every row again.
    last = request.node.stash.get(_last_step, None)
    signature = _signature()
    if last is not None and last[0] == signature:
        before, state_key = None, last[1]
    else:
        before = _state()
        state_key = _digest(before)
    recorded = _applied.get(full_key, {}).get(state_key)
    result, after_key = None, None
    if recorded is not None:
        try:
            result = _reapply(recorded)
            after_key = recorded.after_key
            stats["restored"] += 1
        except _NotExact:
            pass
    if result is None:
        stats["applied"] += 1
        if before is None:
            before = _state()
        result = apply()
        recordings = _applied.setdefault(full_key, {})
        # A few starting states per key: one that differs every time (a fixture before it
        # draws random keys) would only fill the memory.
        if (
            recorded is None
            and len(recordings) < 3
            and timezone.now() == now
            and isinstance(result, models.Model)
        ):
            after = _state()
            recordings[state_key] = _diff(before, after, result)
            after_key = recordings[state_key].after_key = _digest(after)
    if after_key is not None:
        request.node.stash[_last_step] = (_signature(), after_key)
    else:
        request.node.stash[_last_step] = None
    restored.append(name)
    return result


def all_settings_key() -> tuple:
    """Every setting (by its repr; MEDIA_ROOT aside: each test has its own) and the
    active language."""
    names = sorted(n for n in dir(settings) if n.isupper() and n != "MEDIA_ROOT")
    return (*_settings_key(), tuple((n, _setting_repr(getattr(settings, n))) for n in names))


def _setting_repr(value: Any) -> str:
    if isinstance(value, LazyObject) and value._wrapped is empty:
        value._setup()  # its repr changes once evaluated
    return repr(value)


def _state() -> dict[type[models.Model], dict[Any, tuple]]:
    """Every row of every table that has any, by primary key."""
    counts = _counts(_all_tables())
    state = {}
    for model in _models():
        if counts[model._meta.db_table]:
            names = [f.attname for f in model._meta.concrete_fields]
            pk_index = names.index(model._meta.pk.attname)
            state[model] = {
                row[pk_index]: row for row in model._base_manager.values_list(*names).order_by()
            }
    return state


def _volatile(model: type[models.Model]) -> set[int]:
    """Columns a restore of the office below makes differ between tests."""
    return {
        i
        for i, f in enumerate(model._meta.concrete_fields)
        if isinstance(f, models.DateField | models.DateTimeField)
        or (isinstance(f, models.UUIDField) and f.default is uuid.uuid4)
    }


def _fingerprint(state) -> tuple:
    found = []
    for model, rows in state.items():
        volatile = _volatile(model)
        found.append(
            (
                model._meta.db_table,
                tuple(
                    tuple(v for i, v in enumerate(rows[pk]) if i not in volatile)
                    for pk in sorted(rows)
                ),
            )
        )
    return tuple(found)


def _diff(before, after, result: models.Model) -> _Applied:
    changes, files = [], {}
    for model, rows in after.items():
        fields = model._meta.concrete_fields
        old = before.get(model, {})
        inserted = [list(row) for pk, row in rows.items() if pk not in old]
        updated = []
        for pk, row in rows.items():
            if pk in old and old[pk] != row:
                updated.append(
                    (
                        pk,
                        {
                            f.attname: v
                            for f, v, o in zip(fields, row, old[pk], strict=True)
                            if v != o
                        },
                    )
                )
        deleted = [pk for pk in old if pk not in rows]
        if inserted or updated or deleted:
            changes.append(_Change(model, [f.attname for f in fields], inserted, updated, deleted))
        for index, f in enumerate(fields):
            if isinstance(f, models.FileField):
                names = [row[index] for row in inserted]
                names += [values[f.attname] for _, values in updated if f.attname in values]
                for stored in filter(None, names):
                    with f.storage.open(stored) as handle:
                        files[stored] = handle.read()
    for model, rows in before.items():
        if model not in after:
            fields = model._meta.concrete_fields
            changes.append(_Change(model, [f.attname for f in fields], [], [], list(rows)))
    return _Applied(changes, files, type(result), result.pk)


class _NotExact(Exception):
    """A recorded file could not be stored again under its recorded name."""


def _store_files(recorded: _Applied) -> bool:
    """Store the recorded files again under their names; False (none kept) if one is taken."""
    saved = []
    for change in recorded.changes:
        for f in change.model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names = {row[change.columns.index(f.attname)] for row in change.inserted}
                names |= {values[f.attname] for _, values in change.updated if f.attname in values}
                for name in sorted(filter(None, names)):
                    saved.append(
                        (f.storage, f.storage.save(name, ContentFile(recorded.files[name])))
                    )
                    if saved[-1][1] != name:
                        for storage, stored in saved:
                            storage.delete(stored)
                        return False
    return True


def _reapply(recorded: _Applied):
    """Write the recorded changes; _NotExact (nothing written) if they cannot be exact."""
    if not _store_files(recorded):
        raise _NotExact
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for change in recorded.changes:
            table = quote(change.model._meta.db_table)
            by_attname = {f.attname: f for f in change.model._meta.concrete_fields}
            pk = change.model._meta.pk

            def prep(attname: str, value: Any, by_attname=by_attname) -> Any:
                f = by_attname[attname]
                if isinstance(f, models.UUIDField) and f.default is uuid.uuid4:
                    value = uuid.uuid4()  # keys per-process caches: drawn again
                return f.get_db_prep_save(value, connection)

            for deleted in change.deleted:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {quote(pk.column)} = %s",
                    [pk.get_db_prep_save(deleted, connection)],
                )
            for key, values in change.updated:
                sets = ", ".join(f"{quote(by_attname[a].column)} = %s" for a in values)
                cursor.execute(
                    f"UPDATE {table} SET {sets} WHERE {quote(pk.column)} = %s",
                    [
                        *(prep(a, v) for a, v in values.items()),
                        pk.get_db_prep_save(key, connection),
                    ],
                )
            if change.inserted:
                columns = ", ".join(quote(by_attname[a].column) for a in change.columns)
                marks = ", ".join(["%s"] * len(change.columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                    [
                        [prep(a, v) for a, v in zip(change.columns, row, strict=True)]
                        for row in change.inserted
                    ],
                )
        for sql in connection.ops.sequence_reset_sql(
            no_style(), [c.model for c in recorded.changes if c.inserted]
        ):
            cursor.execute(sql)
    return recorded.model._default_manager.get(pk=recorded.pk)
