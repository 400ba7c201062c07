"""A kept connection checked before a request without a round trip (erkt.postgresql)."""

from __future__ import annotations

import time

import pytest
from django.db import connection, connections

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kept_connection(settings):
    """The default connection kept between requests and checked before each, as in
    production (CONN_MAX_AGE, CONN_HEALTH_CHECKS)."""
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 600
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    connection.ensure_connection()
    yield connection
    connection.settings_dict["CONN_MAX_AGE"] = 0
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()


def next_request(conn) -> None:
    """What Django does at a request's start (close_old_connections), then its first query."""
    conn.close_if_unusable_or_obsolete()
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")


def backend_pid(conn) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_quiet_connection_is_reused_without_select_1(kept_connection, monkeypatch):
    pid = backend_pid(kept_connection)
    asked = []
    monkeypatch.setattr(kept_connection, "is_usable", lambda: asked.append(1) or True)

    next_request(kept_connection)

    assert asked == []
    assert backend_pid(kept_connection) == pid


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(kept_connection):
    pid = backend_pid(kept_connection)
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    time.sleep(0.2)  # the server's goodbye reaches the socket

    next_request(kept_connection)  # no OperationalError: Django's check found it dead

    assert backend_pid(kept_connection) != pid


def test_the_backend_is_django_s_postgresql_with_prepared_statements():
    default = connections["default"]
    assert default.vendor == "postgresql"
    assert type(default).__module__ == "erkt.postgresql.base"
    options = default.settings_dict["OPTIONS"]
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5
