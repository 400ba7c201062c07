"""The BSrE client against the fake BSrE server on loopback: the organisation seal (v2,
idSubscriber + TOTP), BSrE's own verification, and the server refusing what the
documented API refuses (no client credentials, a visible signature without its image)."""

from __future__ import annotations

import base64
import json
from urllib import error, request

import pytest

from erkt.documents.signing.bsre import Appearance, BsreClient, BsreError
from erkt.documents.signing.demo import DEMO_PASSPHRASE, make_signer_pkcs12
from erkt.documents.tests.conftest import nota_pdf
from erkt.testing.bsre import BSRE_PASSPHRASE, CLIENT_ID, CLIENT_SECRET, KEPALA_NIK

APPEARANCE = Appearance(page=1, x=300, y=60, width=283, height=96, image_png=b"", reason="Uji")


def client(bsre, version: int = 2) -> BsreClient:
    return BsreClient(
        url=bsre.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, version=version, timeout=30
    )


def invisible() -> Appearance:
    return Appearance(page=1, x=0, y=0, width=0, height=0)


@pytest.fixture
def sealing(demo, fake_bsre, local_pki):
    seal = make_signer_pkcs12(local_pki.ca, name="Segel BKPSDM", organization=demo.name)
    fake_bsre.add_subscriber("BKPSDM-01", totp="123456", pkcs12=seal, passphrase=DEMO_PASSPHRASE)
    return fake_bsre


def test_the_seal_signs_with_the_subscriber_and_its_totp(sealing, nota_snapshot):
    signed = client(sealing).seal(
        id_subscriber="BKPSDM-01",
        totp="123456",
        pdf=nota_pdf(nota_snapshot),
        appearance=invisible(),
    )
    verdict = client(sealing).verify(signed)
    assert verdict["conclusion"] == "TOTAL_PASSED"
    assert verdict["signatureInformations"][0]["signerName"] == "Segel BKPSDM"


def test_a_wrong_totp_is_refused_with_its_own_message(sealing, nota_snapshot):
    with pytest.raises(BsreError) as refused:
        client(sealing).seal(
            id_subscriber="BKPSDM-01",
            totp="000000",
            pdf=nota_pdf(nota_snapshot),
            appearance=invisible(),
        )
    assert refused.value.kind == BsreError.TOTP and "TOTP" in refused.value.message


def test_bsre_verifies_an_unsigned_pdf_as_unsigned(fake_bsre, nota_snapshot):
    assert client(fake_bsre).verify(nota_pdf(nota_snapshot))["conclusion"] == "NO_SIGNATURE"


def test_a_visible_signature_without_its_image_is_refused_by_the_server(fake_bsre, nota_snapshot):
    with pytest.raises(BsreError) as refused:
        client(fake_bsre).sign(
            nik=KEPALA_NIK,
            passphrase=BSRE_PASSPHRASE,
            pdf=nota_pdf(nota_snapshot),
            appearance=APPEARANCE,
        )
    assert refused.value.kind == BsreError.REFUSED
    assert "imageBase64" in refused.value.message


def test_the_server_refuses_a_call_without_the_client_credentials(fake_bsre):
    body = json.dumps({"nik": KEPALA_NIK}).encode()
    call = request.Request(
        fake_bsre.url + "/api/v2/user/check/status",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(error.HTTPError) as refused:
        request.urlopen(call, timeout=10)
    assert refused.value.code == 401
    assert json.loads(refused.value.read())["error"] == "Unauthorized"


def test_v1_answers_the_signed_pdf_itself(fake_bsre, nota_snapshot):
    from erkt.documents.signing.providers import stamp_image

    appearance = Appearance(
        page=1,
        x=300,
        y=60,
        width=283,
        height=96,
        image_png=stamp_image("https://erkt.test/verifikasi/x/", "Kepala", "Kepala Badan"),
        link_qr="https://erkt.test/verifikasi/x/",
    )
    signed = client(fake_bsre, version=1).sign(
        nik=KEPALA_NIK,
        passphrase=BSRE_PASSPHRASE,
        pdf=nota_pdf(nota_snapshot),
        appearance=appearance,
    )
    assert signed.startswith(b"%PDF-") and len(signed) > len(nota_pdf(nota_snapshot))
    assert base64.b64encode(signed)  # the v2 client would carry the same bytes in base64
