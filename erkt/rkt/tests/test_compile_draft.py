"""Step 6: compiling the submitted Form RKT into Draft RKT version 1."""

from __future__ import annotations

from decimal import Decimal

import pytest

from erkt.rkt.drafts.compile import compile_draft, indikator_hash
from erkt.rkt.drafts.models import DraftRkt, DraftRow, ImmutableError
from erkt.rkt.drafts.table import build_table
from erkt.rkt.models import Program
from erkt.rkt.tests.drafts_helpers import form_total, latest, open_task, row_of, user
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed


def test_version_1_totals_equal_the_sums_of_the_forms(compiled):
    draft = latest(compiled)
    table = build_table(list(draft.rows.all()))
    assert draft.number == 1
    assert table.total == form_total(compiled) > 0
    for total in table.program_totals:
        assert total.amount == form_total(compiled, kegiatan__program__code=total.code)
    for unit in ("PERENCANAAN", "UMPEG", "PPIK", "PSDM", "MPK"):
        rows = draft.rows.filter(unit__short_name=unit)
        assert sum(row.anggaran for row in rows) == form_total(
            compiled, form__unit__short_name=unit
        )


def test_every_form_row_has_its_row_with_codes_names_and_unit_copied(compiled):
    draft = latest(compiled)
    form_row = FormRktRow.objects.filter(
        form__process=compiled, sub_kegiatan__code="5.03.01.2.01.0001"
    ).get()
    row = draft.rows.get(key=f"sub:5.03.01.2.01.0001:{indikator_hash(form_row.indikator)}")
    assert (row.program_code, row.kegiatan_code, row.sub_kegiatan_code) == (
        "5.03.01",
        "5.03.01.2.01",
        "5.03.01.2.01.0001",
    )
    assert row.sub_kegiatan_name == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    assert row.indikator == form_row.indikator
    assert (row.satuan, row.target, row.anggaran) == (
        form_row.satuan,
        form_row.target,
        form_row.anggaran,
    )
    assert row.unit.short_name == "PERENCANAAN"
    assert row.unit_name == "Subbag Perencanaan"
    assert row.sasaran_code == "SS2"
    form_rows = FormRktRow.objects.filter(form__process=compiled).count()
    assert draft.rows.filter(unit__isnull=False).count() == form_rows


def test_it_lists_each_iku_with_the_target_of_the_process_year(compiled):
    iku = latest(compiled).rows.filter(section=DraftRow.Section.SASARAN)
    targets = {row.indikator: (row.sasaran_code, row.satuan, row.target) for row in iku}
    assert targets == {
        "Indeks Profesionalitas ASN": ("SS1", "indeks", "76"),
        "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 JP": ("SS1", "%", "80"),
        "Indeks Sistem Merit": ("SS1", "indeks", "305"),
        "Persentase kenaikan pangkat ASN tepat waktu": ("SS2", "%", "92"),
        "Persentase layanan administrasi kepegawaian yang selesai tepat waktu": (
            "SS2",
            "%",
            "90",
        ),
    }
    assert all(row.key.startswith("iku:") and row.unit is None for row in iku)


def test_the_table_puts_each_sasaran_first_with_its_iku_then_its_programs(compiled):
    rows = list(latest(compiled).rows.all())
    assert [row.order for row in rows] == list(range(1, len(rows) + 1))
    sections = [(row.sasaran_code, row.section) for row in rows]
    assert sections == sorted(sections, key=lambda s: (s[0], s[1] != "sasaran"))
    program = row_of(latest(compiled), key__startswith="prog:", program_code="5.03.01")
    assert program.indikator == "Nilai SAKIP Perangkat Daerah"
    assert program.target == "72"


def test_rows_of_the_same_sub_kegiatan_and_indicator_are_summed(at_step_6):
    form = FormRkt.objects.get(process=at_step_6, unit__short_name="PERENCANAAN")
    first = form.rows.filter(sub_kegiatan__code="5.03.01.2.01.0001").get()
    FormRktRow.objects.create(
        form=form,
        order=99,
        kegiatan=first.kegiatan,
        sub_kegiatan=first.sub_kegiatan,
        sasaran_kegiatan=first.sasaran_kegiatan,
        indikator="  " + first.indikator.upper() + " ",
        satuan=first.satuan,
        target=first.target,
        anggaran=Decimal("15000000"),
    )
    draft = compile_draft(at_step_6, by=user("tim1"))
    row = draft.rows.get(sub_kegiatan_code="5.03.01.2.01.0001")
    assert row.anggaran == first.anggaran + Decimal("15000000")
    assert build_table(list(draft.rows.all())).total == form_total(at_step_6)


def test_it_refuses_while_a_unit_has_not_sent_its_form(at_step_6):
    FormRkt.objects.filter(process=at_step_6, unit__short_name="PPIK").update(status="returned")
    with pytest.raises(Invalid, match="Bidang Pengadaan"):
        compile_draft(at_step_6, by=user("tim1"))
    assert not DraftRkt.objects.filter(process=at_step_6).exists()


def test_only_the_tim_perencanaan_compiles_and_only_once(at_step_6):
    with pytest.raises(NotAllowed):
        compile_draft(at_step_6, by=user("kabid.ppik"))
    compile_draft(at_step_6, by=user("tim2"))
    with pytest.raises(Conflict):
        compile_draft(at_step_6, by=user("tim1"))
    assert DraftRkt.objects.filter(process=at_step_6).count() == 1


def test_step_6_completes_only_once_version_1_exists(at_step_6):
    task = open_task(at_step_6, 6)
    with pytest.raises(Invalid, match="Draft RKT"):
        engine.complete_task(task, by=user("tim1"))
    compile_draft(at_step_6, by=user("tim1"))
    engine.complete_task(task, by=user("tim1"))
    assert open_task(at_step_6, 7, "PPIK")


def test_a_version_and_its_rows_cannot_be_changed(compiled):
    draft = latest(compiled)
    row = draft.rows.first()
    row.target = "999"
    with pytest.raises(ImmutableError):
        row.save()
    with pytest.raises(ImmutableError):
        row.delete()
    with pytest.raises(ImmutableError):
        draft.rows.update(target="999")
    with pytest.raises(ImmutableError):
        draft.rows.all().delete()
    draft.note = "diubah"
    with pytest.raises(ImmutableError):
        draft.save()
    with pytest.raises(ImmutableError):
        draft.delete()
    with pytest.raises(ImmutableError):
        DraftRkt.objects.filter(pk=draft.pk).update(number=5)
    assert draft.rows.filter(target="999").count() == 0


def test_the_snapshot_keeps_its_values_when_the_renstra_changes(compiled):
    Program.objects.filter(code="5.03.01").update(name="Program Baru")
    FormRktRow.objects.filter(form__process=compiled).update(anggaran=Decimal(1))
    draft = latest(compiled)
    row = row_of(draft, program_code="5.03.01")
    assert row.program_name == "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    assert build_table(list(draft.rows.all())).total > Decimal(1000)
