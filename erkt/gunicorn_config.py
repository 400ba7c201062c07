"""gunicorn's settings beyond the command line, for `make run` (scripts/run) and the bench's
server (erkt.testing.bench_http): `gunicorn -c python:erkt.gunicorn_config erkt.wsgi`."""

from __future__ import annotations

from typing import Any


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
    connections.close_all()  # the worker's threads open their own
