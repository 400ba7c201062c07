"""Django's PostgreSQL backend whose per-request health check makes no round trip when
the connection has nothing to say, which sends a transaction's last statement with its
COMMIT when asked (`run_with_commit`), and which hands out one psycopg cursor again and
again (`create_cursor`).

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

import functools
import select
import time
import weakref
from collections.abc import Callable

import psycopg
from django.db.backends.postgresql import base
from django.db.backends.utils import debug_transaction
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A statement waiting for the transaction's next one or its COMMIT: (sql, the
        # function given its result row).
        self._with_commit: tuple[str, Callable[[tuple], None]] | None = None
        # The cursor create_cursor() hands out again once its holder closed it (or is gone),
        # the time zone its timestamps were read in, and its holder (Django's wrapper).
        self._kept = None
        self._kept_zone = None
        self._kept_holder: weakref.ref | None = None

    def can_run_with_commit(self) -> bool:
        """Whether run_with_commit() may keep a statement now: inside a transaction's own
        block (no savepoint inside it), no other statement kept."""
        return (
            self._with_commit is None
            and self.in_atomic_block
            and self.commit_on_exit is not False
            and not any(self.savepoint_ids)
        )

    def run_with_commit(self, sql: str, on_row: Callable[[tuple], None]) -> None:
        """Run `sql` (one statement returning one row, its values written in as literals)
        in the same message as this transaction's COMMIT, or just before its next
        statement, whichever comes first; `on_row` is given its row then. Only where
        can_run_with_commit().

        For the audit chain's append, the transaction's last statement, made while it
        holds the chain head's row lock, which every transition of the organisation waits
        for: sent apart, the COMMIT cost one more round trip under the lock, and after
        each round trip the worker thread waited for the GIL while its sibling threads ran
        Python (up to the 5 ms switch interval). Sent together, as one simple-protocol
        message, the COMMIT leaves before this thread waits for anything. If the statement
        fails, the COMMIT in its message does not run: the error reaches the caller of
        commit() (Django's atomic() rolls back and raises it), or of the next statement,
        and the transaction must be rolled back.
        """
        assert self.can_run_with_commit()
        self._with_commit = (sql, on_row)

    def create_cursor(self, name=None):
        """Django's cursor, or the kept one while no one holds it.

        A statement's cursor cost some 15 Python calls to make and close (psycopg's cursor,
        its copy of the connection's adapters, the time zone's loader looked up), some 150
        a completion of 11 statements. Closing the kept cursor only frees its result, and
        while its holder has not closed it (a lazy iteration, a cursor in use when another
        is asked for) a new cursor is made, as before."""
        if self._with_commit is not None:
            self._run_waiting()
        if name is not None or (self._kept is not None and not self._kept_free()):
            return super().create_cursor(name)
        kept = self._kept
        if (
            kept is not None
            and kept._conn is self.connection
            and self._kept_zone == self.timezone
            and not self.connection.closed
        ):
            kept.released = False
            return kept
        # The first, or the old one's connection or time zone gone: made as Django makes it.
        kept = super().create_cursor()
        kept.__class__ = _kept_class(type(kept))
        self._kept, self._kept_zone, self._kept_holder = kept, self.timezone, None
        return kept

    def _kept_free(self) -> bool:
        """No one holds the kept cursor: closed by its holder, or its holder gone."""
        return self._kept.released or self._kept_holder is None or self._kept_holder() is None

    def _prepare_cursor(self, cursor):
        wrapped = super()._prepare_cursor(cursor)
        if cursor is self._kept:
            self._kept_holder = weakref.ref(wrapped)
        return wrapped

    def _run_waiting(self) -> None:
        sql, on_row = self._with_commit
        self._with_commit = None
        try:
            # Client-side, as in _commit: a text never run twice is not counted toward
            # psycopg's prepare threshold, where it would push out statements that are.
            with self._prepare_cursor(psycopg.ClientCursor(self.connection)) as cursor:
                cursor.execute(sql)
                row = cursor.fetchone()
        except Exception:
            self.needs_rollback = True  # the transaction's own statement: all of it goes
            raise
        on_row(row)

    def _commit(self):
        if self._with_commit is None or self.connection is None:
            return super()._commit()
        sql, on_row = self._with_commit
        self._with_commit = None
        started = time.monotonic()
        # A client-side cursor: never prepared (a message of two statements cannot be).
        with self.wrap_database_errors, psycopg.ClientCursor(self.connection) as cursor:
            try:
                cursor.execute(f"{sql}; COMMIT")
                row = cursor.fetchone()
            finally:
                self._log_with_commit(sql, started)
        on_row(row)

    def _log_with_commit(self, sql: str, started: float) -> None:
        """The statement and the COMMIT in the queries' log, as when sent apart."""
        if self.queries_logged:
            self.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
            with debug_transaction(self, "COMMIT"):
                pass

    def _rollback(self):
        self._with_commit = None
        return super()._rollback()

    def _close(self):
        self._with_commit = None
        self._kept = self._kept_holder = None
        return super()._close()

    def close_if_health_check_failed(self):
        # Asked before every cursor: what Django's own checks answer first, without their
        # calls (the pool's property among them).
        if self.health_check_done or self.connection is None or not self.health_check_enabled:
            return
        if not self.pool and _quiet(self.connection):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()


@functools.cache
def _kept_class(cursor_class: type) -> type:
    """`cursor_class` whose close() frees its result and leaves it open for the next holder."""

    def close(self) -> None:
        self._reset()
        self.released = True

    return type(
        f"Kept{cursor_class.__name__}", (cursor_class,), {"close": close, "released": False}
    )


def _quiet(connection) -> bool:
    """Idle, in libpq's OK state, and nothing from the server waiting on the socket."""
    info = connection.info
    if info.status != pq.ConnStatus.OK or info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    poller = select.poll()
    poller.register(connection.fileno(), select.POLLIN)
    return not poller.poll(0)
