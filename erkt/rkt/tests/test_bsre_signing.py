"""Step 10 signed through BSrE's signing service: the fake BSrE server on loopback
(erkt.testing.bsre) checks each request as the service does and signs with the test CA;
the local TSA timestamps, the local CRL lets the signature reach PAdES B-LT. Every refusal
of BSrE is a clear Indonesian message, and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import ApiClient, assert_error
from erkt.audit.models import AuditEntry
from erkt.documents.models import IssuedDocument
from erkt.documents.signing.models import DocumentSignature, TrustedRoot
from erkt.documents.signing.pades import LEVEL_LT, SOURCE_TSA, pades_level, signature_time
from erkt.documents.tests.signing_helpers import pdfsig, pyhanko_status, stored_pdf
from erkt.org.models import Employee
from erkt.rkt.tests.drafts_helpers import latest, open_task, user
from erkt.testing.bsre import BSRE_PASSPHRASE, CLIENT_SECRET, KEPALA_NIK, configure_bsre
from erkt.workflow import engine
from erkt.workflow.models import Task

SIGNER = "Dr. H. Ahmad Rifani, S.Sos., M.Si."


@pytest.fixture
def at_step_10(at_step_9, bsre_office):
    engine.complete_task(open_task(at_step_9, 9), by=user("sekretaris"), decision="ya")
    return at_step_9


def complete_by_api(process, passphrase: str = BSRE_PASSPHRASE):
    _token, secret = ApiToken.issue(user("kepala"), name="test")
    task = open_task(process, 10)
    body = {"decision": "ya", "passphrase": passphrase}
    return ApiClient(secret).post(f"/tasks/{task.pk}/complete", body)


def final_document(process) -> IssuedDocument:
    return IssuedDocument.objects.get(process=process, kind="rkt.final")


def assert_nothing_changed(process) -> None:
    assert latest(process).status == "draft"
    assert open_task(process, 10).status == Task.Status.OPEN
    assert not IssuedDocument.objects.filter(process=process, kind="rkt.final").exists()
    assert not DocumentSignature.objects.exists()


def test_the_kepala_signs_through_bsre_v2_by_the_api_with_a_timestamp(
    at_step_10, fake_bsre, local_pki, tmp_path
):
    response = complete_by_api(at_step_10)
    assert response.status_code == 200, response.content
    document = final_document(at_step_10)
    pdf = stored_pdf(document)
    status = pyhanko_status(pdf, at_step_10.organization)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == SIGNER
    time = signature_time(pdf)
    assert time.source == SOURCE_TSA and document.signature.signed_at == time.at
    signature = document.signature
    assert (signature.signer_name, signature.certificate) == (SIGNER, None)
    entry = AuditEntry.objects.get(action="document.sign")
    assert (entry.after["provider"], entry.after["time_source"]) == ("bsre_v2", SOURCE_TSA)
    assert len(signature.certificate_fingerprint) == 64
    asked = [(r["method"], r["path"]) for r in fake_bsre.requests]
    assert asked == [("POST", "/api/v2/user/check/status"), ("POST", "/api/v2/sign/pdf")]
    (properties,) = fake_bsre.requests[1]["signatureProperties"]
    assert properties["tampilan"] == "VISIBLE" and properties["page"] >= 1
    assert properties["width"] > 0 and properties["reason"].startswith("Pengesahan")
    local_pki.server.shutdown()  # B-LT is judged from the file alone
    assert pades_level(pdf, TrustedRoot.certificates_of(at_step_10.organization)) == LEVEL_LT
    report = pdfsig(pdf, tmp_path)
    assert "Signature is Valid" in report and SIGNER in report


def test_the_kepala_signs_through_bsre_v1_on_the_signing_page(
    at_step_10, fake_bsre, local_pki, client_for, kepala, settings
):
    settings.ERKT_PUBLIC_URL = "https://erkt.example.go.id"
    configure_bsre(at_step_10.organization, fake_bsre, local_pki, version=1)
    url = reverse("rkt:signing:sign", args=[at_step_10.pk])
    response = client_for(kepala).post(url, {"passphrase": BSRE_PASSPHRASE})
    assert response.status_code == 302
    document = final_document(at_step_10)
    assert pyhanko_status(stored_pdf(document), at_step_10.organization).trusted
    status_check, signing = fake_bsre.requests
    assert (status_check["method"], status_check["path"]) == (
        "GET",
        f"/api/user/status/{KEPALA_NIK}",
    )
    assert signing["path"] == "/api/sign/pdf" and signing["nik"] == KEPALA_NIK
    assert {"page", "xAxis", "yAxis", "width", "height", "imageTTD"} <= set(signing["fields"])
    assert signing["linkQR"] == f"https://erkt.example.go.id/verifikasi/{document.code}/"


def _wrong_passphrase(bsre, process, pki):
    return "wrong-passphrase"


def _nik_not_registered(bsre, process, pki):
    Employee.objects.filter(user__username="kepala").update(nik="6311015507800002")


def _expired(bsre, process, pki):
    bsre.users[KEPALA_NIK].status = "EXPIRED"


def _revoked(bsre, process, pki):
    bsre.users[KEPALA_NIK].status = "REVOKE"


def _down(bsre, process, pki):
    bsre.down = True


def _slow(bsre, process, pki):
    bsre.delay = 3
    configure_bsre(process.organization, bsre, pki, timeout=1)


def _wrong_client_secret(bsre, process, pki):
    from erkt.documents.signing.models import SigningConfig

    config = SigningConfig.objects.get(organization=process.organization)
    config.set_client_secret(CLIENT_SECRET + "-lama")
    config.save()


def _no_nik(bsre, process, pki):
    Employee.objects.filter(user__username="kepala").update(nik=None)


@pytest.mark.parametrize(
    ("arrange", "message"),
    [
        (_wrong_passphrase, "Frasa sandi BSrE salah"),
        (_nik_not_registered, "NIK 6311015507800002 tidak terdaftar"),
        (_expired, "sudah kedaluwarsa"),
        (_revoked, "telah dicabut atau dibekukan"),
        (_down, "sedang tidak dapat dihubungi atau bermasalah"),
        (_slow, "tidak menjawab dalam 1 detik"),
        (_wrong_client_secret, "client id atau secret salah"),
        (_no_nik, "NIK Anda belum tercatat"),
    ],
    ids=lambda value: getattr(value, "__name__", "message").strip("_"),
)
def test_every_refusal_of_bsre_is_a_clear_message_and_nothing_changes(
    at_step_10, fake_bsre, local_pki, arrange, message
):
    passphrase = arrange(fake_bsre, at_step_10, local_pki) or BSRE_PASSPHRASE
    detail = assert_error(complete_by_api(at_step_10, passphrase), 422)
    assert message in detail
    assert_nothing_changed(at_step_10)


def test_an_unreachable_bsre_is_refused_with_the_same_message(at_step_10, fake_bsre):
    fake_bsre.server.shutdown()
    fake_bsre.server.server_close()
    detail = assert_error(complete_by_api(at_step_10), 422)
    assert "sedang tidak dapat dihubungi" in detail
    assert_nothing_changed(at_step_10)
