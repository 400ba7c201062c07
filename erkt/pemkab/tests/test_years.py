"""The year picker's years (erkt.pemkab.overview.years, a loose index scan written out)
answer what the ORM expression in its docstring answers: every year of an RKT process of
any OPD, newest first, cancelled ones included, other SOPs' years left out. Run on SQLite
and on PostgreSQL."""

from __future__ import annotations

import pytest

from erkt.org.demo import RENSTRA_SOP_CODE
from erkt.pemkab.overview import RKT_SOP, years
from erkt.sop.models import Sop
from erkt.testing import scale
from erkt.workflow import engine
from erkt.workflow.models import Process


def orm_years() -> list[int]:
    rkt = Process.objects.filter(sop__code=RKT_SOP).order_by("-year")
    return list(rkt.values_list("year", flat=True).distinct())


def test_no_process_gives_no_year(db):
    assert years() == orm_years() == []


def test_every_rkt_year_of_every_opd_newest_first_and_no_other_sop(demo, kepala, process):
    engine.cancel_process(
        engine.start_process(sop=process.sop, year=2031, by=kepala), by=kepala, reason="Batal."
    )
    renstra = Sop.objects.get(organization=demo, code=RENSTRA_SOP_CODE)
    Process.objects.create(  # another SOP's process of a later year: not an RKT year
        organization=demo,
        sop=renstra,
        sop_version=renstra.versions.order_by("pk").first(),
        year=2040,
        start_date=process.start_date,
        planned_end=process.planned_end,
        started_by=kepala,
    )
    scale.build(2)  # another office: RKT 2022-2026 completed, 2027 running
    assert years() == orm_years() == [2031, 2027, 2026, 2025, 2024, 2023, 2022]


@pytest.mark.database
def test_the_overview_lists_the_years_in_its_picker(client_for, bappeda, process):
    html = client_for(bappeda).get("/pemkab/?tahun=2029").content.decode()
    picker = html.split('id="pemkab-year"')[1].split("</select>")[0]
    assert '<option value="2029" selected>2029</option><option value="2027">2027</option>' in (
        picker
    )
