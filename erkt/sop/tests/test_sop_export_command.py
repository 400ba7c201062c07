import datetime
import json
from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from erkt.sop.io import export_definition, load_definition
from erkt.sop.models import Sop
from erkt.sop.tests.helpers import make_organization, seed_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    organization = make_organization()
    load_definition(organization, seed_definition())
    return organization


def export(*args: str) -> str:
    out = StringIO()
    call_command("sop", "export", *args, stdout=out)
    return out.getvalue()


def test_the_json_export_is_the_seed_definition(organization):
    assert json.loads(export("penyusunan-rkt", "--format", "json")) == seed_definition()


def test_the_yaml_export_is_the_seed_definition(organization):
    assert yaml.safe_load(export("penyusunan-rkt", "--format", "yaml")) == seed_definition()


def test_the_yaml_export_reads_like_the_seed_file(organization):
    text = export("penyusunan-rkt", "--format", "yaml")
    assert text.startswith("code: penyusunan-rkt\nidentity:\n  judul: Penyusunan Rencana")
    assert "    decision:\n      ya: 10\n      tidak: 8\n" in text


def test_it_exports_the_active_version_not_a_newer_draft(organization):
    data = seed_definition()
    data["identity"]["judul"] = "Penyusunan RKT (revisi)"
    load_definition(organization, data, activate=False)

    exported = json.loads(export("penyusunan-rkt", "--format", "json"))

    assert exported["identity"]["judul"] == "Penyusunan Rencana Kinerja Tahunan (RKT)"


def test_export_then_load_then_export_gives_the_same_definition(organization):
    data = seed_definition()
    data["identity"]["tanggal_efektif"] = datetime.date(2025, 1, 2)
    data["identity"]["nomor"] = "800/045/BKPSDM/2025"
    data["steps"][2]["keterangan"] = "Undangan ke seluruh bidang"
    data["steps"][5]["action"] = "rkt.kompilasi_ulang"
    first = export_definition(load_definition(organization, data))

    second = export_definition(load_definition(organization, first))

    assert second == first
    assert first["identity"]["tanggal_efektif"] == "2025-01-02"
    assert first["steps"][5]["action"] == "rkt.kompilasi_ulang"
    assert Sop.objects.get().versions.count() == 3


def test_a_yaml_export_loads_back_unchanged(organization, tmp_path):
    path = tmp_path / "export.yaml"
    path.write_text(export("penyusunan-rkt"), encoding="utf-8")

    out = StringIO()
    call_command("sop", "load", str(path), stdout=out)

    version = Sop.objects.get().active_version
    assert version.number == 2
    assert export_definition(version) == seed_definition()


def test_it_refuses_an_unknown_code(organization):
    with pytest.raises(CommandError, match="'renstra' tidak ada di BKPSDM"):
        export("renstra")


def test_it_refuses_an_sop_without_an_active_version():
    organization = make_organization()
    load_definition(organization, seed_definition(), activate=False)

    with pytest.raises(CommandError, match="belum punya versi yang berlaku"):
        export("penyusunan-rkt")


def test_it_refuses_an_unknown_format(organization):
    with pytest.raises(CommandError, match="invalid choice"):
        export("penyusunan-rkt", "--format", "xml")


def test_the_bpmn_export_is_bpmn_2_xml_of_the_active_version(organization):
    text = export("penyusunan-rkt", "--format", "bpmn")

    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<bpmn:definitions")
    assert 'name="Penyusunan Rencana Kinerja Tahunan (RKT)"' in text
    assert text.count("<bpmn:userTask ") == 11
