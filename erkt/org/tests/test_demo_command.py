from dataclasses import dataclass
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from erkt.org.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo, load_other_organization
from erkt.org.models import Employee, Organization, Position, Role, Unit
from erkt.org.nip import validate_nip
from erkt.sop.models import Sop, SopVersion

User = get_user_model()

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Every row the demo writes, as plain values (passwords aside: checked by signing in)."""
    return {
        "organizations": list(Organization.objects.order_by("pk").values()),
        "units": list(Unit.objects.order_by("pk").values()),
        "positions": list(Position.objects.order_by("pk").values()),
        "holders": sorted(
            Position.holders.through.objects.values_list("position_id", "employee_id")
        ),
        "employees": list(Employee.objects.order_by("pk").values()),
        "users": list(
            User.objects.order_by("pk").values(
                "pk", "username", "first_name", "is_active", "is_staff", "is_superuser", "password"
            )
        ),
        "sop_versions": list(SopVersion.objects.order_by("pk").values("pk", "sop_id", "status")),
    }


def run_command() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@dataclass
class TwoRuns:
    output: str  # what the first run printed
    first: dict  # the data after the first run
    second: dict  # the data after the second run


@pytest.fixture(scope="module")
def two_runs(django_db_setup, django_db_blocker, tmp_path_factory) -> TwoRuns:
    """`erkt demo` run twice into an empty database, once for the module: each run renders
    and signs the whole history (some 12 s of CPU). Run in a transaction rolled back at
    the end, under the settings every test has (erkt.testing.media, the root conftest)."""
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        output = run_command()
        first = snapshot()
        run_command()
        runs = TwoRuns(output=output, first=first, second=snapshot())
        transaction.set_rollback(True)
    return runs


def test_running_it_twice_gives_exactly_the_same_data(two_runs):
    assert two_runs.first["organizations"]
    assert two_runs.second == two_runs.first


def test_it_resets_what_was_changed_by_hand():
    load_demo()
    first = snapshot()
    kepala = User.objects.get(username="kepala")
    kepala.set_password("lupa")
    kepala.is_active = False
    kepala.save()
    Unit.objects.filter(short_name="PPIK").update(fills_form_rkt=False, name="Bidang X")
    Position.objects.get(title="Anggota Tim Perencanaan").holders.remove(
        Employee.objects.get(user__username="tim2")
    )
    load_demo()
    assert authenticate(username="kepala", password=DEMO_PASSWORD) is not None
    after = snapshot()
    assert {k: v for k, v in after.items() if k != "users"} == {
        k: v for k, v in first.items() if k != "users"
    }


def test_every_demo_user_signs_in_with_demo1234():
    load_demo()
    for account in DEMO_ACCOUNTS:
        assert authenticate(username=account.username, password="demo1234"), account.username


def test_it_prints_the_history_and_every_account_with_its_password_and_jabatan(two_runs):
    output = two_runs.output
    assert "Riwayat: RKT 2025 (selesai), RKT 2026 (selesai)." in output
    assert "Nama pengguna" in output and "Jabatan" in output
    for account in DEMO_ACCOUNTS:
        line = next(line for line in output.splitlines() if line.startswith(account.username + " "))
        assert DEMO_PASSWORD in line
        assert account.jabatan in line


def test_the_office_is_bkpsdm_balangan():
    organization = load_demo()
    assert organization.short_name == "BKPSDM"
    assert organization.name == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    assert organization.pemerintah_daerah == "Pemerintah Kabupaten Balangan"
    assert organization.city == "Paringin"
    assert organization.time_zone == "Asia/Makassar"
    assert "Batu Piring" in organization.address
    assert organization.head.holders.get().user.username == "kepala"


def test_the_kasubbag_perencanaan_heads_subbag_perencanaan_which_fills_a_form_rkt(
    kasubbag_perencanaan,
):
    position = kasubbag_perencanaan.employee.positions.get()
    assert position.role == Role.KASUBBAG_PERENCANAAN
    assert position.headed_unit.name == "Subbag Perencanaan"
    assert position.headed_unit.fills_form_rkt
    assert position.headed_unit.parent.name == "Sekretariat"


def test_five_units_fill_a_form_rkt_each_with_a_head_holding_it():
    organization = load_demo()
    filling = organization.units.filter(fills_form_rkt=True)
    assert sorted(filling.values_list("short_name", flat=True)) == [
        "MPK",
        "PERENCANAAN",
        "PPIK",
        "PSDM",
        "UMPEG",
    ]
    for unit in filling:
        assert unit.head_position.holders.count() == 1, unit
    assert not organization.units.get(short_name="SEKRETARIAT").fills_form_rkt


def test_every_unit_names_a_head_position_of_its_own():
    organization = load_demo()
    for unit in organization.units.all():
        assert unit.head_position is not None, unit
        assert unit.head_position.unit_id == unit.pk
        unit.full_clean()


def test_the_kepala_unit_is_the_root_of_the_tree():
    organization = load_demo()
    root = organization.units.get(parent=None)
    assert root.head_position.role == Role.KEPALA
    assert set(root.children.values_list("short_name", flat=True)) == {
        "SEKRETARIAT",
        "PPIK",
        "PSDM",
        "MPK",
    }


def test_the_tim_perencanaan_is_one_position_with_two_holders(tim1, tim2):
    position = Position.objects.get(
        role=Role.TIM_PERENCANAAN, organization=tim1.employee.organization
    )
    assert {h.user.username for h in position.holders.all()} == {"tim1", "tim2"}


def test_the_administrator_is_a_superuser_of_bkpsdm_without_a_jabatan(administrator):
    assert administrator.is_staff and administrator.is_superuser
    assert administrator.employee.organization.short_name == "BKPSDM"
    assert not administrator.employee.positions.exists()


def test_the_other_demo_users_are_not_staff(demo):
    others = User.objects.filter(employee__organization=demo).exclude(username="admin")
    assert others.count() == 9
    assert not others.filter(is_staff=True).exists()


def test_every_pegawai_has_a_valid_nip_a_pangkat_and_a_full_name(demo):
    for employee in Employee.objects.all():
        validate_nip(employee.nip)
        employee.full_clean()
        assert employee.pangkat


def test_the_kepala_has_a_signature_block_worth_printing(kepala):
    employee = kepala.employee
    assert employee.pangkat == "IV/c"
    assert employee.full_name == "Dr. H. Ahmad Rifani, S.Sos., M.Si."
    assert employee.nip_display == "19700314 199503 1 002"


def test_it_loads_the_seed_sop_as_the_active_version_once(demo):
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    assert sop.active_version is not None
    load_demo()
    assert sop.versions.count() == 1


def test_the_other_organization_is_a_separate_tenant(demo):
    other = load_other_organization()
    assert other.short_name == "DISDIK"
    assert other != demo
    stranger = User.objects.get(username="kepala.disdik")
    assert authenticate(username="kepala.disdik", password=DEMO_PASSWORD) == stranger
    assert stranger.employee.positions.get().role == Role.KEPALA
    assert other.units.filter(fills_form_rkt=True).count() == 2
    assert not Sop.objects.filter(organization=other).exists()


def test_loading_the_other_organization_twice_gives_the_same_data():
    load_other_organization()
    first = snapshot()
    load_other_organization()
    assert snapshot() == first
