"""The production settings, with what the test suite needs on top.

pytest-django imports the settings before any conftest runs, so the defaults the
suite needs (a secret key, plain http) are set here rather than in a fixture.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-secret-key-never-used-outside-tests")
# The test client and the live server speak plain http: an HTTPS redirect
# would answer every request with 301.
os.environ["SECURE_HTTPS"] = "0"

from erkt.settings import *  # noqa: F403

# The manifest storage needs `collectstatic` first; the live server serves the
# app's static files straight from the finders instead.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# WhiteNoise serves the same files from the finders, as in development, rather
# than from STATIC_ROOT, which only `collectstatic` fills.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Queued jobs run at once in the tests (after the commit, as in production: a test that
# wants them uses django_capture_on_commit_callbacks or a transactional database). The
# tests of the worker itself use the database backend (erkt/notifications/tests).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NOTIFY_RETRY_DELAYS = [0, 0]

# SQLite tests run in memory, as Django does for its own SQLite backend. pytest-django
# recognises only that backend's name: for erkt.sqlite_queue it would give each xdist
# worker a file named after the production database ("test_/…/erkt.sqlite3_gw0").
if DATABASES["default"]["ENGINE"] == "erkt.sqlite_queue":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
