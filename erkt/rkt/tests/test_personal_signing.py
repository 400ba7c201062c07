"""Signing is personal (PP 71/2019): step 10 "ya" is the Kepala Badan's own act.

An administrator acting for the Kepala is refused with 403, on the certificate route and
on the wet-signed scan route alike; a scan records who uploaded it, and the public
verification page says so.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import ApiClient, assert_error
from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.rkt.signing.services import may_sign_personally
from erkt.rkt.tests.drafts_helpers import latest, open_task
from erkt.workflow import engine
from erkt.workflow.errors import NotAllowed
from erkt.workflow.models import Task

SCAN = b"%PDF-1.4 RKT 2027 bertanda tangan basah"
REASON = "Kepala Badan sedang dinas luar."
PERSONAL = "bersifat pribadi"


def scan_file(name: str = "rkt-ttd.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SCAN, "application/pdf")


def assert_nothing_changed(process) -> None:
    assert latest(process).status == "draft"
    assert open_task(process, 10).status == Task.Status.OPEN
    assert not IssuedDocument.objects.filter(process=process, kind="rkt.final").exists()


def test_only_the_kepala_may_sign_personally(at_step_10, kepala, administrator, sekretaris):
    assert may_sign_personally(kepala, at_step_10)
    assert not may_sign_personally(administrator, at_step_10)
    assert not may_sign_personally(sekretaris, at_step_10)


def test_an_administrator_cannot_approve_with_a_scan_for_the_kepala(at_step_10, administrator):
    task = open_task(at_step_10, 10)
    engine.add_attachment(task, by=administrator, file=scan_file(), on_behalf_reason=REASON)
    with pytest.raises(NotAllowed, match=PERSONAL):
        engine.complete_task(task, by=administrator, decision="ya", on_behalf_reason=REASON)
    assert_nothing_changed(at_step_10)


def test_an_administrator_cannot_sign_with_a_passphrase_for_the_kepala(at_step_10, administrator):
    with pytest.raises(NotAllowed, match=PERSONAL):
        engine.complete_task(
            open_task(at_step_10, 10),
            by=administrator,
            decision="ya",
            on_behalf_reason=REASON,
            payload={"passphrase": DEMO_PASSPHRASE},
        )
    assert_nothing_changed(at_step_10)


def test_the_task_page_refuses_the_administrator_with_403(at_step_10, client_for, administrator):
    task = open_task(at_step_10, 10)
    client = client_for(administrator)
    upload = client.post(
        reverse("workflow:task_upload", args=[task.pk]),
        {"file": scan_file(), "on_behalf_reason": REASON},
    )
    assert upload.status_code == 302
    response = client.post(
        reverse("workflow:task_complete", args=[task.pk]),
        {"decision": "ya", "note": "", "on_behalf_reason": REASON},
    )
    assert response.status_code == 403
    assert PERSONAL in response.content.decode()
    assert_nothing_changed(at_step_10)


@pytest.mark.parametrize("route", ["passphrase", "scan"])
def test_the_api_refuses_the_administrator_with_403(at_step_10, administrator, route):
    _token, secret = ApiToken.issue(administrator, name="test")
    api = ApiClient(secret)
    task = open_task(at_step_10, 10)
    body = {"decision": "ya", "on_behalf_reason": REASON}
    if route == "scan":
        engine.add_attachment(task, by=administrator, file=scan_file(), on_behalf_reason=REASON)
    else:
        body["passphrase"] = DEMO_PASSPHRASE
    detail = assert_error(api.post(f"/tasks/{task.pk}/complete", body), 403)
    assert PERSONAL in detail
    assert_nothing_changed(at_step_10)


def test_the_administrator_may_still_say_tidak_for_the_kepala(at_step_10, administrator):
    task = open_task(at_step_10, 10)
    engine.complete_task(
        task, by=administrator, decision="tidak", note="Perbaiki target.", on_behalf_reason=REASON
    )
    assert Task.objects.get(pk=task.pk).status == Task.Status.DONE


def verification_html(client, document) -> str:
    return client.get(reverse("signing:verify", args=[document.code])).content.decode()


def test_a_scan_the_kepala_uploads_names_the_kepala(at_step_10, client, client_for, kepala):
    response = client_for(kepala).post(
        reverse("rkt:signing:sign", args=[at_step_10.pk]), {"method": "scan", "scan": scan_file()}
    )
    assert response.status_code == 302
    signature = IssuedDocument.objects.get(process=at_step_10, kind="rkt.final").signature
    assert signature.scan_uploaded_by == kepala
    assert "Ahmad Rifani" in signature.scan_uploaded_by_name
    html = verification_html(client, signature.document)
    assert "Pindaian diunggah oleh" in html
    assert signature.scan_uploaded_by_name in html


def test_a_scan_put_on_the_task_by_the_administrator_names_the_administrator(
    at_step_10, client, kepala, administrator
):
    task = open_task(at_step_10, 10)
    engine.add_attachment(task, by=administrator, file=scan_file(), on_behalf_reason=REASON)
    engine.complete_task(task, by=kepala, decision="ya")
    signature = IssuedDocument.objects.get(process=at_step_10, kind="rkt.final").signature
    assert signature.signed_by == kepala
    assert signature.scan_uploaded_by == administrator
    html = verification_html(client, signature.document)
    assert "Rina Maulida" in html


def test_a_digital_signature_names_no_scan_uploader(at_step_10, client, client_for, kepala):
    client_for(kepala).post(
        reverse("rkt:signing:sign", args=[at_step_10.pk]), {"passphrase": DEMO_PASSPHRASE}
    )
    signature = IssuedDocument.objects.get(process=at_step_10, kind="rkt.final").signature
    assert signature.scan_uploaded_by is None
    assert "Pindaian diunggah oleh" not in verification_html(client, signature.document)
