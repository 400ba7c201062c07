"""With the production queue a transition's notice is queued inside the transition's own
transaction (erkt/notifications/receivers.py): it commits or rolls back with it."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import transaction
from django_tasks_db.compat import task_enqueued
from django_tasks_db.models import DBTaskResult

from erkt.workflow.models import Process
from erkt.workflow.tests.page_helpers import start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.database]


@contextmanager
def capture_enqueued(receiver):
    task_enqueued.connect(receiver)
    try:
        yield
    finally:
        task_enqueued.disconnect(receiver)


class Undone(Exception):
    pass


def test_the_notice_is_queued_before_the_transition_commits(queue, demo, kepala):
    with transaction.atomic():
        start(demo, kepala)
        # Still inside the transaction: the row is part of it, not written after it.
        assert DBTaskResult.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_a_transition_rolled_back_leaves_no_notice_in_the_queue(queue, demo, kepala):
    with pytest.raises(Undone), transaction.atomic():
        start(demo, kepala)
        raise Undone
    assert not Process.objects.exists()
    assert not DBTaskResult.objects.exists()


def stored_job(result_id) -> dict:
    row = DBTaskResult.objects.values().get(id=result_id)
    return {k: v for k, v in row.items() if k not in ("id", "enqueued_at")}


def test_the_queued_row_is_the_row_django_tasks_db_writes_and_the_worker_runs_it(
    queue, demo, kepala
):
    from django.core.management import call_command

    from erkt.notifications.jobs import announce_tasks_opened
    from erkt.notifications.receivers import QueueRow
    from erkt.workflow.models import Notification, Task

    start(demo, kepala)
    task = Task.objects.get(status="open")
    args = ([task.pk], "step", "<script>alasan</script>", kepala.pk)
    backend = announce_tasks_opened.get_backend()
    theirs = backend.enqueue(announce_tasks_opened, args, {})
    signalled = []

    def heard(sender, task_result, **kwargs):
        signalled.append((sender, task_result.id, task_result.args))

    with capture_enqueued(heard):
        mine = QueueRow(backend, announce_tasks_opened).write(args)
    assert signalled == [(type(backend), str(mine.id), list(args))]
    assert stored_job(mine.id) == stored_job(theirs.id)
    read_back = announce_tasks_opened.get_result(str(mine.id))
    assert (read_back.args, read_back.kwargs, read_back.status) == (list(args), {}, "READY")
    assert read_back.enqueued_at == DBTaskResult.objects.get(id=mine.id).enqueued_at
    Notification.objects.all().delete()
    DBTaskResult.objects.exclude(id=mine.id).delete()
    call_command("worker", "--batch", verbosity=0)
    assert announce_tasks_opened.get_result(str(mine.id)).status == "SUCCESSFUL"
    assert Notification.objects.filter(task=task).exists()
