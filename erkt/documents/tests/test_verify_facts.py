"""The verification page states what the national verifier states: the signer, the
certificate (issuer, serial, validity, valid at signing), the signing time and its source,
and whether the document is unchanged; read from the stored signed PDF, without login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from erkt.documents.services import issue
from erkt.documents.signing.facts import NATIONAL_VERIFIER_URL, signature_facts
from erkt.documents.tests.conftest import NOTA
from erkt.documents.tests.signing_helpers import signed_nota
from erkt.documents.tests.timestamp_helpers import TSA_NAME, timestamped_nota


@pytest.fixture
def signed(demo, kepala, kepala_certificate, nota_snapshot):
    return signed_nota(demo, nota_snapshot, kepala)


def page(document) -> str:
    response = Client().get(reverse("signing:verify", args=[document.code]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_names_the_signer_with_nip_and_jabatan_from_the_snapshot(signed, nota_snapshot):
    html = page(signed)
    printed = nota_snapshot["signature"]
    assert printed["nip"] and printed["name"]
    assert f'id="signer-name">{printed["name"]}<' in html
    assert f'id="signer-nip">{printed["nip"]}<' in html
    assert f'id="signer-jabatan">{printed["jabatan"]}<' in html


def test_it_shows_the_certificate_read_from_the_signed_pdf(signed, kepala_certificate):
    facts = signature_facts(signed, signed.signature)
    certificate = facts.certificate
    assert certificate.serial == kepala_certificate.serial
    assert certificate.issuer == "e-RKT Demo CA"
    assert certificate.not_after == kepala_certificate.not_after
    assert certificate.trusted and certificate.valid_at_signing

    html = page(signed)
    assert kepala_certificate.serial in html
    assert "e-RKT Demo CA" in html
    assert "berlaku dan diterbitkan CA yang dipercaya" in html


def test_without_a_timestamp_the_time_comes_from_the_server_clock(signed):
    facts = signature_facts(signed, signed.signature)
    assert facts.time_source == "server" and facts.timestamp_authority == ""
    assert abs((facts.signed_at - signed.signature.signed_at).total_seconds()) < 1
    html = page(signed)
    assert 'data-source="server"' in html
    assert "Jam server e-RKT" in html


def test_it_says_the_document_is_unchanged_and_valid(signed):
    facts = signature_facts(signed, signed.signature)
    assert facts.intact and facts.covers_whole_file and facts.stored_pdf_matches
    html = page(signed)
    assert 'data-summary="valid"' in html
    assert 'data-unchanged="yes"' in html
    assert signed.pdf_sha256 in html


def test_it_states_where_a_bsre_signature_can_also_be_checked(signed):
    html = page(signed)
    assert f'href="{NATIONAL_VERIFIER_URL}"' in html
    assert NATIONAL_VERIFIER_URL == "https://tte.komdigi.go.id/verifyPDF"
    assert "BSrE" in html


def test_a_stored_pdf_changed_on_the_server_is_not_unchanged(signed):
    path = signed.pdf_file.path
    with open(path, "rb") as stored:
        data = bytearray(stored.read())
    position = data.index(b"stream", len(data) // 10) + 20
    data[position] ^= 0x01
    with open(path, "wb") as stored:
        stored.write(data)

    facts = signature_facts(signed, signed.signature)
    assert not facts.intact and not facts.stored_pdf_matches and not facts.valid
    html = page(signed)
    assert 'data-summary="invalid"' in html
    assert 'data-unchanged="no"' in html


def test_a_certificate_no_trusted_ca_issued_is_not_valid_at_signing(signed, demo):
    from erkt.documents.signing.models import TrustedRoot

    TrustedRoot.objects.filter(organization=demo).delete()
    facts = signature_facts(signed, signed.signature)
    assert facts.unchanged and not facts.certificate.trusted
    assert not facts.certificate.valid_at_signing and not facts.valid
    assert "tidak diterbitkan CA yang dipercaya" in page(signed)


def test_a_timestamped_signature_names_the_timestamp_authority(
    demo, kepala, kepala_certificate, nota_snapshot
):
    from erkt.documents.tests.timestamp_helpers import TSA_TIME

    document = timestamped_nota(demo, nota_snapshot, kepala)
    facts = signature_facts(document, document.signature)
    assert facts.time_source == "tsa" and facts.timestamp_authority == TSA_NAME
    assert facts.signed_at == TSA_TIME and facts.timestamp_valid
    assert facts.valid

    html = page(document)
    assert 'data-source="tsa"' in html
    assert f"otoritas stempel waktu (TSA): {TSA_NAME}" in html
    assert "30 November 2026 09:02:03" in html  # the TSA's time, in the office's zone


def test_a_timestamp_of_an_untrusted_authority_is_named_as_such(
    demo, kepala, kepala_certificate, nota_snapshot
):
    document = timestamped_nota(demo, nota_snapshot, kepala, trust_tsa=False)
    facts = signature_facts(document, document.signature)
    assert facts.time_source == "tsa" and not facts.timestamp_valid
    assert "Stempel waktu ini tidak dapat dipastikan" in page(document)


def test_an_unsigned_document_keeps_its_answer(demo, kepala, nota_snapshot):
    document = issue(
        kind=NOTA, key="n", title="Nota", snapshot=nota_snapshot, organization=demo, by=kepala
    )
    html = page(document)
    assert 'data-summary="unsigned"' in html
    assert "belum ditandatangani" in html
    assert "Sertifikat elektronik" not in html and NATIONAL_VERIFIER_URL not in html


def test_an_unknown_code_gets_the_styled_404_page(db):
    response = Client().get(reverse("signing:verify", args=["tidak-ada-kode"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html and "kode verifikasi" in html
    assert "erkt.css" in html  # inside the layout
