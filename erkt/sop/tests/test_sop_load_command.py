from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from erkt.sop.models import Sop, SopVersion, StepKind
from erkt.sop.tests.helpers import SEED_PATH, make_organization, sop_row_counts

pytestmark = pytest.mark.django_db


def load(*args: str) -> str:
    out = StringIO()
    call_command("sop", "load", *args, stdout=out)
    return out.getvalue()


def test_it_loads_the_seed_as_the_active_first_version():
    organization = make_organization()

    output = load(str(SEED_PATH))

    version = Sop.objects.get(organization=organization, code="penyusunan-rkt").active_version
    assert version.number == 1
    assert version.judul == "Penyusunan Rencana Kinerja Tahunan (RKT)"
    assert version.approved_at is not None
    assert "versi 1" in output


def test_the_seed_has_eleven_steps_and_five_actors():
    make_organization()
    load(str(SEED_PATH))

    version = SopVersion.objects.get()
    assert version.steps.count() == 11
    assert list(version.actors.values_list("key", flat=True)) == [
        "tim_perencanaan",
        "kasubbag_perencanaan",
        "kasubbag_kabid",
        "sekretaris",
        "kepala",
    ]


def test_steps_9_and_10_are_decisions_returning_to_step_8():
    make_organization()
    load(str(SEED_PATH))

    steps = {step.number: step for step in SopVersion.objects.get().steps.all()}
    assert [n for n, s in steps.items() if s.kind == StepKind.DECISION] == [9, 10]
    assert (steps[9].yes_step, steps[9].no_step) == (10, 8)
    assert (steps[10].yes_step, steps[10].no_step) == (11, 8)
    assert steps[1].kind == StepKind.START
    assert steps[11].kind == StepKind.END


def test_only_steps_4_and_7_run_per_unit():
    make_organization()
    load(str(SEED_PATH))

    per_unit = SopVersion.objects.get().steps.filter(per_unit=True)
    assert list(per_unit.values_list("number", flat=True)) == [4, 7]
    assert {step.actor.key for step in per_unit} == {"kasubbag_kabid"}


def test_one_week_counts_as_five_working_days_for_23_in_total():
    make_organization()
    load(str(SEED_PATH))

    version = SopVersion.objects.get()
    assert version.steps.get(number=8).working_days == 5
    assert version.total_working_days == 23


def test_loading_again_creates_version_2_and_supersedes_version_1():
    make_organization()
    load(str(SEED_PATH))
    load(str(SEED_PATH))

    statuses = dict(SopVersion.objects.values_list("number", "status"))
    assert statuses == {1: SopVersion.Status.SUPERSEDED, 2: SopVersion.Status.ACTIVE}


def test_draft_option_keeps_the_active_version_in_force():
    make_organization()
    load(str(SEED_PATH))
    output = load(str(SEED_PATH), "--draft")

    statuses = dict(SopVersion.objects.values_list("number", "status"))
    assert statuses == {1: SopVersion.Status.ACTIVE, 2: SopVersion.Status.DRAFT}
    assert "Draft" in output


def test_it_loads_into_the_named_organisation():
    make_organization("BKPSDM")
    disdik = make_organization("DISDIK")

    load(str(SEED_PATH), "--org", "DISDIK")

    assert Sop.objects.get().organization == disdik


def test_it_asks_for_an_organisation_when_there_are_several():
    make_organization("BKPSDM")
    make_organization("DISDIK")

    with pytest.raises(CommandError, match="--org"):
        load(str(SEED_PATH))
    assert sop_row_counts() == (0, 0, 0, 0)


def test_it_refuses_an_unknown_organisation():
    make_organization()

    with pytest.raises(CommandError, match="'BAPPEDA' tidak ditemukan"):
        load(str(SEED_PATH), "--org", "BAPPEDA")


def test_it_refuses_when_no_organisation_exists():
    with pytest.raises(CommandError, match="Belum ada perangkat daerah"):
        load(str(SEED_PATH))


def test_it_refuses_a_missing_file():
    make_organization()

    with pytest.raises(CommandError, match="tidak ditemukan"):
        load("/nonexistent/sop.yaml")
    assert sop_row_counts() == (0, 0, 0, 0)


def test_it_reports_every_problem_of_an_invalid_file(tmp_path):
    make_organization()
    broken = SEED_PATH.read_text(encoding="utf-8")
    broken = broken.replace("role: sekretaris", "role: bendahara")
    broken = broken.replace("unit: minggu", "unit: bulan")
    path = tmp_path / "sop.yaml"
    path.write_text(broken, encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        load(str(path))

    message = str(raised.value)
    assert "peran 'bendahara' tidak dikenal" in message
    assert "Langkah 8: satuan waktu 'bulan' tidak dikenal" in message
    assert sop_row_counts() == (0, 0, 0, 0)


def test_the_demo_office_has_the_seed_sop_active(demo):
    version = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version
    assert version.steps.count() == 11
    assert version.total_working_days == 23
