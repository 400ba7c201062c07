"""Write transactions on SQLite queue on a file lock beside the database (erkt.sqlite_queue)."""

import fcntl
import os
import threading

import pytest
from django.db import OperationalError

from erkt.sqlite_queue.base import DatabaseWrapper, _process_queue


@pytest.fixture(autouse=True)
def own_connections(django_db_blocker):
    """These tests open their own SQLite files, not the test database."""
    with django_db_blocker.unblock():
        yield


def wrapper(path, timeout: float = 5) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            "NAME": str(path),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": timeout},
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
        }
    )


def begin(connection: DatabaseWrapper) -> None:
    """What transaction.atomic does on SQLite: BEGIN IMMEDIATE, staying in autocommit."""
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def end(connection: DatabaseWrapper, how: str) -> None:
    getattr(connection, how)()
    if how != "close":
        connection.set_autocommit(True)


def queue_taken(database) -> bool:
    fd = os.open(f"{database}-writers.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.mark.parametrize("how", ["commit", "rollback", "close"])
def test_a_transaction_holds_the_queue_until_it_ends(tmp_path, how):
    database = tmp_path / "erkt.sqlite3"
    connection = wrapper(database)
    begin(connection)
    assert queue_taken(database)
    assert _process_queue(f"{database}-writers.lock").locked()  # this process's threads wait
    end(connection, how)
    assert not queue_taken(database)
    assert not _process_queue(f"{database}-writers.lock").locked()
    connection.close()


def test_a_thread_of_the_same_process_waits_without_trying_the_file(tmp_path):
    """It sleeps on the process's own lock until the first transaction ends, then begins."""
    database = tmp_path / "erkt.sqlite3"
    first, began, seconds = wrapper(database), threading.Event(), []
    begin(first)

    def second_transaction() -> None:
        second = wrapper(database)
        seconds.append(second)
        begin(second)
        began.set()
        end(second, "commit")
        second.close()

    thread = threading.Thread(target=second_transaction)
    thread.start()
    thread.join(0.3)
    assert thread.is_alive() and not began.is_set()
    assert seconds[0]._queue_fd is None  # the file is not even opened while it waits
    end(first, "commit")
    thread.join(10)
    assert began.is_set()
    first.close()


def test_the_next_transaction_begins_after_the_first_ends(tmp_path):
    database = tmp_path / "erkt.sqlite3"
    first, ended, began_after_end = wrapper(database), threading.Event(), []
    begin(first)

    def second_transaction() -> None:
        second = wrapper(database)
        begin(second)
        began_after_end.append(ended.is_set())
        end(second, "commit")
        second.close()

    thread = threading.Thread(target=second_transaction)
    thread.start()
    thread.join(0.3)
    assert thread.is_alive()  # waiting for the queue
    ended.set()
    end(first, "commit")
    thread.join(10)
    assert began_after_end == [True]
    first.close()


def test_a_transaction_waiting_past_the_timeout_fails_and_leaves_the_queue(tmp_path):
    database = tmp_path / "erkt.sqlite3"
    first, second = wrapper(database), wrapper(database, timeout=0.2)
    begin(first)
    with pytest.raises(OperationalError):
        begin(second)
    end(first, "commit")
    assert not queue_taken(database)
    begin(second)  # the queue is free again
    end(second, "commit")
    first.close()
    second.close()


def test_an_in_memory_database_has_no_queue(tmp_path):
    connection = wrapper(":memory:")
    begin(connection)
    assert connection._queue_fd is None
    end(connection, "commit")
    connection.close()
