"""PAdES levels of a signature made with the uploaded certificate: B-B by default, B-T with
a timestamp authority (ERKT_TSA_URL), B-LT once the CRL can be fetched and embedded. The
TSA and the CRL are served on loopback by the test's own CA (erkt.testing.pki)."""

from __future__ import annotations

import socket

import pytest

from erkt.documents.signing.certificates import CertificateError
from erkt.documents.signing.models import DocumentSignature, TrustedRoot
from erkt.documents.signing.pades import (
    LEVEL_B,
    LEVEL_LT,
    LEVEL_T,
    SOURCE_SERVER,
    SOURCE_TSA,
    pades_level,
    signature_time,
)
from erkt.documents.signing.verify import verify_pdf
from erkt.documents.tests.signing_helpers import one_byte_changed, signed_nota, stored_pdf


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/tsa"


def test_without_a_timestamp_authority_the_signature_is_b_b_on_the_server_clock(
    demo, kepala, kepala_certificate, nota_snapshot
):
    pdf = stored_pdf(signed_nota(demo, nota_snapshot, kepala))
    assert pades_level(pdf, TrustedRoot.certificates_of(demo)) == LEVEL_B
    assert signature_time(pdf).source == SOURCE_SERVER


def test_with_a_timestamp_authority_the_signature_is_b_t_at_the_authority_time(
    demo, kepala, kepala_certificate, nota_snapshot, tsa, local_pki
):
    document = signed_nota(demo, nota_snapshot, kepala)
    pdf = stored_pdf(document)
    time = signature_time(pdf)
    assert (time.source, time.authority) == (SOURCE_TSA, "e-RKT Test TSA")
    assert document.signature.signed_at == time.at
    assert "/tsa" in local_pki.requests
    # the demo certificate names no CRL: nothing to embed, so B-T
    assert pades_level(pdf, TrustedRoot.certificates_of(demo)) == LEVEL_T


def test_with_the_crl_reachable_the_demo_signature_reaches_b_lt_from_the_file_alone(
    demo, kepala, pki_certificate, nota_snapshot, tsa, local_pki
):
    pdf = stored_pdf(signed_nota(demo, nota_snapshot, kepala))
    assert "/crl/ca.crl" in local_pki.requests
    local_pki.server.shutdown()  # judged offline: only what the PDF holds
    roots = TrustedRoot.certificates_of(demo)
    assert pades_level(pdf, roots) == LEVEL_LT
    check = verify_pdf(pdf, expected_sha256="", trust_roots=roots)
    assert check.signed and check.intact and check.trusted and check.covers_whole_file
    assert check.time_source == SOURCE_TSA
    assert not verify_pdf(one_byte_changed(pdf), expected_sha256="", trust_roots=roots).intact


def test_a_revoked_certificate_never_reaches_b_lt(
    demo, kepala, pki_certificate, nota_snapshot, tsa, local_pki
):
    local_pki.revoked.add(int(pki_certificate.serial, 16))
    pdf = stored_pdf(signed_nota(demo, nota_snapshot, kepala))
    assert pades_level(pdf, TrustedRoot.certificates_of(demo)) == LEVEL_T


def test_an_unreachable_timestamp_authority_refuses_and_keeps_nothing(
    demo, kepala, kepala_certificate, nota_snapshot, settings
):
    settings.ERKT_TSA_URL = _closed_port_url()
    with pytest.raises(CertificateError, match="Layanan cap waktu"):
        signed_nota(demo, nota_snapshot, kepala)
    assert not DocumentSignature.objects.exists()
