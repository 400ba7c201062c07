"""An OPD brought in from the Excel template shows up beside the demo office on the
Pemkab page, before and after its Kepala starts its RKT."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.org.models import Employee
from erkt.org.opd_demo import EXAMPLE_PATH
from erkt.org.opd_import import import_opd
from erkt.pemkab.tests.shown import by_opd
from erkt.workflow import engine

pytestmark = pytest.mark.database

URL = reverse("pemkab:overview")
DISKOMINFO_KEPALA_NIP = "197106121997031004"


def test_an_imported_opd_is_listed_and_its_running_rkt_followed(
    client_for, bappeda, administrator, process, today
):
    imported = import_opd(EXAMPLE_PATH.read_bytes(), by=administrator)
    listed = by_opd(client_for(bappeda).get(URL, {"tahun": 2027}))
    assert set(listed) == {"BKPSDM", "DISKOMINFO"}
    assert listed["DISKOMINFO"].process_url is None  # "Belum dimulai"

    kepala = Employee.objects.get(nip=DISKOMINFO_KEPALA_NIP).user
    started = engine.start_process(sop=imported.sop_version.sop, year=2027, by=kepala)
    row = by_opd(client_for(bappeda).get(URL, {"tahun": 2027}))["DISKOMINFO"]
    assert row.process_url == reverse("workflow:process", args=[started.pk])
    assert row.steps == [1]
