"""The Kepala's certificate kept encrypted; PAdES signatures that pyHanko validates."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from erkt.documents.signing import certificates
from erkt.documents.signing.certificates import CertificateError
from erkt.documents.signing.demo import DEMO_PASSPHRASE, make_ca, make_signer_pkcs12
from erkt.documents.signing.models import SigningCertificate, TrustedRoot
from erkt.documents.signing.services import public_url, upload_certificate
from erkt.documents.signing.verify import verify_pdf
from erkt.documents.tests.signing_helpers import (
    one_byte_changed,
    pyhanko_status,
    qr_modules_for,
    qr_modules_of,
    signed_nota,
    stored_pdf,
)


def test_the_pkcs12_is_stored_encrypted_and_the_passphrase_nowhere(demo, kepala_certificate):
    plain = kepala_certificate.pkcs12()
    stored = bytes(kepala_certificate.encrypted_pkcs12)
    assert plain not in stored and certificates.open_pkcs12(plain, DEMO_PASSPHRASE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM documents_signingcertificate")
        row = " ".join(str(value) for value in cursor.fetchone())
    assert DEMO_PASSPHRASE not in row
    assert kepala_certificate.common_name == demo.head.holders.first().full_name
    assert len(kepala_certificate.fingerprint_sha256) == 64


def test_the_stored_pkcs12_does_not_open_with_another_secret_key(kepala_certificate):
    with override_settings(SECRET_KEY="another-key"), pytest.raises(CertificateError):
        kepala_certificate.pkcs12()


def test_an_upload_with_a_wrong_passphrase_is_refused(demo, kepala, kepala_certificate):
    data = make_signer_pkcs12(make_ca(demo.name), name="Kepala", organization=demo.name)
    with pytest.raises(CertificateError, match="Frasa sandi salah"):
        upload_certificate(employee=kepala.employee, data=data, passphrase="x", by=kepala)
    with pytest.raises(CertificateError, match="bukan sertifikat elektronik"):
        upload_certificate(employee=kepala.employee, data=b"bukan", passphrase="x", by=kepala)
    assert SigningCertificate.objects.get(active=True) == kepala_certificate


def test_a_new_upload_replaces_the_active_certificate(demo, kepala, kepala_certificate):
    data = make_signer_pkcs12(make_ca(demo.name), name="Kepala Baru", organization=demo.name)
    new = upload_certificate(
        employee=kepala.employee, data=data, passphrase=DEMO_PASSPHRASE, by=kepala
    )
    assert SigningCertificate.current_for(kepala.employee) == new
    kepala_certificate.refresh_from_db()
    assert not kepala_certificate.active


def test_the_signature_validates_against_the_demo_ca(
    demo, kepala, kepala_certificate, nota_snapshot
):
    document = signed_nota(demo, nota_snapshot, kepala)
    pdf = stored_pdf(document)
    status = pyhanko_status(pdf, demo)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == kepala_certificate.common_name
    assert (document.pdf_kind, document.signature.signer_title) == ("digital", "Kepala Badan")
    assert certificates.sha256_hex(pdf) == document.pdf_sha256


def test_one_changed_byte_breaks_the_signature(demo, kepala, kepala_certificate, nota_snapshot):
    pdf = one_byte_changed(stored_pdf(signed_nota(demo, nota_snapshot, kepala)))
    status = pyhanko_status(pdf, demo)
    assert not (status.intact and status.valid)
    check = verify_pdf(pdf, expected_sha256="", trust_roots=TrustedRoot.certificates_of(demo))
    assert not check.signature_valid
    assert "berubah setelah ditandatangani" in " ".join(check.reasons)


def test_a_ca_the_office_does_not_trust_is_reported(
    demo, kepala, kepala_certificate, nota_snapshot
):
    document = signed_nota(demo, nota_snapshot, kepala)
    check = verify_pdf(
        stored_pdf(document),
        expected_sha256=document.pdf_sha256,
        trust_roots=[make_ca("Lain").certificate],
    )
    assert check.same_document and check.intact and not check.trusted
    assert "CA yang dipercaya" in " ".join(check.reasons)


def test_the_qr_code_points_to_the_public_verification_page(
    demo, kepala, kepala_certificate, nota_snapshot, settings
):
    settings.ERKT_PUBLIC_URL = "https://erkt.balangankab.go.id/"
    document = signed_nota(demo, nota_snapshot, kepala)
    url = public_url(document)
    assert url == f"https://erkt.balangankab.go.id/verifikasi/{document.code}/"
    assert qr_modules_of(stored_pdf(document)) == qr_modules_for(url)


def test_the_demo_signing_setup_runs_again_without_change(demo, kepala_certificate):
    from erkt.documents.signing.demo import load_demo_signing

    load_demo_signing(demo)
    assert SigningCertificate.objects.get(active=True) == kepala_certificate
    assert TrustedRoot.objects.filter(organization=demo).count() == 1
