"""What a compiled shape read must equal: the ORM's own results, value by value."""

from __future__ import annotations

from django.db.models import Model, QuerySet


def assert_same(mine: object, theirs: object, where: str = "", compared: set | None = None) -> None:
    """`mine` is `theirs`: the same types, values and order; an instance's columns,
    annotations and deferred fields (its __dict__), its _state and the related instances
    select_related cached on it, compared the same way."""
    compared = set() if compared is None else compared
    assert type(mine) is type(theirs), where
    if isinstance(theirs, Model):
        _assert_same_instance(mine, theirs, where, compared)
    elif isinstance(theirs, QuerySet):  # a prefetched relation's rows
        assert_same(list(mine), list(theirs), where, compared)
    elif isinstance(theirs, list | tuple):
        assert len(mine) == len(theirs), where
        for index, (one, other) in enumerate(zip(mine, theirs, strict=True)):
            assert_same(one, other, f"{where}[{index}]", compared)
    elif isinstance(theirs, dict):
        assert list(mine) == list(theirs), where
        for key in theirs:
            assert_same(mine[key], theirs[key], f"{where}[{key!r}]", compared)
    else:
        # repr() tells apart what == does not: a Decimal's places, a datetime's zone.
        assert (mine, repr(mine)) == (theirs, repr(theirs)), where


def _assert_same_instance(mine: Model, theirs: Model, where: str, compared: set) -> None:
    if (id(mine), id(theirs)) in compared:  # a one-to-one relation points back
        return
    compared.add((id(mine), id(theirs)))
    assert (mine._state.db, mine._state.adding) == (theirs._state.db, theirs._state.adding), where
    values = {name: value for name, value in vars(mine).items() if name != "_state"}
    expected = {name: value for name, value in vars(theirs).items() if name != "_state"}
    assert_same(values, expected, where, compared)
    # Read from the state's __dict__: its descriptor would make an empty cache.
    cache = vars(mine._state).get("fields_cache")
    expected_cache = vars(theirs._state).get("fields_cache")
    assert (cache is None) == (expected_cache is None), where
    if expected_cache is not None:
        assert_same(cache, expected_cache, f"{where}.fields_cache", compared)
