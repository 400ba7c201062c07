"""Django's PostgreSQL backend whose per-request health check makes no round trip when
the connection has nothing to say.

With CONN_HEALTH_CHECKS Django runs `SELECT 1` on a kept connection before the first
query of every request: a round trip to the server and back, one in 18 of a task's
completion over the API, and one of every page's. A server that ends a connection (a
restart, `pg_terminate_backend`, `idle_session_timeout`) sends its error and closes the
socket, which then reads as ready: an idle connection whose socket has nothing to read,
in libpq's OK state outside a transaction, is taken as usable without asking. Anything
else gets Django's `SELECT 1`. What neither check sees is a peer gone silent without
closing (a cable pulled): `SELECT 1` would then wait as long as the request's own query.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and _quiet(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()


def _quiet(connection) -> bool:
    """Idle, in libpq's OK state, and nothing from the server waiting on the socket."""
    info = connection.info
    if info.status != pq.ConnStatus.OK or info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN)
    return not poller.poll(0)
