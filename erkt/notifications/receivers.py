"""The engine's events turned into queued jobs.

The engine's transaction only appends one row to the queue; the worker then finds who is
told and sends (erkt.notifications.jobs). With the production queue (django-tasks-db) the
row is written inside the transaction: it commits or rolls back with the transition, so a
crash between the two cannot lose a notice, and a completion writes once, not twice (on
SQLite each write transaction waits its turn for the database's one write lock). A queue
outside the database (the tests' immediate backend runs the job at once) gets the job only
after the commit.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import receiver
from django_tasks_db import DatabaseBackend

from erkt.notifications.compat import task_backends
from erkt.workflow.events import notices_created, process_event, tasks_opened


def _queue(enqueue) -> None:
    if isinstance(task_backends["default"], DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue, robust=True)


@receiver(tasks_opened)
def queue_tasks_opened(sender: Any, tasks: list, cause: str, reason: str, by: Any, **kwargs):
    from erkt.notifications.jobs import announce_tasks_opened

    ids = [task.pk for task in tasks]
    by_id = getattr(by, "pk", None)
    enqueue = partial(announce_tasks_opened.enqueue, ids, str(cause), reason, by_id)
    _queue(enqueue)


@receiver(process_event)
def queue_process_event(sender: Any, process: Any, kind: str, facts: dict, **kwargs):
    from erkt.notifications.jobs import announce_process_event

    enqueue = partial(announce_process_event.enqueue, process.pk, str(kind), facts)
    _queue(enqueue)


@receiver(notices_created)
def deliver_stored_notices(sender: Any, notification_ids: list[int], **kwargs):
    """Notices already committed (`erkt remind` sends this after its transaction)."""
    from erkt.notifications.jobs import deliver

    deliver.enqueue(list(notification_ids))
