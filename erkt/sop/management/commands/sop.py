"""`erkt sop load FILE` and `erkt sop export CODE`: SOP definitions as YAML/JSON files."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from erkt.org.models import Organization
from erkt.sop.bpmn import render_bpmn
from erkt.sop.io import SopDefinitionError, dump_definition, export_definition, load_file
from erkt.sop.models import Sop


class Command(BaseCommand):
    help = "Load an SOP definition (YAML/JSON) as a new version, or export the active version."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{load,export}")
        load = actions.add_parser("load", help="Load FILE as a new version of its SOP.")
        load.add_argument("file", help="Path of the .yaml/.yml/.json definition.")
        load.add_argument("--org", help="Short name of the organisation (default: the only one).")
        load.add_argument(
            "--draft", action="store_true", help="Keep the new version as a draft (no approval)."
        )
        export = actions.add_parser(
            "export", help="Print the active version of SOP CODE (YAML, JSON or BPMN 2.0 XML)."
        )
        export.add_argument("code", help="Code of the SOP, e.g. penyusunan-rkt.")
        export.add_argument("--org", help="Short name of the organisation (default: the only one).")
        export.add_argument("--format", choices=["yaml", "json", "bpmn"], default="yaml")

    def handle(self, *args, action: str, **options) -> None:
        organization = _organization(options["org"])
        if action == "load":
            self._load(organization, options["file"], draft=options["draft"])
        else:
            self._export(organization, options["code"], options["format"])

    def _load(self, organization: Organization, path: str, *, draft: bool) -> None:
        try:
            version = load_file(organization, path, activate=not draft)
        except SopDefinitionError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        self.stdout.write(
            _("SOP %(code)s versi %(number)d dimuat (%(status)s) untuk %(org)s.")
            % {
                "code": version.sop.code,
                "number": version.number,
                "status": version.get_status_display(),
                "org": organization.short_name,
            }
        )

    def _export(self, organization: Organization, code: str, fmt: str) -> None:
        sop = Sop.objects.filter(organization=organization, code=code).first()
        if sop is None:
            raise CommandError(
                _("SOP dengan kode '%(code)s' tidak ada di %(org)s.")
                % {"code": code, "org": organization.short_name}
            )
        version = sop.active_version
        if version is None:
            raise CommandError(_("SOP '%(code)s' belum punya versi yang berlaku.") % {"code": code})
        if fmt == "bpmn":
            self.stdout.write(render_bpmn(version).decode("utf-8"), ending="")
        else:
            self.stdout.write(dump_definition(export_definition(version), fmt), ending="")


def _organization(short_name: str | None) -> Organization:
    if short_name:
        organization = Organization.objects.filter(short_name=short_name).first()
        if organization is None:
            raise CommandError(
                _("Perangkat daerah '%(name)s' tidak ditemukan.") % {"name": short_name}
            )
        return organization
    organizations = list(Organization.objects.all()[:2])
    if not organizations:
        raise CommandError(_("Belum ada perangkat daerah; buat dulu (misalnya `erkt demo`)."))
    if len(organizations) > 1:
        raise CommandError(
            _("Ada beberapa perangkat daerah; sebutkan salah satunya dengan --org SINGKATAN.")
        )
    return organizations[0]
