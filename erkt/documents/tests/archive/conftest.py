"""An RKT process at its archiving step (11), with documents of the tests' own.

Steps 1-10 run with the engine's default behaviour (a note and an uploaded file;
"ya" at the decisions): only step 11 keeps its action "rkt.arsip". The documents
come from one test provider instead of the RKT apps' providers, so the bundle's
content is known exactly.
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.documents import registry
from erkt.documents.archive.services import create_berkas
from erkt.documents.services import issue
from erkt.sop.models import Sop
from erkt.workflow import actions, engine
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
TODAY = datetime.date(2026, 11, 2)
KIND = "test.arsip"
SIGNED_PDF = b"%PDF-1.7 RKT 2027 ditandatangani"


def user(username: str):
    return get_user_model().objects.get(username=username)


def _pdf(snapshot: dict) -> bytes:
    return f"%PDF-1.4 {snapshot['title']}".encode()


def _docx(snapshot: dict) -> bytes:
    return f"DOCX {snapshot['title']}".encode()


TEST_TYPE = registry.DocumentType(
    kind=KIND, label="Dokumen uji", filename=lambda s: s["name"], pdf=_pdf, docx=_docx
)


def issue_documents(process: Process, *, by) -> list:
    """Two documents; the first kept as a signed PDF, the second sharing its file name."""
    common = {"kind": KIND, "organization": process.organization, "process": process, "by": by}
    final = issue(
        key="final",
        title="RKT 2027",
        snapshot={"title": "RKT 2027", "name": "RKT-2027"},
        **common,
    )
    if not final.pdf_file:
        final.store_pdf(SIGNED_PDF, kind="digital", filename="rkt-2027.pdf")
    draft = issue(
        key="draft:1",
        title="Draft RKT versi 1",
        snapshot={"title": "Draft RKT versi 1", "name": "RKT-2027"},
        **common,
    )
    return [final, draft]


@pytest.fixture
def archive_documents(monkeypatch):
    monkeypatch.setitem(registry._types, KIND, TEST_TYPE)
    monkeypatch.setattr(registry, "_providers", [issue_documents])


def finish_step(process: Process, number: int) -> None:
    for task in Task.objects.filter(process=process, step_run__number=number, status="open"):
        by = task.eligible_employees().order_by("pk").first().user
        if task.step.is_decision:
            engine.complete_task(task, by=by, decision="ya")
            continue
        upload = SimpleUploadedFile("keluaran.pdf", b"%PDF-1.4 isi", "application/pdf")
        engine.add_attachment(task, by=by, file=upload)
        engine.complete_task(task, by=by)


def run_to_step_11(organization, kepala, monkeypatch, year: int = 2027) -> Process:
    for key in actions.registered_keys():
        if key != "rkt.arsip":
            monkeypatch.delitem(actions._registry, key)
    sop = Sop.objects.get(organization=organization, code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=year, by=kepala)
    for number in range(1, 11):
        finish_step(process, number)
    process.refresh_from_db()
    return process


@pytest.fixture
def at_step_11(demo, kepala, time_machine, monkeypatch, archive_documents) -> Process:
    """The RKT 2027 process, started today (Monday 2 November 2026), at step 11."""
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=WITA), tick=False)
    return run_to_step_11(demo, kepala, monkeypatch)


BERKAS_DATA = {
    "nomor_berkas": "000.7/001/BKPSDM/2026",
    "kode_klasifikasi": "000.7",
    "uraian": "Berkas Penyusunan RKT 2027",
    "tanggal": TODAY,
    "retensi_aktif": 2,
    "retensi_inaktif": 3,
    "nasib_akhir": "permanen",
}


@pytest.fixture
def archived(at_step_11):
    """The Berkas of the RKT 2027 process, made by tim1."""
    return create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA))
