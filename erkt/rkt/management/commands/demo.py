"""`erkt demo`: load (or reset) the demo office and print who can sign in.

It lives in the rkt app because the complete demo spans the apps below it:
the organisation and its SOP (org, sop) and the Renstra (rkt).
"""

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
        load_demo_history(organization)
        load_demo_renstra(organization)
        load_demo_signing(organization)
        self.stdout.write(
            self.style.SUCCESS(f"Demo dimuat: {organization.name} ({organization.short_name}).")
        )
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
