"""Replacing a Renstra deletes its rows table by table, with the cascade's rules."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError, signals

from erkt.rkt.models import (
    PERIOD_YEARS,
    Indikator,
    IndikatorTarget,
    Kegiatan,
    Pagu,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    Tujuan,
)
from erkt.rkt.renstra_data import delete_tree
from erkt.rkt.renstra_excel import import_renstra
from erkt.rkt.tests.conftest import snapshot
from erkt.rkt.tests.form_fixtures import form_process
from erkt.rkt.tests.renstra_helpers import PERIOD, workbook_of
from erkt.rkt.unit_forms.models import FormRktRow

__all__ = ["form_process"]


def test_a_form_row_naming_an_indicator_of_the_replaced_renstra_keeps_its_place(demo, form_process):
    content = workbook_of(demo, 5)
    first, _data = import_renstra(demo, content)
    row = FormRktRow.objects.filter(form__process=form_process).order_by("pk").first()
    kegiatan = row.kegiatan_id
    row.renstra_indikator = Indikator.objects.filter(program__renstra=first).first()
    row.save(update_fields=["renstra_indikator"])
    rows = FormRktRow.objects.count()
    second, _data = import_renstra(demo, content)
    row.refresh_from_db()
    assert (row.renstra_indikator_id, row.kegiatan_id) == (None, kegiatan)
    assert FormRktRow.objects.count() == rows
    assert not Renstra.objects.filter(pk=first.pk).exists()
    assert second.period_start == PERIOD


def test_the_rows_of_a_renstra_named_by_a_form_rkt_are_all_kept(demo, form_process):
    renstra = Renstra.objects.get(organization=demo, period_start=2025)
    before = snapshot(demo)
    with pytest.raises(ProtectedError):
        delete_tree(renstra)
    assert snapshot(demo) == before


def test_the_rows_of_another_renstra_stay(demo, renstra):
    import_renstra(demo, workbook_of(demo, 5))
    kept = set(Kegiatan.objects.filter(program__renstra=renstra).values_list("pk", flat=True))
    import_renstra(demo, workbook_of(demo, 7))
    assert (
        set(Kegiatan.objects.filter(program__renstra=renstra).values_list("pk", flat=True)) == kept
    )
    assert Kegiatan.objects.filter(program__renstra__period_start=PERIOD).count() == 1


def rows_of(data) -> dict:
    counts = data.counts()
    return {
        Tujuan: counts["tujuan"],
        SasaranStrategis: counts["sasaran"],
        Program: counts["program"],
        Kegiatan: counts["kegiatan"],
        SubKegiatan: counts["sub_kegiatan"],
        Pagu: counts["sub_kegiatan"] * PERIOD_YEARS,
        Indikator: counts["indikator"],
        IndikatorTarget: counts["indikator"] * PERIOD_YEARS,
    }


def test_deleting_the_rows_counts_them_table_by_table(demo, renstra):
    stored, data = import_renstra(demo, workbook_of(demo, 12))
    assert delete_tree(stored) == rows_of(data)
    assert not Kegiatan.objects.filter(program__renstra=stored).exists()


def test_the_cascade_deleting_the_rows_counts_them_too(demo, renstra):
    stored, data = import_renstra(demo, workbook_of(demo, 12))
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance.pk)

    # A delete signal on a model of the tree leaves the deleting to Django's cascade.
    signals.pre_delete.connect(receiver, sender=Pagu)
    try:
        deleted = delete_tree(stored)
    finally:
        signals.pre_delete.disconnect(receiver, sender=Pagu)
    assert deleted == rows_of(data)
    assert len(seen) == rows_of(data)[Pagu]
    assert not Pagu.objects.filter(sub_kegiatan__kegiatan__program__renstra=stored).exists()
