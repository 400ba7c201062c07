"""The database settings: persistent, health-checked connections (PostgreSQL and SQLite)."""

import json
import os
import subprocess
import sys

# The settings module alone (no django.setup(): the apps, their models and checks are not
# what is read here, and loading them costs some 3 s of CPU per process).
READ = (
    "import json; from django.conf import settings; "
    "db = settings.DATABASES['default']; "
    "print(json.dumps([db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS']]))"
)


def database_settings(tmp_path, **variables) -> list:
    inherited = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CONN_MAX_AGE")}
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "erkt.settings", "DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", READ],
        env={**env, **variables},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_postgresql_keeps_its_connections_and_checks_them_before_reuse(tmp_path):
    url = "postgres://erkt:rahasia@127.0.0.1:5432/erkt"
    assert database_settings(tmp_path, DATABASE_URL=url) == [600, True]


def test_the_operator_may_set_another_age_or_close_after_each_request(tmp_path):
    url = "postgres://erkt:rahasia@127.0.0.1:5432/erkt"
    assert database_settings(tmp_path, DATABASE_URL=url, CONN_MAX_AGE="60") == [60, True]
    assert database_settings(tmp_path, DATABASE_URL=url, CONN_MAX_AGE="0") == [0, False]


def test_sqlite_keeps_its_connections_too(tmp_path):
    assert database_settings(tmp_path) == [600, True]


def test_sqlite_may_still_close_after_each_request(tmp_path):
    assert database_settings(tmp_path, CONN_MAX_AGE="0") == [0, False]
