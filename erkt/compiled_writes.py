"""INSERT and UPDATE statements written once per shape, for the writes of a transition.

A completion writes, under SQLite's write lock (or the audit chain head's row lock on
PostgreSQL), the task, two step runs, the next step's tasks, the audit entries and the
chain head. Django builds each of those statements afresh: an InsertQuery or UpdateQuery,
its compiler, a placeholder and a prepared value per field and row (some 1,500 Python calls
for the tasks and audit entries of a completion, 300-400 for each UPDATE). Here the SQL
text is kept per (model, columns, number of rows, database vendor); only the values are
prepared on each call, by the fields' own `pre_save` and `get_db_prep_save`, as Django's
compilers prepare them. What is kept is SQL text, never data. A plain str, int or bool (or
None) in a field of Django's own text, integer, boolean or foreign key classes is written as
it is, which is what those methods return for it (some 20 Python calls a value, 150 values a
completion, all under the write lock; `test_compiled_writes.py` compares both ways).

`insert(objs)` stands for `Model.objects.bulk_create(objs)` of new rows (no primary key
set, no expressions as values): one INSERT ... RETURNING the primary key, which is set on
each object with its `_state` (no signals, as bulk_create). `update(obj, *fields)` stands
for `Model._base_manager.filter(pk=obj.pk).update(field=obj.field, ...)`: one UPDATE of
those columns by primary key, no signals, no `Model.save()` checks.
"""

from __future__ import annotations

import datetime
import functools
import operator
import threading
from collections.abc import Callable
from itertools import zip_longest
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connections
from django.db.models import (
    AutoField,
    BigAutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Field,
    ForeignKey,
    IntegerField,
    JSONField,
    Model,
    OneToOneField,
    PositiveBigIntegerField,
    PositiveIntegerField,
    PositiveSmallIntegerField,
    SlugField,
    SmallIntegerField,
    TextField,
)

# SQLite's classic limit of variables in one statement: a larger insert goes to bulk_create,
# which splits it.
MAX_PARAMS = 999

# Per field class, the value types whose pre_save/get_db_prep_save return them unchanged on
# SQLite and PostgreSQL (None too: every one of these writes None as NULL), but for
# PostgreSQL's integer fields, which wrap an int in psycopg's type of the column
# (`adapt_integerfield_value`). A text field writes any str as it is (a TextChoices member
# too); the others only a plain int or bool (an IntegerChoices member becomes its int).
# Exact field classes only: a subclass may prepare its values in its own way.
# A date, an aware datetime and a JSON object or array are what their fields' chains turn into
# the backend's value by one step (`_adapter`): some 15-25 Python calls a value before,
# and a completion writes about twenty of them.
_TEXT = (str,)
_DATE = (datetime.date,)  # the type exactly: a datetime in a DateField becomes its date
_AWARE = (datetime.datetime,)  # aware only: Django makes a naive one aware, with a warning
_JSON = (dict, list)  # a str, a number or None in a JSONField is JSON text, or SQL NULL
_WRITTEN_AS_IS: dict[type[Field], tuple[type, ...]] = {
    CharField: _TEXT,
    SlugField: _TEXT,
    TextField: _TEXT,
    BooleanField: (bool,),
    IntegerField: (int,),
    SmallIntegerField: (int,),
    BigIntegerField: (int,),
    PositiveIntegerField: (int,),
    PositiveSmallIntegerField: (int,),
    PositiveBigIntegerField: (int,),
}
_VENDORS_AS_IS = frozenset({"sqlite", "postgresql"})


class Column(NamedTuple):
    """A statement's field; a value of one of `as_is` types (or None) is written as it is,
    through `convert` where the backend adapts it."""

    field: Field
    as_is: tuple[type, ...] = ()
    convert: Callable[[Any], Any] | None = None

    def written_as_is(self, value: Any) -> bool:
        if value is None:
            return True
        as_is = self.as_is
        if as_is is _TEXT:
            return isinstance(value, str)
        return type(value) in as_is and (as_is is not _AWARE or value.utcoffset() is not None)


_insert_sql: dict[tuple, tuple[str, tuple[Column, ...]]] = {}
_update_sql: dict[tuple, tuple[str, tuple[Column, ...]]] = {}
_lock = threading.Lock()


def insert(objs: list[Model], using: str = "default") -> list[Model]:
    """bulk_create(objs) of new rows of one model, the SQL written once per row count."""
    if not objs:
        return objs
    connection = connections[using]
    return _insert_prepared(objs, _insert_params(objs, connection), connection, using)


def _insert_prepared(
    objs: list[Model], prepared: tuple[str, list] | None, connection, using: str
) -> list[Model]:
    if prepared is None:
        return type(objs[0])._base_manager.using(using).bulk_create(objs)
    sql, params = prepared
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = connection.ops.fetch_returned_insert_rows(cursor)
    _set_keys(objs, [row[0] for row in rows], using)
    return objs


def insert_keyed(objs: list[Model], using: str = "default") -> list[Model]:
    """bulk_create(objs) of new rows whose primary key is given (not an AutoField: a UUID
    its field's default made, say) and that return nothing from the INSERT."""
    if not objs:
        return objs
    connection = connections[using]
    prepared = None
    if _keyed_insertable(type(objs[0])):
        prepared = _insert_params(objs, connection, keyed=True)
    if prepared is None:
        return type(objs[0])._base_manager.using(using).bulk_create(objs)
    return _insert_keyed_rows(objs, *prepared, connection, using)


def _insert_keyed_rows(objs: list[Model], sql: str, params: list, connection, using: str):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    return objs


def _keyed_insertable(model: type[Model]) -> bool:
    opts = model._meta
    return not isinstance(opts.pk, AutoField) and not opts.db_returning_fields


def insert_keyed_prepared(
    objs: list[Model], prepared: Prepared | None, using: str = "default"
) -> list[Model]:
    """insert_keyed(objs) with the parameters prepare_insert(objs, ..., keyed=True) made
    before, but for its late fields, read now."""
    if prepared is None:
        return insert_keyed(objs, using)
    connection = connections[using]
    sql, params = _with_late_values(prepared, objs, connection)
    return _insert_keyed_rows(objs, sql, params, connection, using)


def update(obj: Model, *names: str, using: str = "default") -> None:
    """UPDATE of `names` (field names) of obj's row by its primary key, from obj's values."""
    connection = connections[using]
    sql, params = _update_params(obj, names, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


class Prepared(NamedTuple):
    """An INSERT of rows with its parameters, but for `late` columns (their index in a row)
    read when it runs; `quoted`: each parameter as an SQL literal (None for the late ones)."""

    sql: str
    params: list
    late: tuple[tuple[int, Column], ...]
    width: int
    quoted: list[str | None] | None = None


def prepare_insert(
    objs: list[Model],
    *late: str,
    keyed: bool = False,
    using: str = "default",
    quoted: bool = False,
) -> Prepared | None:
    """insert(objs)'s statement and parameters now (insert_keyed(objs)'s when `keyed`), the
    fields named `late` (attnames) read again by insert_then_update(..., prepared=) or
    insert_keyed_prepared(); None where bulk_create must write them. `quoted`
    (PostgreSQL): the parameters also quoted now, for insert_then_update(...,
    with_commit=True), which then only quotes the late ones."""
    connection = connections[using]
    if not objs or (keyed and not _keyed_insertable(type(objs[0]))):
        return None
    found = _insert_params(objs, connection, keyed=keyed)
    if found is None:
        return None
    sql, params = found
    _sql, columns = _insert_statement(type(objs[0]), len(objs), connection)
    positions = tuple((i, c) for i, c in enumerate(columns) if c.field.attname in late)
    literals = None
    if quoted and connection.vendor == "postgresql":
        literals = _literals(params, connection)
        for row in range(len(objs)):
            for index, _column in positions:
                literals[row * len(columns) + index] = None
    return Prepared(sql, params, positions, len(columns), literals)


def _literals(values: list, connection) -> list[str]:
    """Each value as psycopg writes it as an SQL literal on this connection.

    Decoded and split at once: a call per value here (a lambda and a decode each) was some
    180 Python calls for a completion's three audit entries. A literal never holds a NUL
    byte (psycopg refuses one in a text, PostgreSQL's text cannot hold it, and bytes and
    JSON are written escaped), so it parts them safely."""
    from psycopg.adapt import Transformer  # PostgreSQL only: psycopg may be absent elsewhere

    connection.ensure_connection()
    as_literal = Transformer(connection.connection).as_literal
    joined = b"\0".join(map(as_literal, values)).decode(connection.connection.info.encoding)
    return joined.split("\0") if values else []


def _with_late_values(prepared: Prepared, objs: list[Model], connection) -> tuple[str, list]:
    params = list(prepared.params)
    for row, obj in enumerate(objs):
        for index, column in prepared.late:
            value = getattr(obj, column.field.attname)
            params[row * prepared.width + index] = _prepared(column, value, connection)
    return prepared.sql, params


def insert_then_update(
    objs: list[Model],
    obj: Model,
    *names: str,
    using: str = "default",
    prepared: Prepared | None = None,
    with_commit: bool = False,
) -> None:
    """insert(objs), then update(obj, *names): on PostgreSQL in one statement (a
    data-modifying WITH), one round trip fewer; the audit chain appends its entries and
    moves its head so, while it holds the head's row lock, which every transition of the
    organisation waits for. Elsewhere (SQLite: no INSERT inside WITH) the two statements.
    The new primary keys come back in key order: a sequence numbers one INSERT's rows in
    their order, as bulk_create relies on for its RETURNING rows. `prepared`: objs'
    prepare_insert(), made before their late fields were set. `with_commit`: on
    PostgreSQL the statement may wait for the transaction's next statement or its COMMIT
    and go in one message with it (erkt.postgresql); the keys are set when it has run."""
    connection = connections[using]
    if prepared is not None:
        found = _with_late_values(prepared, objs, connection)
    else:
        found = _insert_params(objs, connection) if objs else None
    if found is None or connection.vendor != "postgresql":
        if objs:  # the parameters prepared once (they were twice, under the write lock)
            _insert_prepared(objs, found, connection, using)
        update(obj, *names, using=using)
        return
    insert_sql, insert_params = found
    update_sql, update_params = _update_params(obj, names, connection)
    opts = type(objs[0])._meta
    key = connection.ops.quote_name(opts.pk.column)
    # The UPDATE finding no row fails the statement (a division by zero), so that a COMMIT
    # sent in the same message with it does not run.
    sql = (
        f"WITH inserted AS ({insert_sql}), moved AS ({update_sql} RETURNING 1) "
        f"SELECT array_agg(inserted.{key} ORDER BY inserted.{key}), "
        f"1 / (SELECT count(*) FROM moved) FROM inserted"
    )
    params = [*insert_params, *update_params]

    def set_keys(row: tuple) -> None:
        _set_keys(objs, list(row[0] or ()), using)

    if with_commit and connection.can_run_with_commit():
        connection.run_with_commit(_as_text(sql, params, prepared, connection), set_keys)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        set_keys(cursor.fetchone())


def _as_text(sql: str, params: list, prepared: Prepared | None, connection) -> str:
    """sql with its parameters written in as literals: those `prepared` quoted already
    taken as they are (psycopg's conversion of a statement of more than 50 parameters,
    uncached, was some 700 Python calls, under the chain head's lock)."""
    pieces = _pieces.get(sql)
    if pieces is None:
        # The statements written here hold no literal "%" but their placeholders.
        pieces = _pieces[sql] = sql.split("%s")
    known = prepared.quoted if prepared is not None and prepared.quoted is not None else ()
    literals = [quoted for quoted, _value in zip_longest(known, params)]
    missing = [index for index, quoted in enumerate(literals) if quoted is None]
    fresh = _literals([params[i] for i in missing], connection)
    for index, literal in zip(missing, fresh, strict=True):
        literals[index] = literal
    return pieces[0] + "".join(map(operator.add, literals, pieces[1:]))


# Per statement, its text split at its placeholders.
_pieces: dict[str, list[str]] = {}


def _insert_params(objs: list[Model], connection, keyed: bool = False) -> tuple[str, list] | None:
    """The INSERT ... RETURNING of objs and its parameters; None where bulk_create must
    do it (rows of several models, a key already set, or not set when `keyed`, an
    expression as a value, more parameters than one statement takes)."""
    model = type(objs[0])
    sql, columns = _insert_statement(model, len(objs), connection)
    if (
        len(objs) * len(columns) > MAX_PARAMS
        or any(type(obj) is not model or (obj.pk is not None) != keyed for obj in objs)
        or not (keyed or connection.features.can_return_rows_from_bulk_insert)
    ):
        return None
    params = []
    values_of = _getter(columns)
    for obj in objs:
        # The as-is test of Column.written_as_is, inline: some 60 values a completion's
        # audit entries alone, under the write lock.
        for value, column in zip(values_of(obj), columns, strict=True):
            field, as_is, convert = column
            if as_is and (
                value is None
                or (
                    (isinstance(value, str) if as_is is _TEXT else type(value) in as_is)
                    and (as_is is not _AWARE or value.utcoffset() is not None)
                )
            ):
                params.append(value if convert is None or value is None else convert(value))
                continue
            value = field.pre_save(obj, True)
            if hasattr(value, "resolve_expression"):
                return None
            params.append(field.get_db_prep_save(value, connection))
    return sql, params


def _column(field: Field, connection) -> Column:
    """`field` with the value types it writes unchanged (see _WRITTEN_AS_IS)."""
    if connection.vendor not in _VENDORS_AS_IS or field.generated:
        return Column(field)
    if type(field) in (ForeignKey, OneToOneField):
        target = field.target_field
        if type(target) in (AutoField, BigAutoField):  # an AutoField's key is the int itself
            return Column(field, (int,))
        return Column(field, *_column(target, connection)[1:])
    adapted = _adapter(field, connection)
    if adapted is not None:
        return Column(field, *adapted)
    as_is = _WRITTEN_AS_IS.get(type(field), ())
    convert = None
    if as_is == (int,) and connection.vendor == "postgresql":
        convert = getattr(connection.ops, "integerfield_type_map", {}).get(
            field.get_internal_type()
        )
    return Column(field, as_is, convert)


def _adapter(field: Field, connection) -> tuple[tuple[type, ...], Callable | None] | None:
    """A date, datetime or JSON field's as-is types and the one step its get_db_prep_save
    takes for them (the backend's adapt_*_value); None for other fields and for a field whose
    pre_save sets the value (auto_now, auto_now_add)."""
    kind = type(field)
    if kind in (DateField, DateTimeField) and (field.auto_now or field.auto_now_add):
        return None
    sqlite = connection.vendor == "sqlite"
    if kind is DateField:
        return _DATE, str if sqlite else None  # SQLite's text, psycopg's date as it is
    if kind is DateTimeField:
        if not settings.USE_TZ:
            return None
        if sqlite:  # naive in the connection's zone, as text (adapt_datetimefield_value)
            return _AWARE, functools.partial(_sqlite_datetime, connection.timezone)
        return _AWARE, None
    if kind is JSONField:  # SQLite's JSON text, psycopg's Jsonb
        return _JSON, functools.partial(connection.ops.adapt_json_value, encoder=field.encoder)
    return None


def _sqlite_datetime(zone: datetime.tzinfo, value: datetime.datetime) -> str:
    return str(value.astimezone(zone).replace(tzinfo=None))


def _prepared(column: Column, value, connection):
    """column.field.get_db_prep_save(value), its result written out where it is known."""
    if column.written_as_is(value):
        return value if column.convert is None or value is None else column.convert(value)
    return column.field.get_db_prep_save(value, connection)


def _set_keys(objs: list[Model], keys: list, using: str) -> None:
    if len(keys) != len(objs):
        raise RuntimeError(f"INSERT of {len(objs)} rows returned {len(keys)} keys.")
    attname = type(objs[0])._meta.pk.attname
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, attname, key)
        obj._state.adding = False
        obj._state.db = using


def _update_params(obj: Model, names: tuple[str, ...], connection) -> tuple[str, list]:
    sql, columns = _update_statement(type(obj), names, connection)
    params = [
        _prepared(column, value, connection)
        for value, column in zip(_getter(columns)(obj), columns, strict=True)
    ]
    pk = type(obj)._meta.pk
    params.append(pk.get_db_prep_value(getattr(obj, pk.attname), connection))
    return sql, params


def _insert_statement(model: type[Model], rows: int, connection) -> tuple[str, tuple[Column, ...]]:
    key = (model, rows, connection.alias, connection.vendor)
    found = _insert_sql.get(key)
    if found is None:
        opts = model._meta
        fields = tuple(
            f for f in opts.concrete_fields if not f.generated and not isinstance(f, AutoField)
        )
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        row = "(" + ", ".join("%s" for _field in fields) + ")"
        returning, _params = connection.ops.return_insert_columns(opts.db_returning_fields)
        sql = (
            f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES "
            + ", ".join(row for _n in range(rows))
            + f" {returning}"
        )
        found = (sql, _columns(fields, connection))
        with _lock:
            _insert_sql.setdefault(key, found)
    return found


def _update_statement(
    model: type[Model], names: tuple[str, ...], connection
) -> tuple[str, tuple[Column, ...]]:
    key = (model, names, connection.alias, connection.vendor)
    found = _update_sql.get(key)
    if found is None:
        opts = model._meta
        fields = tuple(opts.get_field(name) for name in names)
        quote = connection.ops.quote_name
        table = quote(opts.db_table)
        assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        sql = f"UPDATE {table} SET {assignments} WHERE {table}.{quote(opts.pk.column)} = %s"
        found = (sql, _columns(fields, connection))
        with _lock:
            _update_sql.setdefault(key, found)
    return found


def _columns(fields: tuple[Field, ...], connection) -> tuple[Column, ...]:
    columns = tuple(_column(field, connection) for field in fields)
    # All of a row's values in one call (a getattr() each was a Python call per value).
    names = [column.field.attname for column in columns]
    getter = operator.attrgetter(*names)
    _getters[id(columns)] = getter if len(names) > 1 else lambda obj: (getter(obj),)
    _kept_columns.append(columns)  # their id stays theirs
    return columns


# Per statement's columns (by identity: each is kept with its statement), the getter of a
# row's values in the columns' order.
_getters: dict[int, Callable[[Model], tuple]] = {}
_kept_columns: list[tuple[Column, ...]] = []


def _getter(columns: tuple[Column, ...]) -> Callable[[Model], tuple]:
    return _getters[id(columns)]
