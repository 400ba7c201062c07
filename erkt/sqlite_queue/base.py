"""SQLite whose write transactions queue on a file lock instead of in SQLite's busy handler.

With transaction_mode IMMEDIATE every transaction takes SQLite's write lock at BEGIN. A
transaction that finds it taken is retried by SQLite's busy handler, which sleeps 1, 2,
5, 10, 15, 20, 25 ... 100 ms between tries: under concurrent transitions the waiters
sleep while the lock is free, and the database sits idle between writers (completions
over HTTP ran at half the CPU). Here each transaction first takes an exclusive flock(2)
on a file beside the database, trying again every 0.1 to 1 ms: a waiter notices within a
millisecond that the previous transaction ended, then takes SQLite's lock (free but for
single statements in autocommit, which still use the busy handler). The flock is taken
only at BEGIN, with no SQLite lock held, and released at COMMIT, ROLLBACK or close, so it
cannot deadlock with SQLite's own lock. An in-memory database (the tests) has no file:
nothing queues.

Within one process the threads first queue on a threading lock per database, so only
one of them polls the file lock: the others sleep until the lock is handed on, instead of
waking every millisecond to try the file and taking the GIL from the thread that holds
the write lock (gunicorn runs 4 threads a worker).

The cursor also keeps each query's "qmark" form: Django's SQLite cursor rewrites every
query's %s placeholders with a regular expression on every execution (some 16 us a
query, 10-15 queries a page or a completion, inside the write lock for the latter), for
query texts that are the same from request to request.
"""

from __future__ import annotations

import fcntl
import functools
import os
import threading
import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

# One lock per database file for the threads of this process (see the module's docstring).
_process_queues: dict[str, threading.Lock] = {}
_process_queues_lock = threading.Lock()


def _process_queue(path: str) -> threading.Lock:
    with _process_queues_lock:
        return _process_queues.setdefault(path, threading.Lock())


@functools.lru_cache(maxsize=4096)
def _qmark(query: str) -> str:
    """What Django's SQLiteCursorWrapper.convert_query() makes of a "format" query."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    _queue_fd: int | None = None
    _queue_thread_lock: threading.Lock | None = None

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CursorWrapper)

    def _queue_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
            return None
        return f"{name}-writers.lock"

    def _start_transaction_under_autocommit(self) -> None:
        self._queue_enter()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._queue_leave()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._queue_leave()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._queue_leave()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._queue_leave()

    def _queue_enter(self) -> None:
        if self._queue_fd is not None:
            return
        path = self._queue_path()
        if path is None:
            return
        timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
        deadline = time.monotonic() + timeout
        thread_lock = _process_queue(path)
        if not thread_lock.acquire(timeout=timeout):
            raise OperationalError("database is locked")
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                _lock(fd, deadline)
            except BaseException:
                os.close(fd)
                raise
        except BaseException:
            thread_lock.release()
            raise
        self._queue_fd, self._queue_thread_lock = fd, thread_lock

    def _queue_leave(self) -> None:
        fd, self._queue_fd = self._queue_fd, None
        thread_lock, self._queue_thread_lock = self._queue_thread_lock, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases its flock
        if thread_lock is not None:
            thread_lock.release()


def _lock(fd: int, deadline: float) -> None:
    """flock(2) the file, trying again every 0.1 to 1 ms until `deadline` (the connection's
    timeout, as SQLite's own wait): a waiter notices the release within a millisecond,
    and a transaction waiting for one its own thread holds fails instead of hanging."""
    pause = 0.0001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OperationalError("database is locked") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.001)
