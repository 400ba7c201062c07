"""`make bench`: the test settings with the bare view beside the application's URLs, and
the queue of production (a transition only queues its notices; the worker sends them), in
process and in the gunicorn server the bench starts."""

from erkt.testing.settings import *  # noqa: F403

ROOT_URLCONF = "erkt.testing.bench_urls"
# The test client's host, and e-mail kept in memory, as the test suite has them (the bench
# does without setup_test_environment, which instruments template rendering).
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
