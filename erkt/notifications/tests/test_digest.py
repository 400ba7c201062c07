"""`erkt digest`: a person who chose the daily digest gets one e-mail with every notice."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from erkt.notifications.jobs import deliver
from erkt.notifications.models import Delivery, NotificationSettings
from erkt.workflow.models import Notification
from erkt.workflow.tests.page_helpers import start


def digest() -> str:
    out = StringIO()
    call_command("digest", stdout=out)
    return out.getvalue()


def test_the_digest_sends_one_e_mail_with_every_waiting_notice(demo, kepala, mailoutbox):
    NotificationSettings.objects.create(user=kepala, email_mode="digest")
    process = start(demo, kepala)
    notices = [
        Notification.objects.create(
            process=process, kind=kind, recipient=kepala, facts={"process": str(process)}
        )
        for kind in ("signed", "archived")
    ]
    deliver.call([n.pk for n in notices])
    assert mailoutbox == []  # waiting for the digest
    assert "Ringkasan harian diantrekan untuk 1 orang." in digest()
    [message] = mailoutbox
    assert message.subject == "[e-RKT] Ringkasan harian: 2 pemberitahuan"
    assert "telah ditandatangani" in message.body and "selesai dan diarsipkan" in message.body
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    assert "untuk 0 orang" in digest()
    assert len(mailoutbox) == 1


def test_a_person_who_turned_e_mail_off_gets_none(demo, kepala, mailoutbox):
    NotificationSettings.objects.create(user=kepala, email_mode="off")
    process = start(demo, kepala)
    notice = Notification.objects.create(
        process=process, kind="signed", recipient=kepala, facts={"process": str(process)}
    )
    deliver.call([notice.pk])
    digest()
    assert mailoutbox == [] and not Delivery.objects.exists()
