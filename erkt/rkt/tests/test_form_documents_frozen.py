"""A sent Form RKT is frozen: its PDF, DOCX and XLSX are rendered once when it is issued,
and every download, the archive bundle and the verification page use those bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from erkt.documents import registry
from erkt.documents.archive.bundle import build_bundle
from erkt.rkt.documents.forms import FORM, latest_form_document
from erkt.rkt.tests.form_fixtures import form_of, form_process, submit_all

__all__ = ["form_process"]
FORMATS = ("pdf", "docx", "xlsx")


@pytest.fixture
def sent(form_process, django_capture_on_commit_callbacks):
    """Every unit has sent its form; the sending transactions committed."""
    with django_capture_on_commit_callbacks(execute=True):
        submit_all(form_process)
    return form_process


@pytest.fixture
def renders_differently(monkeypatch):
    """Call it: from then on a new rendering gives other bytes (as a changed system font
    would)."""

    def change() -> None:
        doc_type = registry.get(FORM)
        changed = {
            fmt: (lambda render: lambda snapshot: render(snapshot) + b"\n")(doc_type.renderer(fmt))
            for fmt in FORMATS
        }
        monkeypatch.setitem(registry._types, FORM, dataclasses.replace(doc_type, **changed))

    return change


def download(client: Client, form, fmt: str) -> bytes:
    response = client.get(reverse("rkt:form_document", args=[form.pk, fmt]))
    assert response.status_code == 200
    return response.content


def verify(document, content: bytes, name: str = "form-rkt.pdf"):
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    return Client().post(reverse("signing:verify", args=[document.code]), {"pdf": upload})


def test_sending_a_form_stores_each_format_once_with_its_sha256(sent):
    document = latest_form_document(form_of(sent, "MPK"))
    files = {item.format: item for item in document.files.all()}
    assert set(files) == set(FORMATS)
    for item in files.values():
        assert hashlib.sha256(item.read()).hexdigest() == item.sha256
        assert item.filename.startswith("Form-RKT-2027")


def test_two_downloads_of_each_format_are_the_same_bytes_as_the_bundle_copy(
    sent, client_for, kabid_mpk, renders_differently
):
    form = form_of(sent, "MPK")
    client = client_for(kabid_mpk)
    first = {fmt: download(client, form, fmt) for fmt in FORMATS}
    renders_differently()
    second = {fmt: download(client, form, fmt) for fmt in FORMATS}
    assert first == second
    document = latest_form_document(form)
    bundle = build_bundle(berkas={}, documents=[document], audit=b"")
    with zipfile.ZipFile(io.BytesIO(bundle.content)) as archive:
        packed = {
            name.rsplit(".", 1)[-1]: archive.read(name)
            for name in archive.namelist()
            if name.startswith("dokumen/")
        }
    assert packed == first


def test_a_form_pdf_uploaded_to_its_verification_page_is_the_issued_document(
    sent, client_for, kabid_mpk
):
    form = form_of(sent, "MPK")
    document = latest_form_document(form)
    pdf = download(client_for(kabid_mpk), form, "pdf")
    page = verify(document, pdf).content.decode()
    assert 'data-verdict="valid"' in page
    assert "sama dengan dokumen yang diterbitkan (tanpa tanda tangan elektronik)" in page
    assert hashlib.sha256(pdf).hexdigest() in page  # the page names what was issued


def test_the_downloaded_spreadsheet_is_recognised_too(sent, client_for, kabid_mpk):
    form = form_of(sent, "MPK")
    xlsx = download(client_for(kabid_mpk), form, "xlsx")
    page = verify(latest_form_document(form), xlsx, "form-rkt.xlsx").content.decode()
    assert "sama dengan dokumen yang diterbitkan (tanpa tanda tangan elektronik)" in page


def test_a_changed_form_pdf_is_not_valid(sent, client_for, kabid_mpk):
    form = form_of(sent, "MPK")
    pdf = download(client_for(kabid_mpk), form, "pdf")
    page = verify(latest_form_document(form), pdf + b"%").content.decode()
    assert 'data-verdict="invalid"' in page and "bukan dokumen yang sama" in page
    assert "tanpa tanda tangan elektronik" not in page
