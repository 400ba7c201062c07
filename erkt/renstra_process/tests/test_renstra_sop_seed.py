"""The seed SOP Penyusunan Renstra: loadable with `erkt sop load`, in the demo, and linked
from the Keterkaitan of the seed RKT SOP (and back)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from erkt.renstra_process.actions import EDITING, PENETAPAN, PERSIAPAN
from erkt.sop.models import Sop, StepKind
from erkt.sop.tests.helpers import make_organization
from erkt.workflow import actions

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "sop" / "seeds" / "penyusunan-renstra.yaml"


def test_erkt_sop_load_loads_it_with_its_stages_and_actions():
    organization = make_organization()
    out = StringIO()

    call_command("sop", "load", str(SEED), stdout=out)

    version = Sop.objects.get(organization=organization, code="penyusunan-renstra").active_version
    assert version.judul == "Penyusunan Renstra Perangkat Daerah"
    assert any("Nomor 86 Tahun 2017" in item for item in version.dasar_hukum)
    steps = list(version.steps.order_by("number"))
    assert len(steps) == 8
    assert (steps[0].kind, steps[0].action) == (StepKind.START, PERSIAPAN)
    assert (steps[-1].kind, steps[-1].action) == (StepKind.END, PENETAPAN)
    for stage in ("Persiapan", "Rancangan awal", "Rancangan:", "Forum Perangkat Daerah"):
        assert any(step.uraian.startswith(stage) for step in steps), stage
    assert all(step.waktu_unit == "hari_kerja" for step in steps)
    registered = set(actions.registered_keys())
    assert {step.action for step in steps} <= registered
    assert set(EDITING) <= registered


def test_the_seed_file_says_it_is_a_template_to_adapt():
    assert SEED.read_text(encoding="utf-8").startswith("# TEMPLATE TO ADAPT")


def test_the_rkt_sop_page_links_its_keterkaitan_to_the_renstra_sop(client_for, kabid_ppik):
    html = client_for(kabid_ppik).get(reverse("sop:detail", args=["penyusunan-rkt"])).content
    html = html.decode()

    link = reverse("sop:detail", args=["penyusunan-renstra"])
    assert f'<a href="{link}">SOP Penyusunan Renstra Perangkat Daerah</a>' in html
    assert "<li>SOP Penyusunan RPJMD</li>" in html  # not shipped: no link


def test_the_renstra_sop_page_links_back_to_the_rkt_sop(client_for, tim1):
    html = client_for(tim1).get(reverse("sop:detail", args=["penyusunan-renstra"])).content

    link = reverse("sop:detail", args=["penyusunan-rkt"])
    assert f'<a href="{link}">SOP Penyusunan Rencana Kinerja Tahunan (RKT)</a>' in html.decode()


def test_a_stranger_gets_no_link_to_an_sop_of_bkpsdm(client_for, stranger, demo):
    response = client_for(stranger).get(reverse("sop:detail", args=["penyusunan-renstra"]))

    assert response.status_code == 404


def test_its_bpmn_export_is_valid_bpmn_2():
    import xmlschema

    from erkt.sop.tests.helpers import XSD

    make_organization()
    call_command("sop", "load", str(SEED), stdout=StringIO())
    out = StringIO()
    call_command("sop", "export", "penyusunan-renstra", "--format", "bpmn", stdout=out)

    assert list(xmlschema.XMLSchema(str(XSD)).iter_errors(out.getvalue())) == []


def test_export_then_load_gives_the_same_definition():
    from erkt.sop.io import export_definition, load_definition

    organization = make_organization()
    call_command("sop", "load", str(SEED), stdout=StringIO())
    first = export_definition(
        Sop.objects.get(organization=organization, code="penyusunan-renstra").active_version
    )

    again = export_definition(load_definition(organization, first))

    assert first["steps"][6]["decision"] == {"ya": 8, "tidak": 6}
    assert again == first
