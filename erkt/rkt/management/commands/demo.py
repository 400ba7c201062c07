"""`erkt demo`: load (or reset) the demo office and print who can sign in.

It lives in the rkt app because the complete demo spans the apps below it:
the organisation and its SOP (org, sop) and the Renstra (rkt).
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand

from erkt.documents.signing.demo import DEMO_PASSPHRASE, load_demo_signing
from erkt.org.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.demo_history import load_demo_history


class Command(BaseCommand):
    help = (
        "Load the demo office BKPSDM Kabupaten Balangan (units, jabatan, pegawai, the SOP "
        "Penyusunan RKT, the Renstra 2025-2029, the finished RKT 2025 and RKT 2026). Running "
        "it again resets the demo data and the passwords (the finished years stay)."
    )

    def handle(self, *args, **options) -> None:
        organization = load_demo()
        # The history first: it loads the Renstra and the certificates on its own clock.
        with _quiet("fontTools", "pyhanko"):  # font subsetting, soft-fail CRLs
            history = load_demo_history(organization)
        load_demo_renstra(organization)
        load_demo_signing(organization)
        self.stdout.write(
            self.style.SUCCESS(f"Demo dimuat: {organization.name} ({organization.short_name}).")
        )
        years = ", ".join(f"RKT {p.year} ({p.get_status_display().lower()})" for p in history)
        self.stdout.write(f"Riwayat: {years}.")
        self.stdout.write(self._accounts_table())
        self.stdout.write(
            f"Sertifikat elektronik Kepala Badan (CA demo): passphrase {DEMO_PASSPHRASE}"
        )

    def _accounts_table(self) -> str:
        rows = [("Nama pengguna", "Kata sandi", "Jabatan")]
        rows += [(a.username, DEMO_PASSWORD, a.jabatan) for a in DEMO_ACCOUNTS]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]}" for r in rows]
        lines.insert(1, "  ".join("-" * width for width in widths))
        return "\n".join(lines)


@contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Only errors from these loggers while the demo history renders and signs."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
