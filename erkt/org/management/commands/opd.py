"""`erkt opd template|example|import|activate`: bringing in an OPD from the Excel template."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from erkt.org.activation import send_activation_links
from erkt.org.opd_demo import example_data
from erkt.org.opd_excel import OpdFileError, build_workbook
from erkt.org.opd_import import import_opd


class Command(BaseCommand):
    help = "Bring in an OPD: write the template or the example, import a filled file."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("template", help="Write the empty template.").add_argument("file")
        actions.add_parser("example", help="Write the filled example (DISKOMINFO).").add_argument(
            "file"
        )
        imports = actions.add_parser("import", help="Import FILE: all of it, or nothing.")
        imports.add_argument("file")
        activate = actions.add_parser("activate", help="Send a new activation link.")
        activate.add_argument("username", nargs="+", help="Username (the NIP) of each pegawai.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "template":
            Path(options["file"]).write_bytes(build_workbook())
        elif action == "example":
            Path(options["file"]).write_bytes(build_workbook(example_data()))
        elif action == "import":
            self._import(Path(options["file"]))
        else:
            self._activate(options["username"])

    def _import(self, path: Path) -> None:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibaca: %(reason)s")
                % {"path": path, "reason": error.strerror}
            ) from None
        try:
            imported = import_opd(content)
        except OpdFileError as refused:
            lines = [_("Berkas ditolak; tidak ada data yang disimpan.")]
            row, column = _("baris"), _("kolom")  # outside the f-string, for xgettext
            lines += [
                f"{e.sheet}, {row} {e.row or '-'}, {column} {e.column or '-'}: {e.message}"
                for e in refused.errors
            ]
            raise CommandError("\n".join(lines)) from None
        organization = imported.organization
        self.stdout.write(
            _("%(org)s (%(short)s) didaftarkan dengan SOP versi %(version)s.")
            % {
                "org": organization.name,
                "short": organization.short_name,
                "version": imported.sop_version.number,
            }
        )
        for user in imported.users:
            self.stdout.write(f"  {user.username}  {user.email}")
        self.stdout.write(
            _("Tautan aktivasi diantrekan untuk %(n)s pegawai (dikirim oleh `erkt worker`).")
            % {"n": len(imported.users)}
        )

    def _activate(self, usernames: list[str]) -> None:
        users = list(get_user_model().objects.filter(username__in=usernames))
        unknown = set(usernames) - {u.username for u in users}
        if unknown:
            raise CommandError(
                _("Pengguna tidak ditemukan: %(names)s") % {"names": ", ".join(sorted(unknown))}
            )
        active = [u.username for u in users if u.has_usable_password()]
        if active:
            raise CommandError(
                _("Sudah punya kata sandi (tidak perlu aktivasi): %(names)s")
                % {"names": ", ".join(active)}
            )
        send_activation_links([u.pk for u in users])
        self.stdout.write(_("Tautan aktivasi diantrekan untuk %(n)s pegawai.") % {"n": len(users)})
