"""gunicorn's settings beyond the command line, for `make run` (scripts/run) and the bench's
server (erkt.testing.bench_http): `gunicorn -c python:erkt.gunicorn_config erkt.wsgi`."""

from __future__ import annotations

import sys
from typing import Any

# How long a thread of a worker may keep the GIL while another thread of the worker waits
# for it (Python's default: 5 ms). A transition's thread waits for it after each answer of
# the database, while it holds what the organisation's other transitions wait for (the
# audit chain head's row lock on PostgreSQL): 1 ms shortens that hold. Bench, PostgreSQL,
# two alternated pairs on an idle machine: 180 and 190 completions/s at 5 ms, 195 and 224/s
# at 1 ms; SQLite 282 and 269/s, 300 and 259/s.
SWITCH_INTERVAL_S = 0.001


def post_worker_init(worker: Any) -> None:
    """Before the worker's first request: compile what a transition runs and import what its
    notice's receiver imports, which the first transition of each worker did under SQLite's
    write lock (erkt.workflow.engine.warm_up), and build the year's holidays, which its first
    deadline built (erkt.workflow.calendar.warm_up). Here and not in erkt.wsgi: importing
    the application must not touch the database (the tests import it)."""
    from django.db import connections

    import erkt.notifications.jobs  # noqa: F401  (imported by the receiver at its first notice)
    from erkt.workflow import calendar, engine

    engine.warm_up()
    calendar.warm_up()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    connections.close_all()  # the worker's threads open their own
