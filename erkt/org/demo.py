"""The demo office BKPSDM Kabupaten Balangan, and a second office to be a stranger.

Everything here is fictitious (names, NIPs) except the office itself. Loading is
idempotent: each row is found by a natural key and reset to the values below,
so `erkt demo` can be run again to put the demo back to its starting point.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Q

from erkt.org.models import (
    Employee,
    Organization,
    Pangkat,
    PemkabMembership,
    Position,
    Role,
    Training,
    Unit,
    UnitKind,
)

DEMO_PASSWORD = "demo1234"
DEMO_SHORT_NAME = "BKPSDM"
OTHER_SHORT_NAME = "DISDIK"
SEED_SOP_CODE = "penyusunan-rkt"
SEED_SOP_PATH = Path(__file__).resolve().parent.parent / "sop" / "seeds" / "penyusunan-rkt.yaml"
# The related SOP named in the seed's Keterkaitan (a template; loaded, never started).
RENSTRA_SOP_CODE = "penyusunan-renstra"
RENSTRA_SOP_PATH = SEED_SOP_PATH.with_name("penyusunan-renstra.yaml")

PEMKAB = "Pemerintah Kabupaten Balangan"


@dataclass(frozen=True)
class UnitSpec:
    short_name: str
    name: str
    kind: str
    parent: str | None = None
    fills_form_rkt: bool = False


@dataclass(frozen=True)
class PersonSpec:
    username: str
    name: str
    gelar_depan: str
    gelar_belakang: str
    nip: str
    pangkat: str
    superuser: bool = False
    nik: str = ""  # the Kepala's, for BSrE signing
    pendidikan: str = ""
    # (nama diklat/pelatihan, tahun, nomor sertifikat): read against the SOPs' kualifikasi
    trainings: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class PositionSpec:
    unit: str
    title: str
    role: str
    holders: tuple[str, ...]
    heads_unit: bool = True


@dataclass(frozen=True)
class DemoAccount:
    """One line of the demo accounts table on the login page and in `erkt demo`."""

    username: str
    jabatan: str
    unit: str


BKPSDM = {
    "name": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "pemerintah_daerah": PEMKAB,
    "address": (
        "Jln. A. Yani Km 4,5 No. 1, Kel. Batu Piring, Kec. Paringin Selatan, Kabupaten Balangan"
    ),
    "city": "Paringin",
    "time_zone": "Asia/Makassar",
}

BKPSDM_UNITS = (
    UnitSpec("KABAN", "Kepala Badan", UnitKind.LAINNYA),
    UnitSpec("SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, "KABAN"),
    UnitSpec("PERENCANAAN", "Subbag Perencanaan", UnitKind.SUBBAG, "SEKRETARIAT", True),
    UnitSpec("UMPEG", "Subbag Umum dan Kepegawaian", UnitKind.SUBBAG, "SEKRETARIAT", True),
    UnitSpec(
        "PPIK",
        "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
        UnitKind.BIDANG,
        "KABAN",
        True,
    ),
    UnitSpec("PSDM", "Bidang Pengembangan Sumber Daya Manusia", UnitKind.BIDANG, "KABAN", True),
    UnitSpec("MPK", "Bidang Mutasi, Promosi dan Kinerja", UnitKind.BIDANG, "KABAN", True),
)

RKT_TRAINING = "Bimtek Penyusunan RKT dan Perjanjian Kinerja Perangkat Daerah"

# NIP = birth date + TMT CPNS (at 22-26 years old) + sex (1 pria, 2 wanita) + serial.
BKPSDM_PEOPLE = (
    PersonSpec(
        "kepala",
        "Ahmad Rifani",
        "Dr. H.",
        "S.Sos., M.Si.",
        "197003141995031002",
        "IV/c",
        nik="6311011403700001",  # Paringin, Balangan; born 14-03-1970
        pendidikan="S3",
        trainings=(
            ("Pelatihan Kepemimpinan Nasional Tingkat II", 2018, "PKN.II/2018/LAN/0412"),
            ("Bimtek Penyusunan Renstra dan RKT Perangkat Daerah", 2021, ""),
        ),
    ),
    PersonSpec(
        "sekretaris",
        "Siti Rahmah",
        "Hj.",
        "S.E., M.M.",
        "197408211999122001",
        "IV/b",
        pendidikan="S2",
        trainings=((RKT_TRAINING, 2023, "800/118/BPSDMD/2023"),),
    ),
    PersonSpec(
        "kasubbag.perencanaan",
        "Muhammad Fauzan",
        "",
        "S.Kom., M.M.",
        "198305092009021003",
        "III/d",
        pendidikan="S2",
        trainings=(
            ("Diklat Perencanaan dan Penganggaran Daerah", 2020, "DPPD/2020/047"),
            (RKT_TRAINING, 2023, "800/121/BPSDMD/2023"),
        ),
    ),
    PersonSpec(
        "tim1",
        "Nurul Hikmah",
        "",
        "S.E.",
        "198806042011012003",
        "III/c",
        pendidikan="S1",
        trainings=((RKT_TRAINING, 2024, "800/087/BPSDMD/2024"),),
    ),
    # A CPNS of 2019 with only the Latsar: not yet trained in the RKT (a warning shows).
    PersonSpec(
        "tim2",
        "Ahmad Syarifuddin",
        "",
        "S.A.P.",
        "199301272019031005",
        "III/a",
        pendidikan="S1",
        trainings=(("Pelatihan Dasar CPNS Golongan III", 2019, "LATSAR/2019/III/0356"),),
    ),
    PersonSpec(
        "kasubbag.umum",
        "Rusdiansyah",
        "",
        "S.H., M.H.",
        "198107162006011004",
        "III/d",
        pendidikan="S2",
        trainings=(("Bimtek Penyusunan Rencana Kinerja Tahunan (RKT)", 2022, ""),),
    ),
    PersonSpec(
        "kabid.ppik",
        "Noorhayati",
        "Hj.",
        "S.Sos., M.A.P.",
        "197602122001042002",
        "IV/a",
        pendidikan="S2",
        trainings=((RKT_TRAINING, 2022, "800/064/BPSDMD/2022"),),
    ),
    PersonSpec(
        "kabid.psdm",
        "Gusti Muhammad Yusuf",
        "Drs. H.",
        "M.Pd.",
        "196910301994031001",
        "IV/b",
        pendidikan="S2",
        trainings=(("Diklat Penyusunan RKT dan Renstra Perangkat Daerah", 2019, ""),),
    ),
    PersonSpec(
        "kabid.mpk",
        "Akhmad Zaini",
        "",
        "S.IP., M.Si.",
        "197812052003121006",
        "IV/a",
        pendidikan="S2",
        trainings=(("Pelatihan Kepemimpinan Administrator", 2017, "PKA/2017/0219"),),
    ),
    # The administrator is a pegawai of BKPSDM without a jabatan: scoped to BKPSDM.
    PersonSpec(
        "admin",
        "Rina Maulida",
        "",
        "S.Kom.",
        "199503182020122007",
        "III/a",
        superuser=True,
        pendidikan="S1",
    ),
)

BKPSDM_POSITIONS = (
    PositionSpec("KABAN", "Kepala Badan", Role.KEPALA, ("kepala",)),
    PositionSpec("SEKRETARIAT", "Sekretaris", Role.SEKRETARIS, ("sekretaris",)),
    PositionSpec(
        "PERENCANAAN",
        "Kepala Subbagian Perencanaan",
        Role.KASUBBAG_PERENCANAAN,
        ("kasubbag.perencanaan",),
    ),
    # One position, several holders: a task of the lane can be claimed by either.
    PositionSpec(
        "PERENCANAAN",
        "Anggota Tim Perencanaan",
        Role.TIM_PERENCANAAN,
        ("tim1", "tim2"),
        heads_unit=False,
    ),
    PositionSpec(
        "UMPEG", "Kepala Subbagian Umum dan Kepegawaian", Role.KEPALA_UNIT, ("kasubbag.umum",)
    ),
    PositionSpec(
        "PPIK",
        "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
        Role.KEPALA_UNIT,
        ("kabid.ppik",),
    ),
    PositionSpec(
        "PSDM",
        "Kepala Bidang Pengembangan Sumber Daya Manusia",
        Role.KEPALA_UNIT,
        ("kabid.psdm",),
    ),
    PositionSpec(
        "MPK", "Kepala Bidang Mutasi, Promosi dan Kinerja", Role.KEPALA_UNIT, ("kabid.mpk",)
    ),
)

ADMIN_USERNAME = "admin"
# The Pemkab reader of the demo: Bappeda follows every OPD's RKT, reading only.
PEMKAB_USERNAME = "bappeda"
PEMKAB_READER = ("Yuliani Rahmawati, S.T., M.Sc.", PemkabMembership.Body.BAPPEDA)

DEMO_ACCOUNTS = (
    DemoAccount("kepala", "Kepala Badan", "Kepala Badan"),
    DemoAccount("sekretaris", "Sekretaris", "Sekretariat"),
    DemoAccount("kasubbag.perencanaan", "Kepala Subbagian Perencanaan", "Subbag Perencanaan"),
    DemoAccount("tim1", "Anggota Tim Perencanaan", "Subbag Perencanaan"),
    DemoAccount("tim2", "Anggota Tim Perencanaan", "Subbag Perencanaan"),
    DemoAccount(
        "kasubbag.umum", "Kepala Subbagian Umum dan Kepegawaian", "Subbag Umum dan Kepegawaian"
    ),
    DemoAccount("kabid.ppik", "Kepala Bidang PPIK", "Bidang PPIK"),
    DemoAccount("kabid.psdm", "Kepala Bidang PSDM", "Bidang PSDM"),
    DemoAccount("kabid.mpk", "Kepala Bidang MPK", "Bidang MPK"),
    DemoAccount(ADMIN_USERNAME, "Administrator sistem", "BKPSDM"),
    DemoAccount(PEMKAB_USERNAME, "Pembaca Pemkab (hanya baca)", "Bappeda"),
)

DISDIK = {
    "name": "Dinas Pendidikan",
    "pemerintah_daerah": PEMKAB,
    "address": "Jln. Basuki Rahmat No. 2, Kel. Paringin Kota, Kec. Paringin, Kabupaten Balangan",
    "city": "Paringin",
    "time_zone": "Asia/Makassar",
}

DISDIK_UNITS = (
    UnitSpec("KADIS", "Kepala Dinas", UnitKind.LAINNYA),
    UnitSpec("SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, "KADIS"),
    UnitSpec("PROGRAM", "Subbag Program dan Keuangan", UnitKind.SUBBAG, "SEKRETARIAT", True),
    UnitSpec("PAUD-SD", "Bidang Pembinaan PAUD dan SD", UnitKind.BIDANG, "KADIS", True),
)

DISDIK_PEOPLE = (
    PersonSpec("kepala.disdik", "Syahrani", "Drs. H.", "M.Pd.", "196804221993031003", "IV/c"),
    PersonSpec(
        "sekretaris.disdik", "Mariatul Kiptiah", "", "S.Pd., M.M.", "197511072000122001", "IV/b"
    ),
    PersonSpec("kasubbag.disdik", "Fahriannor", "", "S.E.", "198502142010011002", "III/d"),
    PersonSpec(
        "kabid.disdik", "Halimatus Sa'diah", "Hj.", "S.Pd., M.Pd.", "197909232005022004", "IV/a"
    ),
)

DISDIK_POSITIONS = (
    PositionSpec("KADIS", "Kepala Dinas Pendidikan", Role.KEPALA, ("kepala.disdik",)),
    PositionSpec("SEKRETARIAT", "Sekretaris", Role.SEKRETARIS, ("sekretaris.disdik",)),
    PositionSpec(
        "PROGRAM",
        "Kepala Subbagian Program dan Keuangan",
        Role.KASUBBAG_PERENCANAAN,
        ("kasubbag.disdik",),
    ),
    PositionSpec(
        "PAUD-SD", "Kepala Bidang Pembinaan PAUD dan SD", Role.KEPALA_UNIT, ("kabid.disdik",)
    ),
)


@transaction.atomic
def load_demo() -> Organization:
    """Create or reset BKPSDM Kabupaten Balangan with its people and the seed SOP."""
    organization = _load_organization(
        DEMO_SHORT_NAME, BKPSDM, BKPSDM_UNITS, BKPSDM_PEOPLE, BKPSDM_POSITIONS
    )
    _load_seed_sop(organization, related=True)
    _load_logo(organization)
    _load_pemkab_reader()
    return organization


def _load_pemkab_reader() -> PemkabMembership:
    """The deployment's demo Pemkab reader: an account of its own, no pegawai of an OPD."""
    name, body = PEMKAB_READER
    user, _ = get_user_model().objects.update_or_create(
        username=PEMKAB_USERNAME,
        defaults={
            "first_name": name,
            "last_name": "",
            "email": f"{PEMKAB_USERNAME}@bappeda.balangankab.go.id.test",
            "is_active": True,
            "is_staff": False,
            "is_superuser": False,
        },
    )
    _reset_passwords([user])
    membership, _ = PemkabMembership.objects.update_or_create(
        user=user, defaults={"body": body, "name": name}
    )
    return membership


@transaction.atomic
def load_other_organization() -> Organization:
    """Create or reset Dinas Pendidikan Kabupaten Balangan, a second tenant."""
    return _load_organization(
        OTHER_SHORT_NAME, DISDIK, DISDIK_UNITS, DISDIK_PEOPLE, DISDIK_POSITIONS
    )


@transaction.atomic
def load_demo_copy(number: int) -> Organization:
    """Create or reset a copy of the demo office with its own people and the seed SOP.

    For measuring a deployment of many offices (`make bench --scale`, the query-count
    tests): the short name is BKPSDM-<number>, each username ends in .<number>, no NIP.
    """
    suffix = f".{number}"
    people = tuple(
        replace(p, username=p.username + suffix, nip="", nik="", superuser=False)
        for p in BKPSDM_PEOPLE
    )
    positions = tuple(
        replace(p, holders=tuple(h + suffix for h in p.holders)) for p in BKPSDM_POSITIONS
    )
    fields = {**BKPSDM, "name": f"{BKPSDM['name']} {number}"}
    organization = _load_organization(
        f"{DEMO_SHORT_NAME}-{number}", fields, BKPSDM_UNITS, people, positions
    )
    _load_seed_sop(organization)
    return organization


def demo_accounts_present() -> list[DemoAccount]:
    """The demo accounts of the demo office that really sign in with the demo password.

    None unless `erkt demo` ran; an account whose password was changed (a real office
    that happens to have a user "admin") is not advertised.
    """
    hashes = dict(
        get_user_model()
        .objects.filter(
            Q(employee__organization__short_name=DEMO_SHORT_NAME)
            | Q(username=PEMKAB_USERNAME, pemkab_membership__isnull=False),
            username__in=[a.username for a in DEMO_ACCOUNTS],
        )
        .values_list("username", "password")
    )
    return [a for a in DEMO_ACCOUNTS if a.username in hashes and _is_demo_hash(hashes[a.username])]


@functools.lru_cache(maxsize=32)
def _is_demo_hash(encoded: str) -> bool:
    # The demo users share one hash: the login page pays for one check per process.
    return check_password(DEMO_PASSWORD, encoded)


def _load_organization(short_name, fields, units, people, positions) -> Organization:
    organization, _ = Organization.objects.update_or_create(short_name=short_name, defaults=fields)
    unit_by_key = _load_units(organization, units)
    employee_by_username = {p.username: _load_person(organization, p) for p in people}
    _reset_passwords([employee.user for employee in employee_by_username.values()])
    for spec in positions:
        _load_position(organization, unit_by_key[spec.unit], spec, employee_by_username)
    return organization


def _load_units(organization: Organization, specs) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for order, spec in enumerate(specs, start=1):
        units[spec.short_name], _ = Unit.objects.update_or_create(
            organization=organization,
            short_name=spec.short_name,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "parent": units[spec.parent] if spec.parent else None,
                "fills_form_rkt": spec.fills_form_rkt,
                "order": order,
            },
        )
    return units


def demo_email(organization: Organization, username: str) -> str:
    """A reserved (.test) address, so `erkt remind` shows its e-mail on the console."""
    return f"{username}@{organization.short_name.lower()}.balangankab.go.id.test"


def _load_person(organization: Organization, spec: PersonSpec) -> Employee:
    user, _ = get_user_model().objects.update_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.name,
            "last_name": "",
            "email": demo_email(organization, spec.username),
            "is_active": True,
            "is_staff": spec.superuser,
            "is_superuser": spec.superuser,
        },
    )
    fields = {
        "organization": organization,
        "nip": spec.nip,
        "nik": spec.nik,
        "name": spec.name,
        "gelar_depan": spec.gelar_depan,
        "gelar_belakang": spec.gelar_belakang,
        "pangkat": Pangkat(spec.pangkat),
        "pendidikan": spec.pendidikan,
    }
    employee, _ = Employee.objects.update_or_create(user=user, defaults=fields)
    _load_trainings(employee, spec.trainings)
    return employee


def _load_trainings(employee: Employee, trainings: tuple[tuple[str, int, str], ...]) -> None:
    """Reset the employee's trainings to `trainings` (untouched when they already are)."""
    stored = employee.trainings.order_by("pk").values_list("name", "year", "certificate_number")
    if list(stored) == list(trainings):
        return
    employee.trainings.all().delete()
    Training.objects.bulk_create(
        Training(employee=employee, name=name, year=year, certificate_number=number)
        for name, year, number in trainings
    )


def _reset_passwords(users) -> None:
    """Give every user the demo password, hashing as little as possible.

    A password hash costs about a second on purpose; the demo users share one hash,
    so a repeated load checks it once and leaves the rows untouched.
    """
    verdict: dict[str, bool] = {}
    shared_hash = ""
    for user in users:
        if user.password not in verdict:
            verdict[user.password] = check_password(DEMO_PASSWORD, user.password)
        if not verdict[user.password]:
            shared_hash = shared_hash or make_password(DEMO_PASSWORD)
            user.password = shared_hash
            user.save(update_fields=["password"])


def _load_position(
    organization: Organization, unit: Unit, spec: PositionSpec, employees: dict[str, Employee]
) -> Position:
    position, _ = Position.objects.update_or_create(
        organization=organization, unit=unit, title=spec.title, defaults={"role": spec.role}
    )
    position.holders.set([employees[username] for username in spec.holders])
    if spec.heads_unit and unit.head_position_id != position.pk:
        unit.head_position = position
        unit.save(update_fields=["head_position"])
    return position


def _load_seed_sop(organization: Organization, *, related: bool = False) -> None:
    from erkt.sop.io import load_file
    from erkt.sop.models import SopVersion

    seeds = [(SEED_SOP_CODE, SEED_SOP_PATH)]
    if related:
        seeds.append((RENSTRA_SOP_CODE, RENSTRA_SOP_PATH))
    for code, path in seeds:
        active = SopVersion.objects.filter(
            sop__organization=organization, sop__code=code, status=SopVersion.Status.ACTIVE
        )
        if not active.exists():
            load_file(organization, path)


def _load_logo(organization: Organization) -> None:
    """Give the demo office a generated emblem, so every kop shows a logo (kept if present)."""
    from django.core.files.base import ContentFile

    from erkt.org.emblem import render_emblem

    if organization.logo and organization.logo.storage.exists(organization.logo.name):
        return
    organization.logo.save("bkpsdm-balangan.png", ContentFile(render_emblem()), save=False)
    organization.save(update_fields=["logo"])
