"""`make bench`: the test settings with the bare view beside the application's URLs, and
the queue of production (a transition only queues its notices; the worker sends them), in
process and in the gunicorn server the bench starts."""

from erkt.testing.settings import *  # noqa: F403

ROOT_URLCONF = "erkt.testing.bench_urls"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
