"""The API's RKT step fixtures restore what a fresh run of their steps writes
(erkt.api.tests.rkt.conftest, erkt.testing.snapshots.restore_or_apply)."""

from __future__ import annotations

import pytest
from django.db import transaction

from erkt.api.tests.rkt import conftest as steps
from erkt.audit.verify import verify_chain
from erkt.org.tests.snapshot_helpers import RANDOM, rewind_sequences, rows
from erkt.rkt.tests.drafts_helpers import recorded_step
from erkt.testing import snapshots

CHAIN = (
    ("api.at_step_4", steps._to_step_4),
    ("api.at_step_5", steps._to_step_5),
    ("api.at_step_6", steps._to_step_6),
    ("api.at_step_7", steps._to_step_7),
)


@pytest.fixture
def office(demo, rkt_today, renstra, request):
    return demo, list(request.node.stash[snapshots._restored_in_test])


def run(request, office, kepala, step):
    demo, used = office
    request.node.stash[snapshots._restored_in_test] = list(used)
    process = step("api.rkt_process", lambda: steps._started(demo, kepala))
    for name, move in CHAIN:
        process = step(name, lambda move=move, process=process: move(process))
    return process


def test_a_restored_step_7_has_every_row_of_a_fresh_run_and_verifies(
    office, kepala, request, settings, tmp_path, monkeypatch
):
    monkeypatch.setattr(snapshots, "_applied", {})
    settings.MEDIA_ROOT = tmp_path / "recorded"
    rewind_sequences()
    with transaction.atomic():
        run(request, office, kepala, lambda name, apply: recorded_step(request, name, apply))
        expected = rows()
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "restored"

    def refuse():
        raise AssertionError("the step ran instead of being restored")

    process = run(request, office, kepala, lambda name, _: recorded_step(request, name, refuse))

    got = rows()
    for table, columns in RANDOM.items():
        for row in (*got[table], *expected[table]):
            for column in columns:
                row.pop(column)
    assert got == expected
    report = verify_chain(process.organization)
    assert report.ok, report.problem
    assert report.count > 0
