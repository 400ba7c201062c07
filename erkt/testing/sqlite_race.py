"""Competing completions on an SQLite file, as gunicorn's threads run them: the write queue
(erkt.sqlite_queue) and SQLite's own lock, which the test suite's in-memory database has
not. A test copies its database to a file and runs `python -m erkt.testing.sqlite_race` on
it; this prints, as JSON, what each call gave, whether the audit chain verifies, and how
many tasks each step of the first task's process has. `--suspend` suspends that process
(as its Kepala) at the same moment as the completions."""

from __future__ import annotations

import json
import os
import sys


def main(path: str, task_ids: list[int], suspend: bool = False) -> dict:
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

    process = Task.objects.get(pk=task_ids[0]).process

    def suspend_process():
        kepala = get_user_model().objects.get(username="kepala")
        return engine.suspend_process(process, by=kepala, reason="Menunggu arahan")

    calls = [lambda task_id=task_id: complete(task_id) for task_id in task_ids]
    results = at_once(*calls, *([suspend_process] if suspend else []))
    steps: dict[str, int] = {}
    for number in Task.objects.filter(process=process).values_list("step_run__number", flat=True):
        steps[str(number)] = steps.get(str(number), 0) + 1
    return {
        "results": [type(result).__name__ for result in results],
        "errors": [str(result) for result in results if isinstance(result, Exception)],
        "chains_verify": all(verify_chain(org).ok for org in Organization.objects.all()),
        "tasks_by_step": steps,
    }


if __name__ == "__main__":
    arguments = [arg for arg in sys.argv[2:] if arg != "--suspend"]
    outcome = main(sys.argv[1], [int(arg) for arg in arguments], "--suspend" in sys.argv)
    print(json.dumps(outcome))
