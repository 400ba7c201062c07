"""Querysets compiled to SQL once per shape, then run again with other values.

Django compiles a queryset on every evaluation: a task with its eight select_related
tables costs some 9,500 Python calls to compile and 2,500 to run and build. For a lookup
whose SQL is the same on every request but for a few values (a primary key, an
organisation, a day, a role), `Shape` compiles it once per database connection vendor and
alias, with sentinel values standing for those values, and afterwards only swaps the values
into the parameters: the rows are read and turned into model instances (select_related
included) by Django's own ModelIterable, with a copy of the compiler made for the call
on the calling thread's connection.

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
from django.db import connections
from django.db.models import QuerySet
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
        kinds = tuple([_EXACT_KINDS.get(type(value)) or _kind(value) for value in values])
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
        if compiled.queryset.query.select_for_update and connection.get_autocommit():
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
        )


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
