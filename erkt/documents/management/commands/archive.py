"""`erkt archive verify <nomor berkas|id>`: check a Berkas's bundle against its manifest
and against the hashes kept in the database; name every changed, missing or extra file."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from erkt.documents.archive.models import Berkas
from erkt.documents.archive.services import verify


class Command(BaseCommand):
    help = "Periksa keutuhan bundel Berkas arsip."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        check = sub.add_parser(
            "verify", help="Cocokkan bundel ZIP dengan manifest dan hash yang tercatat."
        )
        check.add_argument("berkas", help="Nomor berkas, atau id Berkas.")
        check.add_argument("--org", help="Singkatan perangkat daerah (bila nomor berkas kembar).")

    def handle(self, *args: Any, subcommand: str, berkas: str, org: str | None = None, **options):
        found = find_berkas(berkas, org)
        report = verify(found)
        name = f"Berkas {found.nomor_berkas} ({found.organization.short_name})"
        if not report.ok:
            for line in report.lines():
                self.stderr.write(f"  {line}")
            raise CommandError(f"{name} tidak utuh: {len(report.lines())} temuan.")
        self.stdout.write(f"{name} utuh: {report.checked} berkas cocok dengan manifest.")


def find_berkas(reference: str, org: str | None) -> Berkas:
    candidates = Berkas.objects.select_related("organization")
    if org:
        candidates = candidates.filter(organization__short_name=org)
    matches = list(candidates.filter(nomor_berkas=reference))
    if not matches and reference.isdigit():
        matches = list(candidates.filter(pk=int(reference)))
    if not matches:
        raise CommandError(f"Berkas '{reference}' tidak ditemukan.")
    if len(matches) > 1:
        raise CommandError(
            f"Nomor berkas '{reference}' ada di beberapa perangkat daerah; sebutkan --org."
        )
    return matches[0]
