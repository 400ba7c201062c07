"""Step 10 "ya": the Kepala Badan signs the final RKT (certificate) or uploads a wet-signed scan."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.audit.tests.conftest import raw_sql
from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.documents.tests.signing_helpers import (
    one_byte_changed,
    pyhanko_status,
    qr_modules_for,
    qr_modules_of,
    stored_pdf,
)
from erkt.rkt.tests.drafts_helpers import latest, open_task
from erkt.workflow import engine
from erkt.workflow.errors import Invalid, NotAllowed
from erkt.workflow.models import Task

SCAN = b"%PDF-1.4 RKT 2027 bertanda tangan basah"


def sign_url(process) -> str:
    return reverse("rkt:signing:sign", args=[process.pk])


def final_document(process) -> IssuedDocument:
    return IssuedDocument.objects.get(process=process, kind="rkt.final")


def assert_nothing_changed(process) -> None:
    assert latest(process).status == "draft"
    assert open_task(process, 10).status == Task.Status.OPEN
    assert not IssuedDocument.objects.filter(process=process, kind="rkt.final").exists()


def test_the_kepala_signs_on_the_signing_page(at_step_10, client_for, kepala, settings):
    settings.ERKT_PUBLIC_URL = "https://erkt.example.go.id"
    assert client_for(kepala).get(sign_url(at_step_10)).status_code == 200
    response = client_for(kepala).post(sign_url(at_step_10), {"passphrase": DEMO_PASSPHRASE})
    document = final_document(at_step_10)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert latest(at_step_10).is_final and open_task(at_step_10, 11)
    assert (document.pdf_kind, document.signature.method) == ("digital", "digital")
    pdf = stored_pdf(document)
    status = pyhanko_status(pdf, at_step_10.organization)
    assert status.intact and status.valid and status.trusted
    url = f"https://erkt.example.go.id/verifikasi/{document.code}/"
    assert qr_modules_of(pdf) == qr_modules_for(url)
    broken = pyhanko_status(one_byte_changed(pdf), at_step_10.organization)
    assert not (broken.intact and broken.valid)


def test_after_signing_the_kepala_sees_the_signed_rkt_its_verification_and_the_next_step(
    at_step_10, client_for, kepala, settings
):
    settings.ERKT_PUBLIC_URL = "https://erkt.example.go.id"
    client = client_for(kepala)
    response = client.post(sign_url(at_step_10), {"passphrase": DEMO_PASSPHRASE}, follow=True)
    document = final_document(at_step_10)
    html = response.content.decode()
    assert "Dokumen ini telah ditandatangani." in html
    assert reverse("documents:download", args=[document.pk, "pdf"]) in html
    url = f"https://erkt.example.go.id/verifikasi/{document.code}/"
    assert f'href="{url}"' in html
    assert "<svg" in html  # the QR code of that address, inline
    assert reverse("workflow:task", args=[open_task(at_step_10, 11).pk]) in html
    assert html.index("Langkah berikutnya") < html.index("SHA-256 isi")  # hashes come last


def test_the_step_10_task_links_to_the_signing_page(at_step_10, client_for, kepala):
    task_page = client_for(kepala).get(
        reverse("workflow:task", args=[open_task(at_step_10, 10).pk])
    )
    assert sign_url(at_step_10) in task_page.content.decode()


def test_the_step_10_review_page_leads_the_kepala_to_signing(at_step_10, client_for, kepala):
    html = client_for(kepala).get(reverse("rkt:drafts:review", args=[at_step_10.pk]))
    html = html.content.decode()
    assert f'href="{sign_url(at_step_10)}"' in html
    assert "tanda tangani RKT" in html
    assert '"ya" bila tidak ada komentar' not in html


def test_after_signing_the_task_page_no_longer_offers_to_sign(at_step_10, client_for, kepala):
    task = open_task(at_step_10, 10)
    client = client_for(kepala)
    client.post(sign_url(at_step_10), {"passphrase": DEMO_PASSPHRASE})
    html = client.get(reverse("workflow:task", args=[task.pk])).content.decode()
    assert "Tanda tangani RKT" not in html
    assert sign_url(at_step_10) not in html


def test_a_wrong_passphrase_is_refused_and_nothing_changes(at_step_10, client_for, kepala):
    response = client_for(kepala).post(sign_url(at_step_10), {"passphrase": "salah"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Frasa sandi salah." in html
    assert "PKCS#12" not in html and "Passphrase" not in html
    assert_nothing_changed(at_step_10)


def test_ya_without_a_signature_is_refused(at_step_10, kepala):
    with pytest.raises(Invalid, match="memerlukan tanda tangan"):
        engine.complete_task(open_task(at_step_10, 10), by=kepala, decision="ya")
    assert_nothing_changed(at_step_10)


def test_tidak_needs_no_signature(at_step_10, kepala):
    engine.complete_task(open_task(at_step_10, 10), by=kepala, decision="tidak", note="Revisi.")
    assert open_task(at_step_10, 8)


def test_the_kepala_may_upload_a_wet_signed_scan_instead(at_step_10, client_for, kepala):
    scan = SimpleUploadedFile("rkt-ttd.pdf", SCAN, "application/pdf")
    response = client_for(kepala).post(sign_url(at_step_10), {"method": "scan", "scan": scan})
    assert response.status_code == 302
    document = final_document(at_step_10)
    assert (document.pdf_kind, document.signature.method) == ("scan", "scan")
    assert stored_pdf(document) == SCAN
    assert latest(at_step_10).is_final


def test_a_scan_that_is_no_pdf_is_refused(at_step_10, client_for, kepala):
    scan = SimpleUploadedFile("rkt.jpg", b"\xff\xd8 foto", "image/jpeg")
    response = client_for(kepala).post(sign_url(at_step_10), {"method": "scan", "scan": scan})
    assert response.status_code == 422 and "harus berupa berkas PDF" in response.content.decode()
    assert_nothing_changed(at_step_10)


def test_a_scan_uploaded_as_the_task_output_also_counts(at_step_10, kepala):
    task = open_task(at_step_10, 10)
    engine.add_attachment(task, by=kepala, file=SimpleUploadedFile("ttd.pdf", SCAN))
    engine.complete_task(task, by=kepala, decision="ya")
    assert final_document(at_step_10).pdf_kind == "scan"


def test_another_role_cannot_sign(at_step_10, client_for, sekretaris, tim1):
    assert client_for(sekretaris).get(sign_url(at_step_10)).status_code == 403
    form = {"passphrase": DEMO_PASSPHRASE}
    assert client_for(tim1).post(sign_url(at_step_10), form).status_code == 403
    with pytest.raises(NotAllowed):
        engine.complete_task(
            open_task(at_step_10, 10),
            by=sekretaris,
            decision="ya",
            payload={"passphrase": DEMO_PASSPHRASE},
        )
    assert_nothing_changed(at_step_10)


def test_another_organisation_gets_404_anonymous_login_and_put_405(
    at_step_10, client, client_for, stranger, kepala
):
    assert client_for(stranger).get(sign_url(at_step_10)).status_code == 404
    response = client.get(sign_url(at_step_10))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client_for(kepala).put(sign_url(at_step_10)).status_code == 405


def test_before_step_10_the_kepala_is_sent_to_the_rkt_page(at_step_9, client_for, kepala):
    response = client_for(kepala).get(sign_url(at_step_9))
    assert response.status_code == 302
    assert response["Location"] == reverse("rkt:drafts:page", args=[at_step_9.pk])


def test_the_signed_final_rkt_records_the_audit_chain_head_that_audit_verify_checks(
    at_step_10, client_for, kepala
):
    client_for(kepala).post(sign_url(at_step_10), {"passphrase": DEMO_PASSPHRASE})
    head = final_document(at_step_10).snapshot["audit_head"]
    entry = AuditEntry.objects.get(pk=head["id"])
    assert (entry.organization, entry.seq, entry.hash) == (
        at_step_10.organization,
        head["seq"],
        head["hash"],
    )
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "Kepala rantai tercatat di 1 dokumen/berkas: semua cocok" in out.getvalue()
    raw_sql("DELETE FROM audit_auditentry WHERE id = %s", [head["id"]])
    with pytest.raises(CommandError, match=f"#{head['id']}"):
        call_command("audit", "verify", stdout=StringIO())
