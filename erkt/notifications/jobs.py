"""The queued jobs (django-tasks, run by `erkt worker`): find who is told, then send.

- announce_tasks_opened / announce_process_event store the notices of an engine event
  (erkt.workflow.notices) and hand them to deliver.
- deliver decides each notice's channels from the recipient's settings: a Delivery per
  channel (the unique constraint makes each channel send a notice once, however often
  a job runs), then one send_delivery job each; e-mail in a daily digest waits for
  `erkt digest`.
- send_delivery sends one e-mail or WhatsApp message; a failure is retried later
  (NOTIFY_RETRY_DELAYS seconds), then the delivery is marked failed.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone, translation

from erkt.notifications import whatsapp
from erkt.notifications.compat import task
from erkt.notifications.models import Delivery, EmailMode, NotificationSettings
from erkt.workflow import notices
from erkt.workflow.models import Notification

logger = logging.getLogger(__name__)


@task()
def announce_tasks_opened(task_ids: list[int], kind: str, reason: str, by_id: int | None):
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    ids = notices.notify_tasks_opened(task_ids, kind, reason, notices.name_of(by))
    deliver.call(ids)
    return len(ids)


@task()
def announce_process_event(process_id: int, kind: str, facts: dict):
    ids = notices.notify_process(process_id, kind, facts)
    deliver.call(ids)
    return len(ids)


@task()
def deliver(notification_ids: list[int]):
    """Create each notice's deliveries by its recipient's choice, then queue the sending."""
    rows = list(Notification.objects.filter(pk__in=notification_ids).select_related("recipient"))
    chosen = {
        s.user_id: s
        for s in NotificationSettings.objects.filter(user__in={n.recipient_id for n in rows})
    }
    deliveries = []
    for notice in rows:
        choice = chosen.get(notice.recipient_id) or NotificationSettings()
        email = notice.recipient.email
        if choice.email_mode != EmailMode.OFF and email:
            digest = choice.email_mode == EmailMode.DIGEST
            status = Delivery.Status.DIGEST if digest else Delivery.Status.QUEUED
            deliveries.append(
                Delivery(notification=notice, channel="email", address=email, status=status)
            )
        if choice.whatsapp and choice.phone and whatsapp.enabled():
            deliveries.append(
                Delivery(notification=notice, channel="whatsapp", address=choice.phone)
            )
    Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
    queued = Delivery.objects.filter(
        notification_id__in=notification_ids, status=Delivery.Status.QUEUED, attempts=0
    ).values_list("pk", flat=True)
    for delivery_id in queued:
        send_delivery.enqueue(delivery_id)
    return len(deliveries)


@task()
def send_delivery(delivery_id: int):
    delivery = (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED)
        .select_related("notification__process__organization", "notification__recipient")
        .first()
    )
    if delivery is None:
        return "nothing to send"  # sent already, or failed for good
    try:
        with translation.override(settings.LANGUAGE_CODE):
            if delivery.channel == Delivery.Channel.EMAIL:
                send_email(delivery)
            else:
                send_whatsapp(delivery)
    except Exception as error:
        _failed(delivery, error)
        return "failed"
    delivery.status = Delivery.Status.SENT
    delivery.attempts += 1
    delivery.sent_at = timezone.now()
    delivery.error = ""
    delivery.save(update_fields=["status", "attempts", "sent_at", "error"])
    return "sent"


def send_email(delivery: Delivery) -> None:
    notice = delivery.notification
    subject, body = notices.email_text(notice, recipient_name(notice.recipient))
    mail.EmailMessage(subject, body, to=[delivery.address]).send()


def send_whatsapp(delivery: Delivery) -> None:
    message = notices.render(delivery.notification)
    text = f"{message.subject.removeprefix('[e-RKT] ')} {message.url}"
    whatsapp.send_template(
        delivery.address, whatsapp.template_for(delivery.notification.kind), text
    )


def recipient_name(user) -> str:
    return notices.name_of(user)


def _failed(delivery: Delivery, error: Exception) -> None:
    delays = list(settings.NOTIFY_RETRY_DELAYS)
    delivery.attempts += 1
    delivery.error = str(error)[:1000]
    retry = delivery.attempts <= len(delays)
    if not retry:
        delivery.status = Delivery.Status.FAILED
    delivery.save(update_fields=["status", "attempts", "error"])
    logger.warning(
        "Pemberitahuan %s lewat %s gagal (percobaan %s): %s",
        delivery.notification_id,
        delivery.channel,
        delivery.attempts,
        error,
    )
    if retry:
        later = timezone.now() + datetime.timedelta(seconds=delays[delivery.attempts - 1])
        job = send_delivery
        if job.get_backend().supports_defer:
            job = job.using(run_after=later)
        job.enqueue(delivery.pk)
