"""The daily digest: one e-mail per person with every notice waiting for it (`erkt digest`)."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from erkt.notifications.compat import task
from erkt.notifications.models import Delivery
from erkt.workflow import notices


def waiting_users() -> list[int]:
    rows = Delivery.objects.filter(channel=Delivery.Channel.EMAIL, status=Delivery.Status.DIGEST)
    return sorted(set(rows.values_list("notification__recipient_id", flat=True)))


def queue_digests() -> int:
    """Queue one digest job per person with notices waiting; how many."""
    users = waiting_users()
    for user_id in users:
        send_digest.enqueue(user_id)
    return len(users)


@task()
def send_digest(user_id: int) -> int:
    """Send the person's waiting notices in one e-mail; they are marked sent with it."""
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(of=("self",))
            .filter(
                channel=Delivery.Channel.EMAIL,
                status=Delivery.Status.DIGEST,
                notification__recipient_id=user_id,
            )
            .select_related("notification__process__organization", "notification__recipient")
            .order_by("notification__created_at", "pk")
        )
        if not rows:
            return 0
        first = rows[0].notification
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[e-RKT] Ringkasan harian: %(count)s pemberitahuan") % {"count": len(rows)}
            parts = [_("Yth. %(name)s,") % {"name": notices.name_of(first.recipient)}]
            for delivery in rows:
                message = notices.render(delivery.notification)
                parts.append(f"{message.subject}\n{message.body}\n{message.url}")
            parts.append(notices.footer(first))
        mail.EmailMessage(subject, "\n\n".join(parts) + "\n", to=[rows[-1].address]).send()
        Delivery.objects.filter(pk__in=[d.pk for d in rows]).update(
            status=Delivery.Status.SENT, sent_at=timezone.now(), attempts=1
        )
    return len(rows)
