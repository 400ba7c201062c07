"""Signing the final RKT (step 10 "ya") tells everyone of the office (erkt.notifications)."""

from __future__ import annotations

from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.rkt.tests.drafts_helpers import open_task, user
from erkt.workflow import engine
from erkt.workflow.models import Notification


def test_signing_tells_everyone_of_the_office(
    at_step_9, kepala_certificate, mailoutbox, django_capture_on_commit_callbacks
):
    engine.complete_task(open_task(at_step_9, 9), by=user("sekretaris"), decision="ya")
    with django_capture_on_commit_callbacks(execute=True):
        engine.complete_task(
            open_task(at_step_9, 10),
            by=user("kepala"),
            decision="ya",
            payload={"passphrase": DEMO_PASSPHRASE},
        )
    signed = Notification.objects.filter(process=at_step_9, kind="signed")
    assert signed.count() == 9
    document = IssuedDocument.objects.get(process=at_step_9, kind="rkt.final")
    assert signed.first().facts["code"] == document.code
    assert any(m.subject == f"[e-RKT] {at_step_9} telah ditandatangani" for m in mailoutbox)


def test_a_decision_tidak_at_step_10_signs_nothing_and_tells_only_step_8(
    at_step_9, kepala_certificate, django_capture_on_commit_callbacks
):
    engine.complete_task(open_task(at_step_9, 9), by=user("sekretaris"), decision="ya")
    with django_capture_on_commit_callbacks(execute=True):
        engine.complete_task(
            open_task(at_step_9, 10), by=user("kepala"), decision="tidak", note="Perbaiki IKU."
        )
    assert not Notification.objects.filter(process=at_step_9, kind="signed").exists()
    [rejected] = Notification.objects.filter(process=at_step_9, kind="rejected")
    assert rejected.recipient.username == "kasubbag.perencanaan"
