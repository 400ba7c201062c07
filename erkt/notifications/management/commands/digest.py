"""`erkt digest`: queue today's digest e-mails (once a day, e.g. from cron at 07:00)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from erkt.notifications.digest import queue_digests


class Command(BaseCommand):
    help = "Antrekan ringkasan harian pemberitahuan lewat e-mail (sekali sehari)."

    def handle(self, *args: Any, **options: Any):
        count = queue_digests()
        self.stdout.write(f"Ringkasan harian diantrekan untuk {count} orang.")
