"""GET /processes/{id}/documents and GET /documents/{id}/{fmt}: the issued documents of a
process, and each one's file, under the same access rule as the web pages."""

from __future__ import annotations

import datetime
import hashlib
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from erkt.api.tests.helpers import assert_error
from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.tests.drafts_helpers import (
    WITA,
    finish_unit_reviews,
    next_version,
    open_task,
    prepare_step_6,
    user,
)
from erkt.workflow import engine

pytestmark = pytest.mark.django_db

TITLE = "RENCANA KINERJA TAHUNAN (RKT) TAHUN 2027"


@pytest.fixture
def forms_sent(demo, kepala, time_machine, monkeypatch):
    """The RKT 2027 process at step 6: every unit's Form RKT sent (and issued as a document)."""
    time_machine.move_to(datetime.datetime(2026, 1, 5, 9, tzinfo=WITA), tick=False)
    return prepare_step_6(demo, kepala, monkeypatch)


@pytest.fixture
def signed(forms_sent, kepala_certificate, settings):
    """Steps 6-10 on: version 2 agreed, the Kepala Badan signed the final RKT (demo certificate)."""
    settings.ERKT_PUBLIC_URL = "https://erkt.example.go.id"
    process = forms_sent
    compile_draft(process, by=user("tim1"))
    engine.complete_task(open_task(process, 6), by=user("tim1"))
    finish_unit_reviews(process)
    next_version(process)
    engine.complete_task(open_task(process, 9), by=user("sekretaris"), decision="ya")
    engine.complete_task(
        open_task(process, 10),
        by=user("kepala"),
        decision="ya",
        payload={"passphrase": DEMO_PASSPHRASE},
    )
    return process


def final_of(process) -> IssuedDocument:
    return IssuedDocument.objects.get(process=process, kind="rkt.final")


def form_document(process, unit: str) -> IssuedDocument:
    return IssuedDocument.objects.get(
        process=process, kind="rkt.form", snapshot__unit__short_name=unit
    )


def test_the_list_gives_each_document_with_its_formats_hashes_and_verification_address(
    signed, api_for, tim1
):
    response = api_for(tim1).get(f"/processes/{signed.pk}/documents")

    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()}
    assert set(items) == set(
        IssuedDocument.objects.filter(process=signed).values_list("pk", flat=True)
    )
    final = final_of(signed)
    item = items[final.pk]
    assert (item["kind"], item["title"], item["key"]) == ("rkt.final", final.title, final.key)
    assert item["title"] == "RKT Tahun 2027"
    assert item["formats"] == ["pdf", "docx", "xlsx"]
    assert (item["digest"], item["pdf_kind"]) == (final.digest, "digital")
    assert item["pdf_sha256"] == final.pdf_sha256 and len(item["pdf_sha256"]) == 64
    assert item["verification_code"] == final.code
    assert item["verification_url"] == f"https://erkt.example.go.id/verifikasi/{final.code}/"
    assert {i["kind"] for i in items.values()} >= {"rkt.final", "rkt.form"}


def test_each_format_of_the_signed_rkt_downloads_and_parses_back(signed, api_for, tim1):
    api = api_for(tim1)
    final = final_of(signed)

    pdf = api.get(f"/documents/{final.pk}/pdf")
    docx = api.get(f"/documents/{final.pk}/docx")
    xlsx = api.get(f"/documents/{final.pk}/xlsx")

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment; filename=")
    assert hashlib.sha256(pdf.content).hexdigest() == final.pdf_sha256  # the signed bytes
    pdf_text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert TITLE in pdf_text
    paragraphs = [p.text for p in Document(BytesIO(docx.content)).paragraphs]
    assert any(TITLE in text for text in paragraphs)
    sheet = load_workbook(BytesIO(xlsx.content)).worksheets[0]
    assert any(TITLE in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    assert_error(api.get(f"/documents/{final.pk}/odt"), 404)


def test_a_unit_head_gets_only_the_own_units_form_rkt(forms_sent, api_for, kabid_ppik):
    api = api_for(kabid_ppik)
    own, other = form_document(forms_sent, "PPIK"), form_document(forms_sent, "PSDM")

    listed = api.get(f"/processes/{forms_sent.pk}/documents").json()

    assert [item["id"] for item in listed if item["kind"] == "rkt.form"] == [own.pk]
    workbook = load_workbook(BytesIO(api.get(f"/documents/{own.pk}/xlsx").content))
    assert workbook.worksheets
    assert_error(api.get(f"/documents/{other.pk}/pdf"), 404)


def test_another_organisation_gets_404(forms_sent, api_for, stranger):
    api = api_for(stranger)
    document = form_document(forms_sent, "PPIK")

    assert_error(api.get(f"/processes/{forms_sent.pk}/documents"), 404)
    assert_error(api.get(f"/documents/{document.pk}/pdf"), 404)


def test_without_a_token_the_answer_is_401(forms_sent, anonymous_api):
    document = form_document(forms_sent, "PPIK")

    assert_error(anonymous_api.get(f"/processes/{forms_sent.pk}/documents"), 401)
    assert_error(anonymous_api.get(f"/documents/{document.pk}/pdf"), 401)


def test_the_list_gives_the_sha256_of_each_file_as_downloaded(forms_sent, api_for, tim1):
    api = api_for(tim1)
    form = form_document(forms_sent, "MPK")
    downloaded = {fmt: api.get(f"/documents/{form.pk}/{fmt}").content for fmt in ("pdf", "xlsx")}

    items = {item["id"]: item for item in api.get(f"/processes/{forms_sent.pk}/documents").json()}

    listed = items[form.pk]["sha256"]
    for fmt, content in downloaded.items():
        assert listed[fmt] == hashlib.sha256(content).hexdigest()
