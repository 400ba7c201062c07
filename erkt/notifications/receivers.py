"""The engine's events turned into queued jobs, after the transaction commits.

The engine's transaction only appends one row to the queue (one INSERT, after the
commit); the worker then finds who is told and sends (erkt.notifications.jobs).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import receiver

from erkt.workflow.events import notices_created, process_event, tasks_opened


@receiver(tasks_opened)
def queue_tasks_opened(sender: Any, tasks: list, cause: str, reason: str, by: Any, **kwargs):
    from erkt.notifications.jobs import announce_tasks_opened

    ids = [task.pk for task in tasks]
    by_id = getattr(by, "pk", None)
    enqueue = partial(announce_tasks_opened.enqueue, ids, str(cause), reason, by_id)
    transaction.on_commit(enqueue, robust=True)


@receiver(process_event)
def queue_process_event(sender: Any, process: Any, kind: str, facts: dict, **kwargs):
    from erkt.notifications.jobs import announce_process_event

    enqueue = partial(announce_process_event.enqueue, process.pk, str(kind), facts)
    transaction.on_commit(enqueue, robust=True)


@receiver(notices_created)
def deliver_stored_notices(sender: Any, notification_ids: list[int], **kwargs):
    """Notices already committed (`erkt remind` sends this after its transaction)."""
    from erkt.notifications.jobs import deliver

    deliver.enqueue(list(notification_ids))
