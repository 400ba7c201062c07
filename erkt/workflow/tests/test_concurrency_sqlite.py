"""Competing completions on SQLite: on a file, with the write queue, in threads of one
process (a gunicorn worker's), as test_concurrency_pg.py does on PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest
from django.db import connection

from erkt.workflow.models import Task
from erkt.workflow.tests.conftest import assignee, open_task, run_to, upload

# SQLite's write lock; test_concurrency_pg.py races the same on PostgreSQL's row locks.
pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True)]


def race(tmp_path, task_ids: list[int], *options: str) -> dict:
    """The test database copied to a file, the completions run at once on it."""
    path = tmp_path / "erkt.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "erkt.testing.sqlite_race",
            str(path),
            *map(str, task_ids),
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_completions_of_one_task_give_one_success_and_one_409(tmp_path, process):
    task = open_task(process, 1)
    upload(task, assignee(task))

    outcome = race(tmp_path, [task.pk, task.pk])

    assert sorted(outcome["results"]) == ["Conflict", "Task"], outcome
    assert outcome["chains_verify"]


def test_a_burst_of_completions_keeps_one_unbroken_chain(tmp_path, process):
    run_to(process, 4)
    tasks = list(Task.objects.filter(process=process, step_run__number=4, status="open"))
    for task in tasks:
        upload(task, assignee(task))

    outcome = race(tmp_path, [task.pk for task in tasks])

    assert outcome["results"] == ["Task"] * len(tasks), outcome
    assert outcome["chains_verify"]
    # Each completion was planned while others were open; the last one's plan went stale
    # (erkt.workflow.engine, `_completion_plan`): step 5 opened once, by the locked path.
    assert outcome["tasks_by_step"]["5"] == 1, outcome


def test_a_suspension_racing_a_completion_either_stops_it_or_follows_it(tmp_path, process):
    task = open_task(process, 1)
    upload(task, assignee(task))

    outcome = race(tmp_path, [task.pk], "--suspend")

    completed, suspended = outcome["results"]
    assert suspended == "ProcessSuspension", outcome
    # Completed before the suspension (step 2 opened), or refused after it (409, no step 2).
    assert completed in ("Task", "Conflict"), outcome
    assert outcome["tasks_by_step"].get("2", 0) == (1 if completed == "Task" else 0), outcome
    assert outcome["chains_verify"]
