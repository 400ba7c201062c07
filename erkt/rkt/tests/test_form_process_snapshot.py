"""The `form_process` fixture restores what a fresh run of its steps writes
(erkt.rkt.tests.form_fixtures.run_to_step_4, erkt.testing.snapshots.restore_or_apply)."""

from __future__ import annotations

import pytest
from django.db import transaction

from erkt.audit.verify import verify_chain
from erkt.org.tests.snapshot_helpers import files, restamp_office, rewind_sequences, rows
from erkt.rkt.tests import form_fixtures
from erkt.rkt.tests import preparation_helpers as preparation
from erkt.rkt.tests.drafts_helpers import recorded_step
from erkt.rkt.unit_forms.models import FormRkt
from erkt.testing import snapshots
from erkt.workflow import actions
from erkt.workflow.models import Attachment, Task

NAME = "rkt.form_process"


@pytest.fixture(autouse=True)
def _own_recordings(monkeypatch):
    """Each test starts from no recording (see test_step_snapshots)."""
    monkeypatch.setattr(snapshots, "_applied", {})


@pytest.fixture
def office(demo, kepala, kasubbag_perencanaan, time_machine, monkeypatch, request):
    """The demo office under the clock and registry of `form_process`; the fixtures used."""
    time_machine.move_to(form_fixtures.at(form_fixtures.START), tick=False)
    for key in form_fixtures.PREPARATION_ACTIONS:
        monkeypatch.delitem(actions._registry, key, raising=False)
    return demo, kepala, kasubbag_perencanaan, list(request.node.stash[snapshots._restored_in_test])


def run(request, office, apply_or_refuse=None):
    """`form_process`'s steps, through recorded_step (restored if recorded)."""
    demo, kepala, kasubbag, used = office
    request.node.stash[snapshots._restored_in_test] = list(used)
    request.node.stash[snapshots._last_step] = None

    def apply():
        return form_fixtures.run_to_step_4(demo, kepala, kasubbag)

    return recorded_step(request, NAME, apply_or_refuse or apply)


def refuse():
    raise AssertionError("the steps ran instead of being restored")


def test_a_restored_form_process_has_every_row_and_file_of_a_fresh_run(
    office, request, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "recorded"
    rewind_sequences()
    with transaction.atomic():
        run(request, office)
        transaction.set_rollback(True)
    # The office below restored at another moment: a step that copied one of its stamps
    # into what it writes would differ from its recording.
    restamp_office(days=-3)
    settings.MEDIA_ROOT = tmp_path / "fresh"
    rewind_sequences()
    demo, kepala, kasubbag, _ = office
    with transaction.atomic():
        form_fixtures.run_to_step_4(demo, kepala, kasubbag)
        expected, expected_files = rows(), list(files().values())
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "restored"

    process = run(request, office, refuse)

    got = rows()
    assert got.keys() == expected.keys()
    # The comparison covers the Renstra, the process, its tasks, its log and the forms.
    for table in ("rkt_renstra", "workflow_process", "workflow_task", "audit_auditentry"):
        assert got[table], table
    assert got["rkt_formrkt"] and got["rkt_formrktrow"]
    for table, values in expected.items():
        assert got[table] == values, table
    assert list(files().values()) == expected_files
    assert FormRkt.objects.filter(process=process).count() == len(form_fixtures.HEADS)
    assert Task.objects.filter(process=process, step_run__number=4, status="open").count() == 5


def test_a_restored_form_process_passes_the_audit_verification_and_keeps_its_uploads(
    office, request, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "recorded"
    with transaction.atomic():
        run(request, office)
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "restored"

    process = run(request, office, refuse)

    report = verify_chain(process.organization)
    assert report.ok, report.problem
    assert report.count > 0
    uploads = Attachment.objects.filter(task__process=process)
    assert uploads.count() == 3  # the outputs of steps 1-3, stored again in this test's media
    for upload in uploads:
        assert upload.file.read() == b"%PDF-1.4 isi"


def test_form_process_runs_again_under_another_step_action_registry(office, request, monkeypatch):
    with transaction.atomic():
        run(request, office)
        transaction.set_rollback(True)
    monkeypatch.setitem(actions._registry, "test.other", next(iter(actions._registry.values())))
    ran = []

    process = run(
        request,
        office,
        lambda: ran.append(NAME) or form_fixtures.run_to_step_4(*office[:3]),
    )

    assert ran == [NAME]
    assert FormRkt.objects.filter(process=process).count() == len(form_fixtures.HEADS)


def test_a_restored_meeting_held_has_every_row_of_a_fresh_run(
    demo, kepala, rkt_today, request, settings, tmp_path
):
    used = list(request.node.stash[snapshots._restored_in_test])

    def chain(step):
        request.node.stash[snapshots._restored_in_test] = list(used)
        request.node.stash[snapshots._last_step] = None
        process = step("rkt.rkt_process", lambda: preparation._start(demo, kepala))
        return step("rkt.meeting_held", lambda: preparation._meeting_held(process))

    def recorded(name, apply):
        return recorded_step(request, name, apply)

    def restored_only(name, apply):
        return recorded_step(request, name, refuse)

    settings.MEDIA_ROOT = tmp_path / "recorded"
    rewind_sequences()
    with transaction.atomic():
        chain(recorded)
        transaction.set_rollback(True)
    restamp_office(days=-3)
    rewind_sequences()
    with transaction.atomic():
        chain(lambda name, apply: apply())
        expected = rows()
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "restored"

    process = chain(restored_only)

    got = rows()
    for table in ("workflow_process", "audit_auditentry", "rkt_rapatsosialisasi"):
        assert got[table], table
    assert got == expected
    assert verify_chain(process.organization).ok
