"""`erkt audit verify [--org SINGKATAN]`: recompute the hash chain of the audit log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from erkt.audit.anchors import verify_anchors
from erkt.audit.verify import verify_all
from erkt.org.models import Organization


class Command(BaseCommand):
    help = "Periksa rantai hash jejak audit."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        verify = sub.add_parser("verify", help="Hitung ulang rantai hash dan laporkan kerusakan.")
        verify.add_argument(
            "--org", help="Singkatan perangkat daerah (bawaan: semua perangkat daerah)."
        )

    def handle(self, *args: Any, subcommand: str, org: str | None = None, **options: Any) -> None:
        organizations = None
        if org:
            organizations = list(Organization.objects.filter(short_name=org))
            if not organizations:
                raise CommandError(f"Perangkat daerah '{org}' tidak ditemukan.")
        reports = verify_all(organizations)
        errors = [_describe(report) for report in reports if not report.ok]
        ids = {o.pk for o in organizations} if organizations is not None else None
        anchored, problems = verify_anchors(ids)
        if problems:
            errors.append(
                "Kepala rantai yang tercatat di dokumen tidak cocok dengan rantai audit:\n  "
                + "\n  ".join(problems)
            )
        if errors:
            raise CommandError("\n".join(errors))
        total = sum(r.count for r in reports)
        self.stdout.write(f"Rantai audit utuh: {total} entri")
        if anchored:
            self.stdout.write(f"Kepala rantai tercatat di {anchored} dokumen/berkas: semua cocok")


def _describe(report) -> str:
    where = f"Rantai audit {report.organization.short_name} rusak"
    entry = report.broken
    if entry is None:
        return f"{where}: {report.problem}."
    when = timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S")
    return (
        f"{where} pada entri #{entry.pk} (nomor urut {entry.seq}, {when}, {entry.action}): "
        f"{report.problem}."
    )
