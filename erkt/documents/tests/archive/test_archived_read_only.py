"""An archived process is finished: the engine and the RKT services refuse every change."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.documents.archive.services import create_berkas
from erkt.documents.tests.archive.conftest import BERKAS_DATA, user
from erkt.org.models import Unit
from erkt.rkt.tests import preparation_helpers
from erkt.workflow import engine
from erkt.workflow.errors import Conflict
from erkt.workflow.models import Process, Task

pytestmark = pytest.mark.django_db


def _step_11(process: Process) -> Task:
    return Task.objects.get(process=process, step_run__number=11)


def test_the_archiving_step_cannot_be_done_twice(archived, tim1):
    with pytest.raises(Conflict):
        create_berkas(archived.process, by=tim1, data={**BERKAS_DATA, "nomor_berkas": "2"})
    with pytest.raises(Conflict):
        engine.complete_task(_step_11(archived.process), by=tim1)


def test_the_engine_refuses_every_change_to_an_archived_process(archived, kepala, tim1):
    process, task = archived.process, _step_11(archived.process)
    upload = SimpleUploadedFile("lagi.pdf", b"%PDF-1.4", "application/pdf")
    entries = AuditEntry.objects.count()
    refused = [
        lambda: engine.cancel_process(process, by=kepala, reason="Batal."),
        lambda: engine.add_attachment(task, by=tim1, file=upload),
        lambda: engine.tighten_plan(process, by=kepala, working_days={11: 1}),
        lambda: engine.reopen_unit_task(
            process,
            step_number=4,
            unit=Unit.objects.get(short_name="PSDM"),
            by=tim1,
            reason="Perbaiki.",
        ),
    ]
    for change in refused:
        with pytest.raises(Conflict, match=r"sudah (selesai|diselesaikan)"):
            change()
    assert AuditEntry.objects.count() == entries


def test_the_preparation_records_cannot_change_after_archiving(at_step_11, tim1):
    rapat = preparation_helpers.record_rapat(at_step_11)
    create_berkas(at_step_11, by=tim1, data=dict(BERKAS_DATA))
    with pytest.raises(Conflict, match="tidak dapat diubah"):
        preparation_helpers.record_disposisi(at_step_11, perihal="Diubah")
    with pytest.raises(Conflict):
        preparation_helpers.record_rapat(at_step_11, tempat="Lain")
    with pytest.raises(Conflict):
        preparation_helpers.record_attendance(rapat, notulen="Diubah")
    rapat.refresh_from_db()
    assert (rapat.tempat, rapat.notulen) == ("Aula BKPSDM", "")


def test_the_step_pages_no_longer_offer_editing(archived, client_for):
    process = archived.process
    response = client_for(user("kepala")).post(
        reverse("rkt:disposisi", args=[process.pk]), {"perihal": "Diubah"}
    )
    assert response.status_code == 403
