"""Querysets compiled to SQL once per shape, then run again with other values.

Django compiles a queryset on every evaluation: a task with its eight select_related
tables costs some 9,500 Python calls to compile and 2,500 to run and build. For a lookup
whose SQL is the same on every request but for a few values (a primary key, an
organisation, a day, a role), `Shape` compiles it once per database connection vendor and
alias, with sentinel values standing for those values, and afterwards only swaps the values
into the parameters. The SQL then runs on a cursor of the calling thread's connection and
the rows become what the queryset gives (model instances with their select_related
relations, tuples, values or dicts) as Django's iterables build them, from what those
work out per evaluation worked out once per shape (`_reader`). A queryset out of the
ordinary (prefetch_related, extra(), a composite key, a set operation, named tuples,
known related objects, a database router) is read by Django's own iterable instead, with
a copy of the compiler made for the call on the calling thread's connection.

What is kept is the SQL text of a query shape, never data: it cannot go stale.
"""

from __future__ import annotations

import datetime
import functools
import operator
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet, FullResultSet, ValidationError
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError

# Stand-ins for the values while compiling: distinct integers within every integer field's
# range (Django turns a lookup outside it into no SQL at all), distinct days far ahead,
# texts no user can type. Should a constant of the query happen to equal one, it would be
# taken for the value: no query of the application has such a constant.
SENTINELS = {
    int: tuple(range(32_001, 32_701)),
    datetime.date: tuple(datetime.date(2900, 1, 1) + datetime.timedelta(days=n) for n in range(64)),
    str: tuple(f"\x00erkt-shape-{n}\x00" for n in range(16)),
}


# The kind of a value of exactly these types, found without _kind()'s checks.
_EXACT_KINDS = {int: int, str: str, datetime.date: datetime.date}
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _kind(value: object) -> type | None:
    """int, date or str (an enum's member counts as its value): what a shape takes. A
    datetime is not a date here, nor a bool an int."""
    if isinstance(value, bool | datetime.datetime):
        return None
    return next((kind for kind in SENTINELS if isinstance(value, kind)), None)


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet  # the queryset built with the sentinels (never evaluated)
    compiler: SQLCompiler  # after as_sql(): select, klass_info, col_count filled in
    sql: str
    params: tuple
    # Per value: where it goes in params, and how (a day as text on SQLite; an integer
    # wrapped as Django wrapped it for its column, psycopg's Int2 for a small one).
    slots: tuple[tuple[tuple[int, Callable], ...], ...]
    # The columns' converters (a datetime made aware, a JSON text decoded), as
    # compiler.get_converters() gives them for the select: Django works them out again on
    # every evaluation, a few Python calls per column. They depend on the fields and the
    # alias's backend and settings only (the key), not on the thread's connection, which
    # apply_converters() passes to each converter itself.
    converters: dict
    # The select's expressions (what results_iter() passes to get_converters() and
    # has_composite_fields()) and whether any is a composite key's pair of columns.
    columns: tuple
    composite: bool
    # Whether the query locks its rows (checked on every call, as Django's compiler does).
    locking: bool
    # Turns the cursor's rows into the queryset's results, or None: Django's iterable reads.
    read: Callable[[list, object], list] | None


class Shape:
    """`build(*values)` (a queryset, sliced if wanted) run with its SQL compiled once.

    Every value must be an int, a date or a str that reaches the SQL as parameters of its own
    (once or more); a shape where that does not hold is simply compiled every time (the
    result is the same). A list of ids (`pk__in`) is as many values: the shape is kept
    per length. A shape that depends on more than its values (a Q built from the user's
    roles, say) must be given a `variant` per form in `rows()`, from a small set only."""

    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self.build = build
        self._compiled: dict[tuple, _Compiled | None] = {}
        self._lock = threading.Lock()

    def rows(self, *values, variant: object = None, using: str = "default") -> list:
        """The model instances of build(*values), as list(build(*values)) gives them."""
        # map() of builtins: no Python call per value where every value's type is exact.
        kinds = tuple(map(_EXACT_KINDS.get, map(type, values)))
        if None in kinds:
            kinds = tuple(map(_kind, values))  # an enum's member, say
            if None in kinds:
                return list(self.build(*values))
        connection = connections[using]
        key = (using, connection.vendor, variant, kinds)
        compiled = self._compiled.get(key, False)
        if compiled is False:
            compiled = self._compile(kinds, using)
            with self._lock:
                self._compiled.setdefault(key, compiled)
        if compiled is None:
            return list(self.build(*values))
        if compiled.locking and connection.get_autocommit():
            # What Django's own compiler would refuse (the SQL is not compiled again here).
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        params = list(compiled.params)
        for places, kind, value in zip(compiled.slots, kinds, values, strict=True):
            plain = value if type(value) is kind else kind(value)  # Role.KEPALA -> "kepala"
            for index, convert in places:
                if convert is _same:
                    if kind is int and not _INT64_MIN <= plain <= _INT64_MAX:
                        return list(self.build(*values))  # as below
                    params[index] = plain
                    continue
                if kind is int and not _fits(plain, convert):
                    # Django answers "no rows" for a number beyond its column; the driver
                    # would refuse it.
                    return list(self.build(*values))
                params[index] = convert(plain)
        if compiled.read is not None and not router.routers:
            return compiled.read(_fetch(connection, compiled.sql, tuple(params)), connection)
        compiler = _shallow_copy(compiled.compiler)
        compiler.connection = connection  # this thread's connection, not the compiling one's
        sql = compiled.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        compiler.get_converters = functools.partial(_kept_converters, compiled, compiler)
        compiler.has_composite_fields = functools.partial(_kept_composite, compiled, compiler)
        return list(_runnable(compiled.queryset, compiler))

    def _compile(self, kinds: tuple[type, ...], using: str) -> _Compiled | None:
        available = {kind: iter(values) for kind, values in SENTINELS.items()}
        try:
            sentinels = [next(available[kind]) for kind in kinds]
        except StopIteration:
            return None
        try:
            queryset = self.build(*sentinels)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
        except (EmptyResultSet, FullResultSet, ValueError, ValidationError):
            # No SQL, or a value the field turns into another type (a pk given as text).
            return None
        slots = []
        for sentinel in sentinels:
            places = tuple(
                (index, how)
                for index, param in enumerate(params)
                if (how := _placement(sentinel, param)) is not None
            )
            if not places:
                return None
            slots.append(places)
        select = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(select)
        composite = compiler.has_composite_fields(select)
        return _Compiled(
            queryset,
            compiler,
            sql,
            tuple(params),
            tuple(slots),
            converters,
            tuple(select),
            composite,
            bool(queryset.query.select_for_update),
            None if composite else _reader(queryset, compiler, converters),
        )


def _fetch(connection, sql: str, params: tuple) -> list:
    """The rows of `sql`, as compiler.execute_sql() reads them: on a cursor of the
    connection (so the debug cursor, CaptureQueriesContext and execute_wrapper() see the
    query), the fetch's errors turned into Django's, the cursor closed in any case."""
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params)
        # What CursorWrapper.fetchall() does, without building its wrapper on each access.
        with connection.wrap_database_errors:
            return cursor.cursor.fetchall()
    finally:
        cursor.cursor.close()


def _reader(queryset: QuerySet, compiler: SQLCompiler, converters: dict) -> Callable | None:
    """What turns the rows of the shape's SQL into list(queryset), built once, or None
    where the queryset reads its rows in a way only Django's own iterable knows."""
    query = queryset.query
    if (
        queryset._prefetch_related_lookups
        or queryset._known_related_objects
        or query.extra
        or compiler.has_extra_select
        or query.combinator
        or router.routers
    ):
        return None
    # What the instances' _state.db says, as in ModelIterable: without a router, the
    # queryset's own alias or its hints' instance's, the same on every call.
    db = queryset.db
    # (position, converters, expression), as apply_converters() lists them.
    steps = tuple((position, *pair) for position, pair in converters.items())
    iterable = queryset._iterable_class
    if iterable is ModelIterable:
        return functools.partial(_instances, _InstanceBuilder.of(compiler, db), steps)
    if iterable is ValuesListIterable:
        return functools.partial(_tuples, steps)
    if iterable is FlatValuesListIterable:
        return functools.partial(_firsts, steps)
    if iterable is ValuesIterable:
        names = list(query.selected) if query.selected else _value_names(query)
        return functools.partial(_dicts, tuple(names), steps)
    return None


def _value_names(query) -> list:
    return [*query.extra_select, *query.values_select, *query.annotation_select]


def _converted(rows: list, steps: tuple, connection) -> list:
    """compiler.apply_converters(rows, ...) as a list of lists, without a generator."""
    converted = []
    for row in rows:
        row = list(row)
        for position, functions, expression in steps:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        converted.append(row)
    return converted


def _tuples(steps: tuple, rows: list, connection) -> list:
    """ValuesListIterable's rows."""
    if steps and rows:
        rows = _converted(rows, steps, connection)
    return list(map(tuple, rows))


def _firsts(steps: tuple, rows: list, connection) -> list:
    """FlatValuesListIterable's values."""
    if steps and rows:
        rows = _converted(rows, steps, connection)
    return list(map(operator.itemgetter(0), rows))


def _dicts(names: tuple, steps: tuple, rows: list, connection) -> list:
    """ValuesIterable's dicts."""
    if steps and rows:
        rows = _converted(rows, steps, connection)
    return [dict(zip(names, row, strict=False)) for row in rows]


@dataclass(frozen=True)
class _InstanceBuilder:
    """What ModelIterable works out from the compiler before its first row. The related
    populators hold nothing of a call: shared by every call and thread."""

    db: str
    model: type
    start: int
    end: int
    init_list: list
    populators: list
    annotations: tuple

    @classmethod
    def of(cls, compiler: SQLCompiler, db: str) -> _InstanceBuilder:
        klass_info, select = compiler.klass_info, compiler.select
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        return cls(
            db,
            klass_info["model"],
            start,
            end,
            [column[0].target.attname for column in select[start:end]],
            get_related_populators(klass_info, select, db),
            tuple(compiler.annotation_col_map.items()),
        )


def _instances(builder: _InstanceBuilder, steps: tuple, rows: list, connection) -> list:
    """ModelIterable's instances: from_db(), the select_related relations by Django's
    RelatedPopulator, then the annotations."""
    if steps and rows:
        rows = _converted(rows, steps, connection)
    db, model, start, end = builder.db, builder.model, builder.start, builder.end
    init_list, populators, annotations = builder.init_list, builder.populators, builder.annotations
    instances = []
    for row in rows:
        instance = model.from_db(db, init_list, row[start:end])
        for populator in populators:
            populator.populate(row, instance)
        for name, position in annotations:
            setattr(instance, name, row[position])
        instances.append(instance)
    return instances


def _shallow_copy(instance):
    """copy.copy(instance) for a compiler, a queryset or a query: a new object sharing the
    attributes (copy.copy goes through the reduce protocol, some 35 Python calls, and a
    QuerySet answers it by evaluating itself)."""
    copied = object.__new__(type(instance))
    copied.__dict__.update(instance.__dict__)
    return copied


def _runnable(compiled: QuerySet, compiler: SQLCompiler) -> QuerySet:
    """A new, unevaluated queryset of the compiled one whose query hands out `compiler`.

    What queryset._chain() gave before, without cloning the query (its where tree, aliases
    and joins: some 55 Python calls): evaluating a queryset reads its query and never
    changes it, and the compiled query is shared already, as `compiler.query`."""
    queryset = _shallow_copy(compiled)
    queryset._result_cache = None
    queryset._prefetch_done = False
    queryset._prefetch_related_lookups = compiled._prefetch_related_lookups[:]
    query = queryset._query = _shallow_copy(compiled._query)
    query.get_compiler = lambda *args, **kwargs: compiler
    return queryset


def _is_select(compiled: _Compiled, expressions: list) -> bool:
    """`expressions` are the shape's own select (compared by identity: map() of a builtin
    makes no Python call per column, where a generator made one)."""
    columns = compiled.columns
    return len(expressions) == len(columns) and all(map(operator.is_, expressions, columns))


def _kept_converters(compiled: _Compiled, compiler: SQLCompiler, expressions: list) -> dict:
    """compiler.get_converters(expressions) for the shape's own select (the columns
    results_iter() converts), worked out once; anything else as Django works it out."""
    if _is_select(compiled, expressions):
        return compiled.converters
    return SQLCompiler.get_converters(compiler, expressions)


def _kept_composite(compiled: _Compiled, compiler: SQLCompiler, expressions: list) -> bool:
    """compiler.has_composite_fields(expressions), worked out once for the shape's select."""
    if _is_select(compiled, expressions):
        return compiled.composite
    return SQLCompiler.has_composite_fields(compiler, expressions)


def _placement(sentinel: object, param: object) -> Callable | None:
    """How a value goes where `param` stands, if `param` is the sentinel's place."""
    if isinstance(sentinel, datetime.date):
        if param == sentinel:
            return _same
        return datetime.date.isoformat if param == sentinel.isoformat() else None
    if type(param) is bool or param != sentinel:
        return None
    kind = type(param)
    return _same if kind in (int, str) else kind


def _same(value: object) -> object:
    return value


# psycopg's wrappers Django puts on a small integer column's value, by their bits; a plain
# int goes as a 64-bit integer (SQLite's INTEGER, PostgreSQL's bigint).
_WRAPPED_BITS = {"Int2": 16, "Int4": 32}


def _fits(value: int, convert: Callable) -> bool:
    bits = _WRAPPED_BITS.get(getattr(convert, "__name__", ""), 64)
    return -(2 ** (bits - 1)) <= value < 2 ** (bits - 1)
