"""Helpers of the notification tests."""

from __future__ import annotations

from erkt.workflow.models import Notification


def notices_of(username: str, kind: str | None = None) -> list[Notification]:
    rows = Notification.objects.filter(recipient__username=username)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("pk"))


def mails_to(outbox, username: str) -> list:
    address = f"{username}@bkpsdm.balangankab.go.id.test"
    return [message for message in outbox if address in message.to]
