from __future__ import annotations

import datetime

import pytest
from django.db import connection

from erkt.audit.log import record


@pytest.fixture(autouse=True)
def _generic_steps(without_step_actions):
    """These tests run the seed SOP with the default step behaviour."""


@pytest.fixture
def entries(demo, kepala):
    """Three entries in BKPSDM's chain, the first carrying dates in its snapshots."""
    position = kepala.employee.positions.get()
    return [
        record(
            organization=demo, user=kepala, position=position, action="process.start",
            obj=demo, after={"start_date": datetime.date(2026, 12, 21), "year": 2027},
        ),
        record(
            organization=demo, user=kepala, position=position, action="task.complete",
            obj=demo, before={"status": "open"}, after={"status": "done", "note": "Segera"},
        ),
        record(
            organization=demo, user=kepala, action="process.cancel", obj=demo,
            reason="Jadwal berubah",
        ),
    ]  # fmt: skip


def raw_sql(sql: str, params: list) -> None:
    """Change the table behind the application's back, as an intruder with DB access would."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
