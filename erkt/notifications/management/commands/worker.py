"""`erkt worker`: run the queued jobs (notices, e-mail, WhatsApp) until stopped.

A thin wrapper of django-tasks-db's db_worker with e-RKT's defaults: every queue, no
autoreload. `--batch` runs what is queued now and exits (for cron or a test).
"""

from __future__ import annotations

import signal
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Jalankan antrean pekerjaan latar (pemberitahuan, e-mail, WhatsApp) sampai dihentikan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="Jalankan yang sudah antre, lalu berhenti."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="Detik menunggu sebelum memeriksa antrean lagi (bawaan: 2).",
        )

    def handle(self, *args: Any, batch: bool = False, interval: float = 2.0, **options: Any):
        # The worker takes over SIGINT/SIGTERM to stop between jobs; a batch run inside a
        # longer process (a test, a script) gives them back when it is done.
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            self._run(batch, interval, options)
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    def _run(self, batch: bool, interval: float, options: dict[str, Any]) -> None:
        call_command(
            "db_worker",
            queue_name="*",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=False,
            verbosity=options.get("verbosity", 1),
            stdout=self.stdout,
            stderr=self.stderr,
        )
