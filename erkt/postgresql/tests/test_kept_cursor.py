"""One psycopg cursor handed out again once its holder closed it (erkt.postgresql's
create_cursor): every holder reads its own rows, whatever the others run meanwhile."""

from __future__ import annotations

import gc

import pytest
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext

from erkt.workflow.models import Task

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def raw_cursor(wrapper):
    return wrapper.cursor


def test_a_closed_cursor_is_handed_out_again():
    with connection.cursor() as first:
        first.execute("SELECT 1")
        kept = raw_cursor(first)
    with connection.cursor() as second:
        second.execute("SELECT 2")
        assert raw_cursor(second) is kept
        assert second.fetchone() == (2,)


def test_a_cursor_still_held_is_not_handed_to_another(db):
    with connection.cursor() as outer:
        outer.execute("SELECT n FROM generate_series(1, 3) AS n")
        with connection.cursor() as inner:
            assert raw_cursor(inner) is not raw_cursor(outer)
            inner.execute("SELECT 'inner'")
            assert inner.fetchone() == ("inner",)
        assert outer.fetchall() == [(1,), (2,), (3,)]


def test_a_holder_gone_without_closing_frees_the_cursor():
    held = connection.cursor()
    held.execute("SELECT 1")
    kept = raw_cursor(held)
    del held
    gc.collect()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 3")
        assert raw_cursor(cursor) is kept
        assert cursor.fetchone() == (3,)


def test_a_queryset_read_while_another_is_iterated_lazily(demo):
    """Django's chunked reads keep their cursor until the rows run out."""
    expected = list(Task.objects.order_by("pk").values_list("pk", flat=True))
    seen = []
    with transaction.atomic():
        for pk in Task.objects.order_by("pk").values_list("pk", flat=True).iterator():
            seen.append(pk)
            assert Task.objects.filter(pk=pk).count() == 1
    assert seen == expected


def test_a_new_connection_gets_a_new_cursor():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        kept = raw_cursor(cursor)
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 4")
        assert raw_cursor(cursor) is not kept
        assert cursor.fetchone() == (4,)


def test_the_queries_of_a_kept_cursor_are_logged():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    with CaptureQueriesContext(connection) as queries, connection.cursor() as cursor:
        cursor.execute("SELECT 5")
    assert [query["sql"] for query in queries] == ["SELECT 5"]


def test_a_failed_statement_leaves_the_cursor_usable():
    with pytest.raises(DataError), connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 6")
        assert cursor.fetchone() == (6,)
