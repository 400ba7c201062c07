"""With the production queue a transition's notice is queued inside the transition's own
transaction (erkt/notifications/receivers.py): it commits or rolls back with it."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from erkt.workflow.models import Process
from erkt.workflow.tests.page_helpers import start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.database]


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
