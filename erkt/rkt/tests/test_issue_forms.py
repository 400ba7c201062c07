"""Step 3 issues one Form RKT per unit, pre-filled from the Renstra covering the year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from erkt.audit.models import AuditEntry
from erkt.rkt.models import Pagu, Renstra
from erkt.rkt.tests.form_fixtures import (
    HEADS,
    PREPARATION_ACTIONS,
    START,
    YEAR,
    at,
    finish_default_step,
    form_of,
    form_process,
)
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.services import issue_forms
from erkt.sop.models import Sop
from erkt.workflow import actions, engine
from erkt.workflow.errors import Invalid
from erkt.workflow.models import Task

__all__ = ["form_process"]


def test_it_issues_one_draft_form_per_form_filling_unit(form_process):
    forms = FormRkt.objects.filter(process=form_process)
    assert sorted(form.unit.short_name for form in forms) == sorted(HEADS)
    assert {form.status for form in forms} == {FormRkt.Status.DRAFT}


def test_a_bidang_gets_its_kegiatan_sub_kegiatan_targets_of_the_year_and_pagu(form_process):
    form = form_of(form_process, "MPK")
    rows = {row.code: row for row in form.rows.select_related("kegiatan", "sub_kegiatan")}
    assert sorted(rows) == [
        "5.03.02.2.02",
        "5.03.02.2.02.0001",
        "5.03.02.2.02.0002",
        "5.03.02.2.02.0003",
        "5.03.02.2.04",
        "5.03.02.2.04.0001",
        "5.03.02.2.04.0002",
        "5.03.02.2.04.0003",
    ]
    kegiatan = rows["5.03.02.2.04"]
    assert kegiatan.indikator == "Persentase ASN dengan penilaian kinerja minimal Baik"
    assert (kegiatan.satuan, kegiatan.target, kegiatan.anggaran) == ("%", "94", Decimal(0))
    sub = rows["5.03.02.2.02.0001"]
    assert sub.sasaran_kegiatan == "Pengelolaan Mutasi ASN"
    assert (sub.satuan, sub.target) == ("dokumen", "4")
    assert sub.renstra_indikator.sub_kegiatan == sub.sub_kegiatan
    pagu = Pagu.objects.get(sub_kegiatan=sub.sub_kegiatan, year=YEAR).amount
    assert sub.anggaran == pagu > 0


def test_the_form_total_starts_at_the_units_pagu(form_process):
    form = form_of(form_process, "UMPEG")
    pagu = sum(form.unit_pagu_by_program().values())
    assert form.total_anggaran == pagu > 0
    assert [group.program.code for group in form.rows_by_program()] == ["5.03.01"]


def test_a_unit_sharing_a_program_gets_only_its_own_part(form_process):
    perencanaan = form_of(form_process, "PERENCANAAN")
    codes = {row.kegiatan.code for row in perencanaan.rows.select_related("kegiatan")}
    assert codes == {"5.03.01.2.01", "5.03.01.2.02"}


def test_issuing_again_changes_nothing(form_process, kasubbag_perencanaan):
    form = form_of(form_process, "PSDM")
    row = form.rows.first()
    row.target = "7"
    row.save()
    again = issue_forms(form_process, by=kasubbag_perencanaan)
    assert len(again) == 5
    assert FormRkt.objects.filter(process=form_process).count() == 5
    row.refresh_from_db()
    assert row.target == "7"
    assert AuditEntry.objects.filter(action="form_rkt.issue").count() == 5


def test_the_step_4_tasks_lead_to_the_units_form(form_process, kabid_mpk):
    task = Task.objects.get(process=form_process, step_run__number=4, unit__short_name="MPK")
    links = actions.get("rkt.isi_form").links(task, kabid_mpk)
    assert links == [("Isi Form RKT", f"/rkt/form-rkt/{form_of(form_process, 'MPK').pk}/")]


def test_without_a_renstra_for_the_year_step_3_is_refused(demo, kepala, time_machine, monkeypatch):
    time_machine.move_to(at(START), tick=False)
    for key in PREPARATION_ACTIONS:
        monkeypatch.delitem(actions._registry, key, raising=False)
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=YEAR, by=kepala)
    finish_default_step(process, 1)
    finish_default_step(process, 2)
    assert not Renstra.objects.exists()
    with pytest.raises(Invalid, match="Belum ada Renstra yang mencakup tahun 2027"):
        finish_default_step(process, 3)
    assert not FormRkt.objects.exists()
    assert process.step_runs.get(number=3).status == "active"
