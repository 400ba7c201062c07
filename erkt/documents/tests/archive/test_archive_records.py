"""The bundle carries the SOP version the process ran, the audit report and the step-2
Dokumen Perencanaan dan Program Kerja, each a PDF/A file named in the manifest."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from erkt.documents import registry
from erkt.documents.archive.records import AUDIT_REPORT, SOP, process_records
from erkt.documents.archive.services import create_berkas
from erkt.documents.models import IssuedDocument
from erkt.documents.pdfa_check import pdfa_problems
from erkt.documents.tests.archive.conftest import BERKAS_DATA, issue_documents, user
from erkt.rkt.documents.preparation import preparation_documents
from erkt.rkt.preparation.models import RencanaPenyusunan

pytestmark = pytest.mark.django_db

SOP_PDF = "dokumen/sop.dokumen/SOP-penyusunan-rkt-v1.pdf"
AUDIT_PDF = "dokumen/audit.laporan/Laporan-Jejak-Audit-2027.pdf"
RENCANA_PDF = "dokumen/rkt.rencana/Perencanaan-dan-Program-Kerja-RKT-2027.pdf"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def with_records(at_step_11, monkeypatch):
    """Step 11 with the SOP, audit report and preparation providers beside the test one,
    and the plan of step 2 recorded."""
    monkeypatch.setattr(
        registry, "_providers", [issue_documents, process_records, preparation_documents]
    )
    RencanaPenyusunan.objects.create(
        process=at_step_11,
        uraian="Tim 1 mengompilasi, Tim 2 mengarsipkan.",
        planned_end=at_step_11.planned_end,
        created_by=user("kasubbag.perencanaan"),
    )
    return at_step_11


@pytest.fixture
def bundled(with_records):
    berkas = create_berkas(with_records, by=user("tim1"), data=dict(BERKAS_DATA))
    with berkas.bundle.open("rb") as stored, zipfile.ZipFile(io.BytesIO(stored.read())) as zip_:
        files = {name: zip_.read(name) for name in zip_.namelist()}
    return berkas, files


def test_the_bundle_holds_the_three_new_files_named_in_the_manifest(bundled):
    berkas, files = bundled
    manifest = json.loads(files["manifest.json"])
    listed = {item["path"] for item in manifest["files"]}
    for path in (SOP_PDF, AUDIT_PDF, RENCANA_PDF):
        assert path in files and path in listed and path in berkas.manifest
    kinds = {document["kind"] for document in manifest["documents"]}
    assert {SOP, AUDIT_REPORT, "rkt.rencana"} <= kinds


def test_each_new_file_is_pdfa(bundled):
    _berkas, files = bundled
    for path in (SOP_PDF, AUDIT_PDF, RENCANA_PDF):
        assert pdfa_problems(files[path]) == [], path


def test_the_sop_is_the_official_document_of_the_version_run(bundled):
    _berkas, files = bundled
    text = _text(files[SOP_PDF])
    sop = IssuedDocument.objects.get(kind=SOP)
    assert PdfReader(io.BytesIO(files[SOP_PDF])).xmp_metadata.dc_identifier == sop.code
    assert "PENYUSUNAN RENCANA KINERJA TAHUNAN" in text
    assert "TIDAK BERLAKU" not in text and "DRAF" not in text


def test_the_audit_report_says_who_did_what_when_in_which_jabatan(bundled):
    _berkas, files = bundled
    text = _text(files[AUDIT_PDF])
    assert "LAPORAN JEJAK AUDIT" in text
    assert "Dr. H. Ahmad Rifani, S.Sos., M.Si." in text  # the Kepala, by name
    assert "Kepala Badan" in text  # the jabatan at the time
    assert "Memulai pelaksanaan" in text and "Menyelesaikan tugas" in text
    assert "2 Nov 2026 09.00.00" in text  # local time (WITA)
    assert "Pelaksanaan selesai" in text  # the report holds the completion of step 11


def test_the_audit_report_is_issued_only_for_a_completed_process(with_records):
    kinds = {d.kind for d in process_records(with_records, by=user("tim1"))}
    assert kinds == {SOP}


def test_the_planning_line_reads_the_audit_report_a_unit_head_does_not(
    bundled, client_for, kasubbag_perencanaan, kabid_ppik, stranger
):
    report = IssuedDocument.objects.get(kind=AUDIT_REPORT)
    sop = IssuedDocument.objects.get(kind=SOP)
    url = reverse("documents:download", args=[report.pk, "pdf"])
    assert client_for(kasubbag_perencanaan).get(url).status_code == 200
    assert client_for(kabid_ppik).get(url).status_code == 404
    assert client_for(stranger).get(url).status_code == 404
    sop_url = reverse("documents:download", args=[sop.pk, "pdf"])
    assert client_for(kabid_ppik).get(sop_url).status_code == 200
    assert client_for(stranger).get(sop_url).status_code == 404
