"""`erkt remind [--org SINGKATAN] [--dry-run]`: e-mail today's reminders and escalations.

Meant to run once each working day (cron or a systemd timer); see erkt.workflow.reminders.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from erkt.org.models import Organization
from erkt.workflow.reminders import Summary, remind


class Command(BaseCommand):
    help = (
        "Kirim pengingat tugas yang mendekati batas waktu dan eskalasi tugas yang terlambat "
        "(sekali setiap hari kerja)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--org", help="Singkatan perangkat daerah (bawaan: semua perangkat daerah)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Tampilkan apa yang akan dikirim tanpa mengirim atau menyimpan apa pun.",
        )

    def handle(self, *args: Any, org: str | None = None, dry_run: bool = False, **options: Any):
        organizations = None
        if org:
            organizations = list(Organization.objects.filter(short_name=org))
            if not organizations:
                raise CommandError(f"Perangkat daerah '{org}' tidak ditemukan.")
        summary = remind(organizations, dry_run=dry_run)
        self.stdout.write(_report(summary, dry_run))
        if summary.failed:
            raise CommandError(f"{summary.failed} tugas gagal dikirim; lihat log.")


def _report(summary: Summary, dry_run: bool) -> str:
    verb = "Akan dikirim" if dry_run else "Terkirim"
    lines = [
        f"{verb}: {summary.reminders} pengingat, {summary.escalations} eskalasi.",
        f"Dilewati tanpa alamat e-mail: {len(summary.skipped)}.",
    ]
    lines += [f"  - {who}" for who in summary.skipped]
    if summary.days_off:
        lines.append(f"Hari libur, tidak ada yang dikirim: {', '.join(summary.days_off)}.")
    return "\n".join(lines)
