"""The RKT step fixtures restore what a fresh run of their steps writes
(erkt.rkt.tests.drafts_helpers, erkt.testing.snapshots.restore_or_apply)."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from erkt.audit.models import AuditEntry
from erkt.audit.verify import verify_chain
from erkt.documents.archive.models import ArchiveCertificate
from erkt.documents.models import DocumentFile, IssuedDocument
from erkt.documents.signing.certificates import decrypt
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.documents.signing.models import SigningCertificate, TrustedRoot
from erkt.documents.tests.signing_helpers import pyhanko_status, stored_pdf
from erkt.org.tests.snapshot_helpers import RANDOM, files, restamp_office, rewind_sequences, rows
from erkt.rkt.drafts.models import DraftRkt
from erkt.rkt.tests import drafts_helpers as steps
from erkt.testing import signing_keys, snapshots
from erkt.workflow import actions, engine
from erkt.workflow.models import Attachment, Task

MONDAY = datetime.datetime(2026, 1, 5, 9, tzinfo=steps.WITA)
CHAIN = (
    ("rkt.compiled", steps._compile),
    ("rkt.at_step_7", steps._to_step_7),
    ("rkt.at_step_8", steps._to_step_8),
    ("rkt.at_step_9", steps._to_step_9),
)


def _certify(process):
    """The `kepala_certificate` fixture's load (keys drawn once per test process)."""
    signing_keys.load_kepala_certificate(process.organization)
    return process


# Step 10 as `at_step_10` reaches it: the certificate loaded under step 9's clock.
CHAIN_10 = (*CHAIN, ("kepala_certificate", _certify), ("rkt.at_step_10", steps._to_step_10))
# Encrypted at random (Fernet): a restore keeps the recorded token, of the same content.
ENCRYPTED = {
    SigningCertificate._meta.db_table: ("encrypted_pkcs12",),
    ArchiveCertificate._meta.db_table: ("encrypted_pkcs12",),
}


@pytest.fixture(autouse=True)
def _own_recordings(monkeypatch):
    """Each test starts from no recording: the recordings other tests left (at most three
    per key) must not decide whether this one can record."""
    monkeypatch.setattr(snapshots, "_applied", {})


@pytest.fixture
def office(demo, time_machine, monkeypatch, request):
    """The demo office under the clock and registry of `at_step_6`; the fixtures used so far."""
    time_machine.move_to(MONDAY, tick=False)
    for key in steps.PREPARATION_ACTIONS:
        monkeypatch.delitem(actions._registry, key, raising=False)
    return demo, list(request.node.stash[snapshots._restored_in_test])


def run(request, office, kepala, step, chain=CHAIN):
    """Steps 1-9 (or what `chain` names) of the RKT 2027 process, each through
    `step(name, apply)`."""
    demo, used = office
    request.node.stash[snapshots._restored_in_test] = list(used)
    process = step("rkt.at_step_6", lambda: steps._run_step_6(demo, kepala))
    for name, move in chain:
        process = step(name, lambda move=move, process=process: move(process))
    return process


def fresh(name, apply):
    return apply()


def recorded(request):
    return lambda name, apply: steps.recorded_step(request, name, apply)


def restored_only(request):
    def refuse():
        raise AssertionError("the step ran instead of being restored")

    return lambda name, apply: steps.recorded_step(request, name, refuse)


def record(request, office, kepala, chain=CHAIN):
    """Make sure this process holds a recording (made here unless an earlier test did)."""
    with transaction.atomic():
        run(request, office, kepala, recorded(request), chain)
        transaction.set_rollback(True)


def pop_random(got: dict, expected: dict) -> None:
    """Take the columns drawn at random (RANDOM) out of both sides, once `got` shows
    each of them drawn, unique within its table."""
    for table, columns in RANDOM.items():
        drawn = [row.pop(column) for row in got[table] for column in columns]
        assert all(drawn) and len(set(drawn)) == len(drawn), table
        for row in expected[table]:
            for column in columns:
                row.pop(column)


def test_a_restored_step_9_has_every_row_and_file_of_a_fresh_run(
    office, kepala, request, settings, tmp_path, monkeypatch
):
    # Recorded here, so that the recording and the fresh run get the same keys.
    monkeypatch.setattr(snapshots, "_applied", {})
    settings.MEDIA_ROOT = tmp_path / "recorded"
    rewind_sequences()
    record(request, office, kepala)
    # The office below restored at another moment: a step that copied one of its stamps
    # into what it writes would differ from its recording.
    restamp_office(days=-3)
    settings.MEDIA_ROOT = tmp_path / "fresh"
    rewind_sequences()
    with transaction.atomic():
        run(request, office, kepala, fresh)
        expected, expected_files = rows(), list(files().values())
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "restored"

    process = run(request, office, kepala, restored_only(request))

    got = rows()
    assert got.keys() == expected.keys()
    for table in ("workflow_process", "workflow_task", "audit_auditentry"):
        assert got[table], table  # the comparison covers the process, its tasks, its log
    pop_random(got, expected)
    for table, values in expected.items():
        assert got[table] == values, table
    assert list(files().values()) == expected_files
    assert DraftRkt.objects.filter(process=process).count() == 2
    assert Task.objects.get(process=process, step_run__number=9, status="open")


def test_a_restored_step_9_passes_the_audit_verification_and_its_files_their_hashes(
    office, kepala, request, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "recorded"
    record(request, office, kepala)
    settings.MEDIA_ROOT = tmp_path / "restored"

    process = run(request, office, kepala, restored_only(request))

    report = verify_chain(process.organization)
    assert report.ok, report.problem
    assert report.count == AuditEntry.objects.filter(organization=process.organization).count()
    assert report.count > 0
    assert IssuedDocument.objects.filter(process=process).count() == 5  # the forms
    for document in IssuedDocument.objects.exclude(pdf_file=""):
        assert hashlib.sha256(document.pdf_file.read()).hexdigest() == document.pdf_sha256
    for stored in DocumentFile.objects.all():
        assert hashlib.sha256(stored.file.read()).hexdigest() == stored.sha256
    uploads = Attachment.objects.filter(task__process=process)
    assert uploads.count() == 3  # the outputs of steps 1-3, stored again in this test's media
    for upload in uploads:
        assert upload.file.read() == b"%PDF-1.4 isi"


def test_a_restored_step_10_has_every_row_and_file_of_a_fresh_run(
    office, kepala, request, settings, tmp_path, monkeypatch
):
    monkeypatch.setattr(snapshots, "_applied", {})
    settings.MEDIA_ROOT = tmp_path / "recorded"
    rewind_sequences()
    record(request, office, kepala, CHAIN_10)
    restamp_office(days=-3)
    settings.MEDIA_ROOT = tmp_path / "fresh"
    rewind_sequences()
    with transaction.atomic():
        run(request, office, kepala, fresh, CHAIN_10)
        expected, expected_files = rows(), list(files().values())
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = tmp_path / "restored"

    process = run(request, office, kepala, restored_only(request), CHAIN_10)

    got = rows()
    assert got.keys() == expected.keys()
    for table in (*ENCRYPTED, TrustedRoot._meta.db_table, "workflow_task", "audit_auditentry"):
        assert got[table], table  # the comparison covers the certificates and the log
    pop_random(got, expected)
    for table, columns in ENCRYPTED.items():
        for got_row, expected_row in zip(got[table], expected[table], strict=True):
            for column in columns:
                assert decrypt(got_row.pop(column)) == decrypt(expected_row.pop(column))
    for table, values in expected.items():
        assert got[table] == values, table
    assert list(files().values()) == expected_files
    assert steps.latest(process).number == 2
    assert Task.objects.get(process=process, step_run__number=10, status="open")


def test_a_restored_step_10_passes_the_audit_verification_and_the_kepala_signs_it(
    office, kepala, request, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "recorded"
    record(request, office, kepala, CHAIN_10)
    settings.MEDIA_ROOT = tmp_path / "restored"
    process = run(request, office, kepala, restored_only(request), CHAIN_10)
    report = verify_chain(process.organization)
    assert report.ok, report.problem

    engine.complete_task(
        steps.open_task(process, 10),
        by=kepala,
        decision="ya",
        payload={"passphrase": DEMO_PASSPHRASE},
    )

    document = IssuedDocument.objects.get(process=process, kind="rkt.final")
    status = pyhanko_status(stored_pdf(document), process.organization)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.serial_number == int(
        SigningCertificate.objects.get(employee__user=kepala, active=True).serial, 16
    )
    assert verify_chain(process.organization).ok


def test_the_steps_run_again_under_another_step_action_registry(
    office, kepala, request, monkeypatch
):
    record(request, office, kepala)
    monkeypatch.setitem(actions._registry, "test.other", next(iter(actions._registry.values())))
    ran = []

    def step(name, apply):
        return steps.recorded_step(request, name, lambda: ran.append(name) or apply())

    run(request, office, kepala, step)

    assert ran == ["rkt.at_step_6", *(name for name, _ in CHAIN)]


def test_the_steps_run_again_at_another_moment(office, kepala, request, time_machine):
    record(request, office, kepala)
    time_machine.move_to(MONDAY + datetime.timedelta(hours=1), tick=False)
    ran = []

    def step(name, apply):
        return steps.recorded_step(request, name, lambda: ran.append(name) or apply())

    run(request, office, kepala, step)

    assert ran[0] == "rkt.at_step_6"


def test_the_steps_run_again_when_the_office_was_changed_before(office, kepala, request):
    record(request, office, kepala)
    get_user_model().objects.filter(username="tim1").update(first_name="Berubah")
    ran = []

    def step(name, apply):
        return steps.recorded_step(request, name, lambda: ran.append(name) or apply())

    process = run(request, office, kepala, step)

    assert ran == ["rkt.at_step_6", *(name for name, _ in CHAIN)]
    assert verify_chain(process.organization).ok


def test_the_steps_run_again_when_a_file_name_they_stored_is_taken(
    office, kepala, request, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    record(request, office, kepala)  # its files stay in the media directory: names taken
    ran = []

    def step(name, apply):
        return steps.recorded_step(request, name, lambda: ran.append(name) or apply())

    process = run(request, office, kepala, step)

    assert ran[0] == "rkt.at_step_6"
    assert verify_chain(process.organization).ok
