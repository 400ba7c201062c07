"""Competing completions on an SQLite file, as gunicorn's threads run them: the write queue
(erkt.sqlite_queue) and SQLite's own lock, which the test suite's in-memory database has
not. A test copies its database to a file and runs `python -m erkt.testing.sqlite_race`
on it; this prints, as JSON, what each call gave and whether the audit chain verifies."""

from __future__ import annotations

import json
import os
import sys


def main(path: str, task_ids: list[int]) -> dict:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erkt.testing.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from erkt.audit.verify import verify_chain
    from erkt.org.models import Organization
    from erkt.testing.concurrency import at_once
    from erkt.workflow import actions, engine
    from erkt.workflow.models import Task

    actions._registry = {}  # the engine's default steps, as the workflow tests run them

    def complete(task_id: int):
        task = Task.objects.get(pk=task_id)
        # A fresh user per thread: the access helpers cache on the user instance.
        user = get_user_model().objects.get(pk=task.eligible_employees().first().user_id)
        return engine.complete_task(task, by=user)

    results = at_once(*[lambda task_id=task_id: complete(task_id) for task_id in task_ids])
    return {
        "results": [type(result).__name__ for result in results],
        "errors": [str(result) for result in results if isinstance(result, Exception)],
        "chains_verify": all(verify_chain(org).ok for org in Organization.objects.all()),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], [int(arg) for arg in sys.argv[2:]])))
