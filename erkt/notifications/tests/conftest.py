import datetime
import zoneinfo

import pytest

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


@pytest.fixture
def queue(settings, time_machine):
    """The production queue (database backend): nothing is sent until the worker runs."""
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=WITA), tick=True)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ERKT_PUBLIC_URL = "https://erkt.balangankab.go.id"
