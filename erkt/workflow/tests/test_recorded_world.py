"""The permissions table's `world`, restored from its recording, is what a fresh build
writes (erkt.workflow.tests.page_helpers.recorded, erkt.testing.snapshots)."""

from __future__ import annotations

import pytest
from django.db import transaction

from erkt.org.tests.snapshot_helpers import rewind_sequences, rows
from erkt.testing import snapshots
from erkt.workflow.models import Attachment
from erkt.workflow.tests.page_helpers import MONDAY, at, build_world, recorded, world_of

NAME = "workflow.permissions_world"


@pytest.fixture
def office(demo, kepala, tim1, time_machine, monkeypatch, request):
    """The demo office under the world's clock, with no recording of the world yet."""
    time_machine.move_to(at(MONDAY), tick=False)
    monkeypatch.setattr(snapshots, "_applied", {})
    return demo, kepala, tim1, list(request.node.stash[snapshots._restored_in_test])


def build(request, office, apply=None):
    demo, kepala, tim1, used = office
    request.node.stash[snapshots._restored_in_test] = list(used)
    request.node.stash[snapshots._last_step] = None
    return recorded(request, NAME, apply or (lambda: build_world(demo, kepala, tim1)))


def refuse():
    raise AssertionError("the world was built instead of restored")


def files() -> dict[int, bytes]:
    return {a.pk: a.file.read() for a in Attachment.objects.order_by("pk")}


def test_a_restored_world_has_every_row_and_file_of_a_fresh_build(
    office, request, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "recorded"
    rewind_sequences()
    with transaction.atomic():
        build(request, office)
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "fresh"
    rewind_sequences()
    with transaction.atomic():
        demo, kepala, tim1, _used = office
        expected_world = world_of(build_world(demo, kepala, tim1))
        expected, expected_files = rows(), list(files().values())
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "restored"
    rewind_sequences()

    world = world_of(build(request, office, refuse))

    got = rows()
    assert got.keys() == expected.keys()
    for table in ("workflow_process", "workflow_task", "workflow_attachment", "audit_auditentry"):
        assert got[table], table  # the comparison covers the process, its tasks, files, log
    for table, values in expected.items():
        assert got[table] == values, table
    assert list(files().values()) == expected_files
    assert world["attachment"].file.read() == b"%PDF-1.4 isi"
    assert world["attachment"].file.path.startswith(str(tmp_path / "restored"))
    assert world["task"].claimed_by_id == expected_world["task"].claimed_by_id
    assert {k: type(v) for k, v in world.items()} == {k: type(v) for k, v in expected_world.items()}
