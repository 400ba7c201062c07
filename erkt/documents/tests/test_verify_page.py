"""The public verification page /verifikasi/<code>: what was signed, and a check of any PDF."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from erkt.documents.services import issue
from erkt.documents.signing.services import store_scan
from erkt.documents.tests.conftest import NOTA
from erkt.documents.tests.signing_helpers import one_byte_changed, signed_nota, stored_pdf


@pytest.fixture
def signed(demo, kepala, kepala_certificate, nota_snapshot):
    return signed_nota(demo, nota_snapshot, kepala)


def url(document) -> str:
    return reverse("signing:verify", args=[document.code])


def check(document, content: bytes):
    upload = SimpleUploadedFile("rkt.pdf", content, "application/pdf")
    return Client().post(url(document), {"pdf": upload})


def test_anyone_sees_what_was_signed_without_signing_in(signed, demo):
    response = Client().get(url(signed))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (signed.title, demo.name, signed.signature.signer_name, signed.pdf_sha256):
        assert text in body
    assert "Tanda tangan elektronik (sertifikat)" in body


def test_the_signed_pdf_itself_is_valid(signed):
    response = check(signed, stored_pdf(signed))
    assert response.status_code == 200
    result = response.context["check"]
    assert response.context["valid"] and result.same_document and result.signature_valid
    assert 'data-verdict="valid"' in response.content.decode()


def test_one_changed_byte_is_not_valid_with_the_reason(signed):
    response = check(signed, one_byte_changed(stored_pdf(signed)))
    body = response.content.decode()
    assert not response.context["valid"] and 'data-verdict="invalid"' in body
    assert "TIDAK VALID" in body
    assert "Bukan dokumen yang sama" in body
    assert "berubah setelah ditandatangani" in body


def test_another_pdf_is_not_the_same_document(signed, nota_snapshot):
    from erkt.documents.tests.conftest import nota_pdf

    response = check(signed, nota_pdf(nota_snapshot))
    assert not response.context["valid"]
    assert "tidak memuat tanda tangan elektronik" in response.content.decode()


def test_a_wet_signed_scan_is_checked_by_its_hash(demo, kepala, nota_snapshot):
    document = issue(
        kind=NOTA, key="scan", title="Nota", snapshot=nota_snapshot, organization=demo, by=kepala
    )
    scan = b"%PDF-1.4 pindaian bertanda tangan basah"
    store_scan(document, content=scan, by=kepala, filename="scan.pdf", signer_name="Kepala")
    assert Client().get(url(document)).context["signature"].method == "scan"
    assert check(document, scan).context["valid"]
    assert not check(document, scan + b" ").context["valid"]


def test_an_unknown_code_is_404_and_other_methods_405(signed):
    assert Client().get(reverse("signing:verify", args=["tidak-ada"])).status_code == 404
    assert Client().put(url(signed)).status_code == 405


def test_a_file_over_the_limit_is_refused_with_a_message(signed, monkeypatch):
    from erkt.documents.signing.forms import VerifyUploadForm

    monkeypatch.setattr(VerifyUploadForm, "MAX_SIZE", 1024 * 1024)
    response = check(signed, stored_pdf(signed) + b"\n" * 1024 * 1024)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Berkas terlalu besar untuk diperiksa (paling besar 1 MB)." in html
    assert "data-verdict" not in html
