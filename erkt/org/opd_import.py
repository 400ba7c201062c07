"""Importing an OPD's organisation structure: the rules, then all of it written or nothing.

`import_opd(content, by=...)` reads the workbook (erkt.org.opd_excel), checks every rule
below against the file and the database, and in one transaction creates the
organisation, its units, jabatan, pegawai with their user accounts (no password: each
gets a one-time activation link, erkt.org.activation) and its own active version of the
Pemkab's SOP template. Any problem raises OpdFileError listing them all; nothing is
written then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.notifications.models import NotificationSettings
from erkt.notifications.phone import normalize_phone
from erkt.org.models import Employee, Organization, Pangkat, Position, Role, Unit
from erkt.org.nik import normalize_nik, validate_nik
from erkt.org.nip import normalize_nip, validate_nip
from erkt.org.opd_excel import (
    DATA_SHEETS,
    JABATAN,
    ORGANISASI,
    PEGAWAI,
    UNIT,
    CellError,
    OpdData,
    OpdFileError,
    column_letter,
    kind_labels,
    read_workbook,
    role_labels,
)

SEED_SOP_PATH = Path(__file__).resolve().parent.parent / "sop" / "seeds" / "penyusunan-rkt.yaml"
SEED_SOP_CODE = "penyusunan-rkt"
TIME_ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


@dataclass(frozen=True)
class Imported:
    organization: Organization
    users: list[Any]
    sop_version: Any


def sop_template() -> dict:
    """The Pemkab's SOP template: the active Penyusunan RKT of the template organisation
    (setting ERKT_SOP_TEMPLATE_ORGANIZATION, a short name), else the seed SOP file."""
    from erkt.sop.io import export_definition, read_file
    from erkt.sop.models import SopVersion

    short_name = settings.ERKT_SOP_TEMPLATE_ORGANIZATION
    if short_name:
        version = SopVersion.objects.filter(
            sop__organization__short_name=short_name,
            sop__code=SEED_SOP_CODE,
            status=SopVersion.Status.ACTIVE,
        ).first()
        if version is not None:
            return export_definition(version)
    return read_file(SEED_SOP_PATH)


def import_opd(content: bytes, *, by=None) -> Imported:
    data, errors = read_workbook(content)
    template = sop_template()
    if data is not None and not errors:
        errors = Rules(data, template).check()
    if errors or data is None:
        raise OpdFileError(_sorted(errors))
    try:
        imported = _write(data, template, by)
    except IntegrityError as error:  # someone registered the same NIP/e-mail meanwhile
        raise OpdFileError(
            [
                CellError(
                    _("(berkas)"),
                    None,
                    "",
                    _("Data berubah selama impor (NIP, NIK, atau e-mail sudah terdaftar); ulangi."),
                )
            ]
        ) from error
    from erkt.org.activation import send_activation_links

    transaction.on_commit(lambda: send_activation_links([u.pk for u in imported.users]))
    return imported


def _sorted(errors: list[CellError]) -> list[CellError]:
    order = {sheet: n for n, sheet in enumerate(DATA_SHEETS)}
    return sorted(
        errors, key=lambda e: (order.get(e.sheet, -1), e.row or 0, len(e.column), e.column)
    )


class Rules:
    """Every rule of the file, each error placed on its cell."""

    def __init__(self, data: OpdData, template: dict):
        self.data = data
        self.template = template
        self.errors: list[CellError] = []
        self.roles = _lookup(role_labels())
        self.kinds = _lookup(kind_labels())

    def error(self, sheet: str, row: int | None, key: str, message: str) -> None:
        column = column_letter(sheet, key) if key else ""
        self.errors.append(CellError(sheet, row, column, message))

    def check(self) -> list[CellError]:
        self.check_organisasi()
        self.check_units()
        self.check_jabatan()
        self.check_pegawai()
        self.check_heads_and_roles()
        return self.errors

    def check_organisasi(self) -> None:
        o = self.data.organisasi
        if o.short_name and Organization.objects.filter(short_name__iexact=o.short_name).exists():
            self.error(
                ORGANISASI,
                o.row,
                "short_name",
                _("Perangkat daerah dengan singkatan %(name)s sudah terdaftar.")
                % {"name": o.short_name},
            )
        if len(o.short_name) > 30:
            self.error(ORGANISASI, o.row, "short_name", _("Singkatan paling panjang 30 huruf."))
        if o.time_zone and o.time_zone not in TIME_ZONES:
            self.error(
                ORGANISASI,
                o.row,
                "time_zone",
                _("Zona waktu harus salah satu dari %(zones)s.") % {"zones": ", ".join(TIME_ZONES)},
            )

    def check_units(self) -> None:
        codes = {u.code.casefold() for u in self.data.units}
        seen: dict[str, int] = {}
        for unit in self.data.units:
            key = unit.code.casefold()
            if key and key in seen:
                self.error(UNIT, unit.row, "code", _duplicate(unit.code, seen[key]))
            elif key:
                seen[key] = unit.row
            if len(unit.code) > 30:
                self.error(UNIT, unit.row, "code", _("Kode unit paling panjang 30 huruf."))
            if unit.kind:
                kind = self.kinds.get(unit.kind.casefold())
                if kind is None:
                    self.error(
                        UNIT,
                        unit.row,
                        "kind",
                        _("Jenis unit harus salah satu dari %(choices)s.")
                        % {"choices": ", ".join(kind_labels().values())},
                    )
                unit.kind = kind or ""
            if unit.parent and unit.parent.casefold() not in codes:
                self.error(
                    UNIT,
                    unit.row,
                    "parent",
                    _("Unit induk %(code)s tidak ada di sheet Unit.") % {"code": unit.parent},
                )
        self.check_unit_cycles()

    def check_unit_cycles(self) -> None:
        parent = {u.code.casefold(): u.parent.casefold() for u in self.data.units if u.code}
        for unit in self.data.units:
            node, steps = unit.code.casefold(), 0
            while parent.get(node) and steps <= len(parent):
                node, steps = parent[node], steps + 1
                if node == unit.code.casefold():
                    self.error(
                        UNIT,
                        unit.row,
                        "parent",
                        _(
                            "Unit induk membentuk lingkaran: unit ini menjadi induk dirinya "
                            "sendiri."
                        ),
                    )
                    break

    def check_jabatan(self) -> None:
        units = {u.code.casefold() for u in self.data.units}
        seen: dict[str, int] = {}
        for jabatan in self.data.jabatan:
            key = jabatan.title.casefold()
            if key and key in seen:
                self.error(JABATAN, jabatan.row, "title", _duplicate(jabatan.title, seen[key]))
            elif key:
                seen[key] = jabatan.row
            if jabatan.unit and jabatan.unit.casefold() not in units:
                self.error(
                    JABATAN,
                    jabatan.row,
                    "unit",
                    _("Unit %(code)s tidak ada di sheet Unit.") % {"code": jabatan.unit},
                )
            if jabatan.role:
                role = self.roles.get(jabatan.role.casefold())
                if role is None:
                    self.error(
                        JABATAN,
                        jabatan.row,
                        "role",
                        _("Peran SOP harus salah satu dari %(choices)s.")
                        % {"choices": ", ".join(role_labels().values())},
                    )
                jabatan.role = role or ""

    def check_pegawai(self) -> None:
        jabatan = {j.title.casefold() for j in self.data.jabatan}
        seen: dict[str, dict[str, int]] = {"nip": {}, "nik": {}, "email": {}}
        for person in self.data.pegawai:
            self.check_person(person, jabatan)
            for key in seen:
                value = getattr(person, key).casefold()
                if value and value in seen[key]:
                    self.error(PEGAWAI, person.row, key, _duplicate(value, seen[key][value]))
                elif value:
                    seen[key][value] = person.row
        self.check_against_database()

    def check_person(self, person, jabatan: set[str]) -> None:
        row = person.row
        for key, validate, normalize in (
            ("nip", validate_nip, normalize_nip),
            ("nik", validate_nik, normalize_nik),
        ):
            value = getattr(person, key)
            if not value:
                continue
            try:
                validate(value)
            except ValidationError as error:
                self.error(PEGAWAI, row, key, " ".join(error.messages))
                setattr(person, key, "")
            else:
                setattr(person, key, normalize(value))
        if person.nip and person.nik:
            self.check_nik_matches_nip(person)
        if person.pangkat and person.pangkat not in Pangkat.values:
            self.error(
                PEGAWAI,
                row,
                "pangkat",
                _("Pangkat/golongan harus golongan ruang I/a sampai IV/e, misalnya III/a."),
            )
        if person.email:
            try:
                validate_email(person.email)
            except ValidationError:
                self.error(PEGAWAI, row, "email", _("Alamat e-mail tidak sah."))
        if person.phone:
            try:
                person.phone = normalize_phone(person.phone)
            except ValidationError as error:
                self.error(PEGAWAI, row, "phone", " ".join(error.messages))
        if person.jabatan and person.jabatan.casefold() not in jabatan:
            self.error(
                PEGAWAI,
                row,
                "jabatan",
                _("Jabatan %(title)s tidak ada di sheet Jabatan.") % {"title": person.jabatan},
            )

    def check_nik_matches_nip(self, person) -> None:
        """The NIK's birth date (a woman's day + 40) must be the NIP's, and so the sex."""
        nip, nik = person.nip, person.nik
        day, woman = int(nik[6:8]), int(nik[6:8]) > 40
        nik_birth = f"{day - 40 if woman else day:02d}{nik[8:10]}{nik[10:12]}"
        nip_birth = f"{nip[6:8]}{nip[4:6]}{nip[2:4]}"
        if nik_birth != nip_birth:
            self.error(
                PEGAWAI, person.row, "nik", _("Tanggal lahir pada NIK tidak sama dengan pada NIP.")
            )
        elif woman != (nip[14] == "2"):
            self.error(
                PEGAWAI,
                person.row,
                "nik",
                _(
                    "Jenis kelamin pada NIK (tanggal lahir + 40 untuk wanita) tidak sama "
                    "dengan NIP."
                ),
            )

    def check_against_database(self) -> None:
        people = self.data.pegawai
        nips = {p.nip for p in people if p.nip}
        niks = {p.nik for p in people if p.nik}
        emails = {p.email.casefold() for p in people if p.email}
        users = get_user_model().objects
        taken = {
            "nip": set(Employee.objects.filter(nip__in=nips).values_list("nip", flat=True))
            | set(users.filter(username__in=nips).values_list("username", flat=True)),
            "nik": set(Employee.objects.filter(nik__in=niks).values_list("nik", flat=True)),
            "email": set(
                users.annotate(low=Lower("email"))
                .filter(low__in=emails)
                .values_list("low", flat=True)
            ),
        }
        messages = {
            "nip": _("NIP ini sudah terdaftar sebagai pegawai atau nama pengguna."),
            "nik": _("NIK ini sudah terdaftar pada pegawai lain."),
            "email": _("E-mail ini sudah dipakai akun lain."),
        }
        for person in people:
            for key, values in taken.items():
                if getattr(person, key).casefold() in values:
                    self.error(PEGAWAI, person.row, key, messages[key])

    def check_heads_and_roles(self) -> None:
        held = {p.jabatan.casefold() for p in self.data.pegawai if p.jabatan}
        heads: dict[str, list] = {}
        for jabatan in self.data.jabatan:
            if jabatan.heads_unit:
                heads.setdefault(jabatan.unit.casefold(), []).append(jabatan)
        for unit in self.data.units:
            found = heads.get(unit.code.casefold(), [])
            if len(found) > 1:
                for extra in found[1:]:
                    self.error(
                        JABATAN,
                        extra.row,
                        "heads_unit",
                        _("Unit %(code)s sudah punya kepala unit (%(title)s, baris %(row)s).")
                        % {"code": unit.code, "title": found[0].title, "row": found[0].row},
                    )
            elif not found:
                self.error(
                    UNIT,
                    unit.row,
                    "code",
                    _(
                        "Unit ini belum punya jabatan kepala unit (Kepala Unit = Ya di sheet "
                        "Jabatan)."
                    ),
                )
            elif unit.fills_form_rkt and found[0].title.casefold() not in held:
                self.error(
                    UNIT,
                    unit.row,
                    "fills_form_rkt",
                    _(
                        "Unit ini mengisi Form RKT, tetapi jabatan kepalanya (%(title)s) belum "
                        "diisi pegawai."
                    )
                    % {"title": found[0].title},
                )
        self.check_roles(held)

    def check_roles(self, held: set[str]) -> None:
        labels = role_labels()
        kepala = [j for j in self.data.jabatan if j.role == Role.KEPALA]
        for extra in kepala[1:]:
            self.error(
                JABATAN,
                extra.row,
                "role",
                _("Hanya satu jabatan boleh berperan %(role)s.") % {"role": labels[Role.KEPALA]},
            )
        needed = [actor["role"] for actor in self.template.get("actors", [])]
        for role in dict.fromkeys(needed):
            if not any(j.role == role and j.title.casefold() in held for j in self.data.jabatan):
                self.error(
                    JABATAN,
                    None,
                    "role",
                    _(
                        "Peran SOP %(role)s belum dipegang jabatan yang diisi pegawai; SOP "
                        "Penyusunan RKT memerlukannya."
                    )
                    % {"role": labels.get(role, role)},
                )


def _lookup(labels: dict[str, str]) -> dict[str, str]:
    """Label or value (any case) -> value."""
    result = {value.casefold(): value for value in labels}
    result.update({label.casefold(): value for value, label in labels.items()})
    return result


def _duplicate(value: str, first_row: int) -> str:
    return _("%(value)s sudah ada di baris %(row)s (duplikat).") % {
        "value": value,
        "row": first_row,
    }


# ---------------------------------------------------------------- writing


@transaction.atomic
def _write(data: OpdData, template: dict, by) -> Imported:
    from erkt.sop.io import load_definition

    o = data.organisasi
    organization = Organization.objects.create(
        short_name=o.short_name,
        name=o.name,
        pemerintah_daerah=o.pemerintah_daerah,
        address=o.address,
        city=o.city,
        time_zone=o.time_zone or "Asia/Makassar",
    )
    units = _write_units(organization, data)
    positions = {}
    for spec in data.jabatan:
        unit = units[spec.unit.casefold()]
        position = Position.objects.create(
            organization=organization, unit=unit, title=spec.title, role=spec.role
        )
        positions[spec.title.casefold()] = position
        if spec.heads_unit:
            unit.head_position = position
            unit.save(update_fields=["head_position"])
    users = [_write_person(organization, person, positions) for person in data.pegawai]
    version = load_definition(organization, template, activate=True, user=by)
    record(
        organization=organization,
        user=by,
        action="org.opd_imported",
        obj=organization,
        after={"units": len(units), "jabatan": len(positions), "pegawai": len(users)},
    )
    return Imported(organization, users, version)


def _write_units(organization: Organization, data: OpdData) -> dict[str, Unit]:
    """Parents before children (the file may list them in any order)."""
    pending = list(enumerate(data.units, start=1))
    units: dict[str, Unit] = {}
    while pending:
        later = []
        for order, spec in pending:
            parent = spec.parent.casefold()
            if parent and parent not in units:
                later.append((order, spec))
                continue
            units[spec.code.casefold()] = Unit.objects.create(
                organization=organization,
                short_name=spec.code,
                name=spec.name,
                kind=spec.kind,
                parent=units[parent] if parent else None,
                fills_form_rkt=spec.fills_form_rkt,
                order=order,
            )
        pending = later  # the rules refused cycles and unknown parents: this ends
    return units


def _write_person(organization: Organization, person, positions: dict[str, Position]):
    user = get_user_model()(
        username=person.nip, email=person.email, first_name=person.name[:150], is_active=True
    )
    user.set_unusable_password()
    user.save()
    employee = Employee.objects.create(
        organization=organization,
        user=user,
        name=person.name,
        gelar_depan=person.gelar_depan,
        gelar_belakang=person.gelar_belakang,
        nip=person.nip,
        nik=person.nik,
        pangkat=person.pangkat,
    )
    if person.jabatan:
        positions[person.jabatan.casefold()].holders.add(employee)
    if person.phone:
        NotificationSettings.objects.create(user=user, phone=person.phone)
    return user


def activation_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // int(dt.timedelta(days=1).total_seconds()))
