"""`erkt backup DEST`: a consistent backup of the running office (see erkt.backup.core)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from erkt.backup.core import BackupError, backup


class Command(BaseCommand):
    help = "Cadangkan basis data, berkas media dan manifest SHA-256 ke folder DEST."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", help="Folder baru (atau kosong) untuk cadangan.")

    def handle(self, *args: Any, dest: str, **options: Any) -> None:
        os.umask(0o077)
        try:
            result = backup(Path(dest))
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Cadangan tersimpan di {result.directory}: basis data "
            f"{manifest['database']['vendor']}, {len(manifest['files'])} berkas, "
            f"{len(manifest['audit_heads'])} rantai audit."
        )
