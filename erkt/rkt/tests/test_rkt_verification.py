"""The demo's signed RKT on its public verification page and in GET /api/v1/verifikasi/{code}:
the Kepala Badan with NIP and jabatan, the demo CA's certificate, the server's clock as the
time source, and an unchanged document; no login."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE


@pytest.fixture
def signed_rkt(at_step_10, client_for, kepala) -> IssuedDocument:
    response = client_for(kepala).post(
        reverse("rkt:signing:sign", args=[at_step_10.pk]), {"passphrase": DEMO_PASSPHRASE}
    )
    assert response.status_code == 302
    return IssuedDocument.objects.get(process=at_step_10, kind="rkt.final")


def test_the_signed_rkt_states_its_signer_certificate_time_and_integrity(
    signed_rkt, kepala_certificate, kepala
):
    kepala_employee = kepala.employee
    assert kepala_employee.nip_display

    html = Client().get(reverse("signing:verify", args=[signed_rkt.code])).content.decode()
    assert 'data-summary="valid"' in html
    assert f'id="signer-name">{kepala_employee.full_name}<' in html
    assert f'id="signer-nip">{kepala_employee.nip_display}<' in html
    assert 'id="signer-jabatan">Kepala Badan' in html
    assert kepala_certificate.serial in html and "e-RKT Demo CA" in html
    assert 'data-source="server"' in html and 'data-unchanged="yes"' in html
    assert "https://tte.komdigi.go.id/verifyPDF" in html

    body = Client().get(f"/api/v1/verifikasi/{signed_rkt.code}").json()
    signature = body["signature"]
    assert signature["signer"]["nip"] == kepala_employee.nip_display
    assert signature["signer"]["name"] == kepala_employee.full_name
    assert signature["certificate"]["serial"] == kepala_certificate.serial
    assert signature["certificate"]["valid_at_signing"] and signature["valid"]
    assert signature["time_source"] == "server"
    signed_at = datetime.datetime.fromisoformat(signature["signed_at"])
    assert abs(signed_at - signed_rkt.signature.signed_at) < datetime.timedelta(seconds=1)
