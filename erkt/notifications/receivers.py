"""The engine's events turned into queued jobs.

The engine's transaction only appends one row to the queue; the worker then finds who is
told and sends (erkt.notifications.jobs). With the production queue (django-tasks-db) the
row is written inside the transaction: it commits or rolls back with the transition, so a
crash between the two cannot lose a notice, and a completion writes once, not twice (on
SQLite each write transaction waits its turn for the database's one write lock). A queue
outside the database (the tests' immediate backend runs the job at once) gets the job only
after the commit.

The production queue's row is written as django-tasks-db's `enqueue` writes it (the same
DBTaskResult, then its `task_enqueued` signal), by an INSERT written once
(erkt.compiled_writes): its `Model.save()` built and compiled the INSERT on every
transition, some 500 Python calls under SQLite's write lock. A completion planned before
that lock (erkt.workflow.engine) has the row built there, its INSERT prepared but for the
arguments (`QueueRow`), and only its new tasks' keys filled in and written under the lock.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import normalize_json, task_enqueued
from django_tasks_db.models import DBTaskResult

from erkt import compiled_writes, model_instances
from erkt.workflow.events import notices_created, process_event, tasks_opened


def _queue(job, *args) -> None:
    _queued_later(job)(args)


def _queued_later(job) -> Callable[[tuple], None]:
    """What queues the job with its arguments, built now: the production queue's row but
    for its arguments (a completion planned before SQLite's write lock builds it there and
    writes it under the lock, once the new tasks have their keys)."""
    backend = job.get_backend()
    if isinstance(backend, DatabaseBackend):
        return QueueRow(backend, job).write
    return lambda args: transaction.on_commit(partial(job.enqueue, *args), robust=True)


class QueueRow:
    """A job's row in django-tasks-db's queue, built (its pre_save sent, its INSERT's
    parameters prepared) but for its arguments, which `write(args)` sets and writes.

    `QueueRow(backend, job).write(args)` is backend.enqueue(job, args, {}): the row its
    `_task_to_db_task` creates, with the model's save signals (django-tasks-db sets
    `run_after` in a pre_save receiver), written by one compiled INSERT, and the signal
    `enqueue` sends, once the row is committed."""

    def __init__(self, backend: DatabaseBackend, job) -> None:
        backend.validate_task(job)
        self.backend = backend
        self.row = model_instances.new(
            DBTaskResult,
            id=backend._get_id(),
            priority=job.priority,
            task_path=job.module_path,
            queue_name=job.queue_name,
            run_after=job.run_after,
            backend_name=backend.alias,
        )
        pre_save.send(
            DBTaskResult, instance=self.row, raw=False, using="default", update_fields=None
        )
        self.insert = compiled_writes.prepare_insert([self.row], "args_kwargs", keyed=True)

    def write(self, args: tuple) -> DBTaskResult:
        row = self.row
        row.args_kwargs = _args_kwargs(args)
        compiled_writes.insert_keyed_prepared([row], self.insert)
        post_save.send(
            DBTaskResult, instance=row, created=True, update_fields=None, raw=False, using="default"
        )
        # After the commit (at once outside a transaction): the TaskResult the signal carries
        # cost some 100 Python calls under SQLite's write lock, and a row rolled back with its
        # transition was never enqueued.
        transaction.on_commit(partial(_announce, self.backend, row), robust=True)
        return row


def _args_kwargs(args: tuple) -> dict:
    """normalize_json({"args": args, "kwargs": {}}), as enqueue stores them; written out for
    arguments of plain texts, integers and None and lists of integers (the engine's jobs:
    normalize_json's pattern matching cost some 40 Python calls under the write lock)."""
    plain = []
    for arg in args:
        kind = type(arg)
        if kind in _PLAIN:
            plain.append(arg)
        elif kind is list and all(type(item) is int for item in arg):
            plain.append(list(arg))
        else:
            return normalize_json({"args": args, "kwargs": {}})
    return {"args": plain, "kwargs": {}}


_PLAIN = frozenset({str, int, type(None)})


def _announce(backend: DatabaseBackend, row: DBTaskResult) -> None:
    task_enqueued.send(type(backend), task_result=row.task_result)


@receiver(tasks_opened)
def queue_tasks_opened(
    sender: Any, tasks: list, cause: str, reason: str, by: Any, later=None, **kwargs
):
    """The notice of the opened tasks queued; with `later` (a list), the tasks are not written
    yet: what queues it is appended there, for the engine to call once they are."""
    from erkt.notifications.jobs import announce_tasks_opened

    queue = _queued_later(announce_tasks_opened)

    def with_keys() -> None:
        queue(([task.pk for task in tasks], str(cause), reason, getattr(by, "pk", None)))

    if later is None:
        with_keys()
    else:
        later.append(with_keys)


@receiver(process_event)
def queue_process_event(sender: Any, process: Any, kind: str, facts: dict, **kwargs):
    from erkt.notifications.jobs import announce_process_event

    _queue(announce_process_event, process.pk, str(kind), facts)


@receiver(notices_created)
def deliver_stored_notices(sender: Any, notification_ids: list[int], **kwargs):
    """Notices already committed (`erkt remind` sends this after its transaction)."""
    from erkt.notifications.jobs import deliver

    deliver.enqueue(list(notification_ids))
