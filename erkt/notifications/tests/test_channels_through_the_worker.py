"""A new task reaches its holder through the real queue and `erkt worker`: by e-mail
through an SMTP server on loopback and by WhatsApp through a fake Graph API server."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from erkt.notifications.models import Delivery, NotificationSettings
from erkt.notifications.tests.loopback import (
    PHONE_NUMBER_ID,
    TOKEN,
    GraphApi,
    graph_api_server,
    smtp_server,
)
from erkt.workflow.models import Notification, Task
from erkt.workflow.tests.page_helpers import start

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.database]


def worker() -> None:
    call_command("worker", "--batch", verbosity=0)


def test_a_new_task_is_e_mailed_through_smtp_on_loopback(queue, demo, kepala, settings):
    with smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        process = start(demo, kepala)
        assert DBTaskResult.objects.count() == 1  # queued, not sent in the request
        assert inbox.messages == [] and not Notification.objects.exists()
        worker()
    task = Task.objects.get(process=process, status="open")
    [message] = inbox.messages
    assert inbox.envelopes[0][1] == ["kepala@bkpsdm.balangankab.go.id.test"]
    assert message["Subject"] == "[e-RKT] Tugas baru: langkah 1"
    body = message.get_content()
    assert "Tugas berikut menunggu Anda." in body
    assert "Yth. " in body and "Batas waktu: 3 November 2026" in body
    assert f"Buka tugas: https://erkt.balangankab.go.id/tugas/{task.pk}/" in body
    delivery = Delivery.objects.get(channel="email")
    assert (delivery.status, delivery.attempts) == ("sent", 1)
    assert Notification.objects.get().recipient == kepala


def test_a_new_task_goes_by_whatsapp_to_the_fake_graph_api(queue, demo, kepala, settings):
    NotificationSettings.objects.create(
        user=kepala, email_mode="off", whatsapp=True, phone="+6281234567890"
    )
    api = GraphApi()
    with graph_api_server(api) as base_url:
        settings.WHATSAPP_API_URL = base_url
        settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID = TOKEN, PHONE_NUMBER_ID
        settings.WHATSAPP_TEMPLATE = "erkt_pemberitahuan"
        process = start(demo, kepala)
        worker()
    task = Task.objects.get(process=process, status="open")
    assert api.refused == []
    [sent] = api.requests
    assert sent["to"] == "6281234567890"
    assert sent["template"]["name"] == "erkt_pemberitahuan"
    text = sent["template"]["components"][0]["parameters"][0]["text"]
    assert text.startswith("Tugas baru: langkah 1")
    assert f"https://erkt.balangankab.go.id/tugas/{task.pk}/" in text
    delivery = Delivery.objects.get()
    assert (delivery.channel, delivery.status, delivery.address) == (
        "whatsapp",
        "sent",
        "+6281234567890",
    )


def test_a_failed_whatsapp_message_is_retried_by_the_worker(queue, demo, kepala, settings):
    NotificationSettings.objects.create(
        user=kepala, email_mode="off", whatsapp=True, phone="+6281234567890"
    )
    settings.NOTIFY_RETRY_DELAYS = [0, 0]
    api = GraphApi(fail_next=1)
    with graph_api_server(api) as base_url:
        settings.WHATSAPP_API_URL = base_url
        settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID = TOKEN, PHONE_NUMBER_ID
        start(demo, kepala)
        worker()
    assert api.refused == ["500 Service temporarily unavailable"]
    assert len(api.requests) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 2, "")


def test_a_wrong_token_fails_for_good_after_the_retries(queue, demo, kepala, settings):
    NotificationSettings.objects.create(
        user=kepala, email_mode="off", whatsapp=True, phone="+6281234567890"
    )
    settings.NOTIFY_RETRY_DELAYS = [0]
    with graph_api_server(GraphApi()) as base_url:
        settings.WHATSAPP_API_URL = base_url
        settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID = "salah", PHONE_NUMBER_ID
        start(demo, kepala)
        worker()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 2)
    assert "HTTP 401: Invalid OAuth access token." in delivery.error
    assert Notification.objects.get().recipient == kepala  # still in the app


def test_whatsapp_stays_off_unless_configured(queue, demo, kepala, settings):
    NotificationSettings.objects.create(
        user=kepala, email_mode="off", whatsapp=True, phone="+6281234567890"
    )
    settings.WHATSAPP_TOKEN = ""
    start(demo, kepala)
    worker()
    assert not Delivery.objects.exists()
    assert Notification.objects.filter(recipient=kepala).count() == 1
