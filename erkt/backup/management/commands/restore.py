"""`erkt restore SRC`: restore a backup into an empty database and media folder.

The manifest is checked first (every file's SHA-256): a damaged backup is refused
before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from erkt.backup.core import BackupError, restore


class Command(BaseCommand):
    help = "Pulihkan cadangan erkt backup ke basis data dan folder media yang kosong."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", help="Folder cadangan (berisi manifest.json).")

    def handle(self, *args: Any, src: str, **options: Any) -> None:
        os.umask(0o077)
        try:
            manifest = restore(Path(src))
        except BackupError as error:
            raise CommandError(str(error)) from error
        heads = ", ".join(f"{h['organization']} #{h['seq']}" for h in manifest["audit_heads"])
        self.stdout.write(
            f"Cadangan {manifest['created_at']} dipulihkan (rantai audit: {heads or '-'}). "
            "Jalankan `erkt migrate` lalu `erkt audit verify`."
        )
