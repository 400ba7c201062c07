"""Querysets compiled once per shape and run again with other integer values.

Django builds and compiles a queryset's SQL afresh on every evaluation: with a few
select_related joins that is 0.3-1 ms of Python per query, more than SQLite takes to run
it. The engine's locking reads run inside the write transaction, where on SQLite every
millisecond delays every other transition. `CompiledQuery` keeps what Django made of the
queryset the first time (the SQL, the columns, how the related objects are filled) and
runs the same SQL with the new values, building the model instances as the queryset's
own iteration does (from_db, select_related populators, annotations, the backend's
converters). It stands for exactly the queryset `build` returns.

Only integer and text values can vary (primary keys, numbers, a role): `build` receives
placeholders of those types that are found again among the compiled parameters. The
compiled form is kept per database connection object (one per thread and alias), so a
thread never shares a compiler bound to another thread's connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.transaction import TransactionManagementError

# Each stands for one value of build(), found again among the parameters Django compiled.
# The integers lie within every integer field's range (a PositiveSmallIntegerField's too:
# Django drops a comparison with a value outside the field's range from the SQL); no
# query compiled here has such a constant of its own.
_PLACEHOLDERS = {
    int: tuple(32_700 + n for n in range(8)),
    str: tuple(f"\x00erkt-compiled-placeholder-{n}\x00" for n in range(8)),
}


@dataclass(frozen=True)
class _Plan:
    sql: str
    # (a fixed value, or None and the index of a value with the type Django gave it)
    params: tuple[tuple[Any, int | None, Callable[[Any], Any]], ...]
    compiler: Any
    converters: dict
    model: type[Model]
    start: int
    end: int
    init_list: list[str]
    populators: list
    annotations: dict[str, int]
    for_update: bool


def _slot(value: Any, placeholders: list) -> tuple[Any, int | None, Callable[[Any], Any]]:
    """A compiled parameter: fixed, or the place of a value of build(). Django may wrap an
    integer for its column (psycopg's Int2 for a small integer on PostgreSQL): the new value
    gets the same wrapping."""
    if isinstance(value, int | str) and not isinstance(value, bool) and value in placeholders:
        return None, placeholders.index(value), type(value)
    return value, None, None


class CompiledQuery:
    """`CompiledQuery(lambda pk: Model.objects.select_related(...).filter(pk=pk))`, then
    `.fetch(pk)`: the instances the queryset would give for that pk. `types` are those of
    build()'s arguments (int or str; one int by default)."""

    def __init__(self, build: Callable[..., QuerySet], *types: type) -> None:
        self.build = build
        self.types = types or (int,)
        self.key = object()  # this query's place in each connection's store

    def fetch(self, *values: int | str, using: str = DEFAULT_DB_ALIAS) -> list[Model]:
        if len(values) != len(self.types):
            raise TypeError(f"{len(self.types)} values expected, {len(values)} given")
        connection = connections[using]
        plan = self._plan(connection)
        if plan.for_update and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        params = [
            value if slot is None else cast(values[slot]) for value, slot, cast in plan.params
        ]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        return self._instances(plan, rows, using)

    def _plan(self, connection) -> _Plan:
        store = connection.__dict__.setdefault("_erkt_compiled_queries", {})
        plan = store.get(self.key)
        if plan is None:
            plan = store[self.key] = self._compile(connection)
        return plan

    def _compile(self, connection) -> _Plan:
        placeholders = [_PLACEHOLDERS[kind][n] for n, kind in enumerate(self.types)]
        queryset = self.build(*placeholders)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = tuple(_slot(value, placeholders) for value in params)
        found = sorted(slot for _value, slot, _cast in slots if slot is not None)
        if found != list(range(len(placeholders))):
            raise ValueError(f"each value of build() must appear once in the compiled SQL: {sql}")
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return _Plan(
            sql=sql,
            params=slots,
            compiler=compiler,
            converters=compiler.get_converters([s[0] for s in select[0 : compiler.col_count]]),
            model=klass_info["model"],
            start=start,
            end=end,
            init_list=[f[0].target.attname for f in select[start:end]],
            populators=get_related_populators(klass_info, select, connection.alias),
            annotations=dict(compiler.annotation_col_map or {}),
            for_update=queryset.query.select_for_update,
        )

    @staticmethod
    def _instances(plan: _Plan, rows: list, using: str) -> list[Model]:
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        instances = []
        for row in rows:
            obj = plan.model.from_db(using, plan.init_list, row[plan.start : plan.end])
            for populator in plan.populators:
                populator.populate(row, obj)
            for name, position in plan.annotations.items():
                setattr(obj, name, row[position])
            instances.append(obj)
        return instances
