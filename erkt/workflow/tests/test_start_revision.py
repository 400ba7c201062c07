"""Perubahan RKT: the Kepala revises a signed, archived year explicitly, with a reason."""

from __future__ import annotations

import pytest

from erkt.audit.models import AuditEntry
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Process, Task

REASON = "Penyesuaian pagu setelah APBD Perubahan."


@pytest.fixture
def signed(process) -> Process:
    """RKT 2027 signed and archived (the engine's COMPLETED)."""
    Process.objects.filter(pk=process.pk).update(status=Process.Status.COMPLETED)
    process.refresh_from_db()
    return process


def test_the_kepala_starts_a_revision_of_a_signed_year(signed, seed_sop, kepala):
    revision = engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason=REASON)
    assert revision.pk != signed.pk
    assert (revision.year, revision.revision, revision.revision_reason) == (2027, 1, REASON)
    assert revision.is_running
    assert str(revision) == "Penyusunan Rencana Kinerja Tahunan (RKT) 2027 — Perubahan 1"
    task = Task.objects.get(process=revision)
    assert task.step_run.number == 1
    entry = AuditEntry.objects.filter(action="process.revise").get()
    assert REASON in entry.reason


def test_the_second_revision_is_numbered_after_the_first(signed, seed_sop, kepala):
    first = engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason=REASON)
    Process.objects.filter(pk=first.pk).update(status=Process.Status.COMPLETED)
    second = engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason="Lagi.")
    assert second.revision == 2


def test_a_revision_needs_a_reason(signed, seed_sop, kepala):
    with pytest.raises(Invalid) as error:
        engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason="   ")
    assert error.value.status == 422
    assert "Alasan perubahan wajib diisi" in error.value.message
    assert Process.objects.count() == 1


def test_it_refuses_a_revision_by_anyone_but_the_kepala(signed, seed_sop, sekretaris):
    with pytest.raises(NotAllowed) as error:
        engine.start_revision(sop=seed_sop, year=2027, by=sekretaris, reason=REASON)
    assert error.value.status == 403
    assert Process.objects.count() == 1


def test_a_year_not_yet_signed_cannot_be_revised(process, seed_sop, kepala):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.CANCELLED)
    with pytest.raises(Conflict) as error:
        engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason=REASON)
    assert error.value.status == 409
    assert Process.objects.count() == 1


def test_a_running_revision_blocks_another(signed, seed_sop, kepala):
    engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason=REASON)
    with pytest.raises(Conflict) as error:
        engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason=REASON)
    assert error.value.status == 409
    assert Process.objects.count() == 2


def test_a_plain_restart_of_the_signed_year_stays_refused(signed, seed_sop, kepala):
    engine.start_revision(sop=seed_sop, year=2027, by=kepala, reason=REASON)
    Process.objects.filter(revision=1).update(status=Process.Status.COMPLETED)
    with pytest.raises(Conflict) as error:
        engine.start_process(sop=seed_sop, year=2027, by=kepala)
    assert error.value.status == 409
    assert "sudah selesai" in error.value.message
