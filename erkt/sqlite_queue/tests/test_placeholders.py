"""The queue's cursor keeps each query's "qmark" form: the queries run as on Django's own
SQLite cursor, the first time and every time after."""

import sqlite3

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper

from erkt.sqlite_queue.base import CursorWrapper

pytestmark = pytest.mark.sqlite

QUERIES = [
    "SELECT 1",
    'SELECT "a" FROM "t" WHERE "b" = %s AND "c" IN (%s, %s)',
    "SELECT %s || '%%' LIKE 'x%%'",
    "SELECT '%%s' , %s",
]


def test_it_converts_a_query_as_djangos_own_cursor_does():
    raw = sqlite3.connect(":memory:")
    ours, theirs = raw.cursor(factory=CursorWrapper), raw.cursor(factory=SQLiteCursorWrapper)
    for query in QUERIES * 2:
        assert ours.convert_query(query) == theirs.convert_query(query)
    named = "SELECT %(a)s, %(b)s"
    assert ours.convert_query(named, param_names=["a", "b"]) == theirs.convert_query(
        named, param_names=["a", "b"]
    )


def test_the_test_database_runs_placeholders_and_literal_percents_alike_each_time(db):
    assert type(connection.cursor().cursor) is CursorWrapper
    with connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute("SELECT %s || '%%', %s, '%%s'", ["a", 2])
            assert cursor.fetchone() == ("a%", 2, "%s")
            cursor.execute("SELECT %(x)s + 1", {"x": 41})
            assert cursor.fetchone() == (42,)
