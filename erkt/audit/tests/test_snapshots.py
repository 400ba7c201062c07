"""An audit entry's snapshots are stored exactly as hashed: what their JSON round trip gives,
also where record() builds them without it (a transition's snapshots of plain values)."""

from __future__ import annotations

import datetime
import decimal
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy

from erkt.audit.log import _jsonable
from erkt.workflow.models import Task

SNAPSHOTS = [
    {},
    {
        "status": Task.Status.DONE,
        "pass": 2,
        "unit": None,
        "position": "<script>alert('x')</script> \"Kabid\" \\ ünïcode",
        "claimed_by": None,
        "decision": "",
        "note": "baris\nkedua",
        "due_date": datetime.date(2026, 12, 31),
        "late": True,
    },
    {"step": 3, "opened_on": datetime.date(2027, 1, 4), "huge": 2**70, "negative": -5},
    # Not plain: the round trip decides.
    {"planned_end": datetime.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)},
    {"step_working_days": {"3": 5, "4": 2}, "list": [1, datetime.date(2026, 1, 1)]},
    {"amount": decimal.Decimal("1.50"), "ratio": 0.1},
    {"label": gettext_lazy("Tugas")},
    {1: "integer key"},
    [1, "two", None],
    "text",
]


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=range(len(SNAPSHOTS)))
def test_a_snapshot_is_its_json_round_trip(snapshot):
    expected = json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))
    built = _jsonable(snapshot)
    assert built == expected
    assert json.dumps(built, sort_keys=True) == json.dumps(expected, sort_keys=True)
    assert [type(v) for v in _values(built)] == [type(v) for v in _values(expected)]


def test_a_snapshot_is_a_new_dict():
    snapshot = {"status": "open"}
    built = _jsonable(snapshot)
    built["status"] = "done"
    assert snapshot == {"status": "open"}


def _values(value):
    return list(value.values()) if isinstance(value, dict) else [value]
