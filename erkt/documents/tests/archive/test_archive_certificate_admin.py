"""The administrator uploads the organisation's archive certificate (PKCS#12) in the admin;
its passphrase stays in an environment variable of the server, never in the database."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.documents.archive.models import ArchiveCertificate
from erkt.documents.signing import certificates
from erkt.documents.signing.demo import make_ca, make_signer_pkcs12

ADD = "/admin/documents/archivecertificate/add/"
PASSPHRASE = "rahasia-arsip-2026"


@pytest.fixture
def pkcs12(demo) -> bytes:
    return make_signer_pkcs12(
        make_ca(demo.name), name="Arsip BKPSDM", organization=demo.name, passphrase=PASSPHRASE
    )


def upload(client, demo, data: bytes, variable: str = "ERKT_ARCHIVE_PASSPHRASE"):
    return client.post(
        ADD,
        {
            "organization": demo.pk,
            "passphrase_variable": variable,
            "pkcs12": SimpleUploadedFile("arsip.p12", data, "application/x-pkcs12"),
        },
    )


def test_the_administrator_uploads_it_with_the_passphrase_in_the_environment(
    client_for, administrator, demo, pkcs12, monkeypatch
):
    monkeypatch.setenv("ERKT_ARCHIVE_PASSPHRASE", PASSPHRASE)
    response = upload(client_for(administrator), demo, pkcs12)
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = ArchiveCertificate.objects.get(organization=demo)
    assert "CN=Arsip BKPSDM" in stored.subject
    assert certificates.decrypt(stored.encrypted_pkcs12) == pkcs12
    assert PASSPHRASE.encode() not in bytes(stored.encrypted_pkcs12)


def test_a_passphrase_missing_from_the_environment_is_refused_with_its_name(
    client_for, administrator, demo, pkcs12, monkeypatch
):
    monkeypatch.delenv("ERKT_ARCHIVE_PASSPHRASE", raising=False)
    response = upload(client_for(administrator), demo, pkcs12)
    assert response.status_code == 200
    assert "ERKT_ARCHIVE_PASSPHRASE" in response.content.decode()
    assert not ArchiveCertificate.objects.exists()


def test_only_archive_variables_may_hold_the_passphrase(client_for, administrator, demo, pkcs12):
    response = upload(client_for(administrator), demo, pkcs12, variable="SECRET_KEY")
    assert response.status_code == 200
    assert "ERKT_ARCHIVE_" in response.content.decode()
    assert not ArchiveCertificate.objects.exists()


def test_a_unit_head_cannot_open_the_admin(client_for, kabid_ppik):
    response = client_for(kabid_ppik).get(ADD)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
