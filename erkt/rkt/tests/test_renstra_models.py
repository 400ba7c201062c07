"""The rules of the Renstra models: the Permendagri 90 code tree, owners, periods."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from erkt.rkt.models import (
    Indikator,
    IndikatorTarget,
    Kegiatan,
    Pagu,
    Program,
    Renstra,
    SubKegiatan,
    parent_code,
)


def messages_of(obj) -> dict:
    with pytest.raises(ValidationError) as refusal:
        obj.full_clean()
    return refusal.value.message_dict


@pytest.fixture
def program(demo) -> Program:
    renstra = Renstra.objects.create(
        organization=demo, period_start=2025, period_end=2029, title="Renstra 2025-2029"
    )
    return Program.objects.create(
        renstra=renstra, code="5.03.02", name="Program Kepegawaian Daerah"
    )


@pytest.fixture
def kegiatan(program, demo) -> Kegiatan:
    return Kegiatan.objects.create(
        program=program,
        code="5.03.02.2.02",
        name="Mutasi dan Promosi ASN",
        unit=demo.units.get(short_name="MPK"),
    )


@pytest.mark.parametrize("code", ["5.03", "5.3.02", "5.03.02.2.02", "9.03.02", " 5.03.02"])
def test_a_program_code_must_have_the_permendagri_pattern(program, code):
    program.code = code
    assert "Kode program harus berpola X.XX.XX" in messages_of(program)["code"][0]


def test_a_kegiatan_code_must_extend_its_program_code(kegiatan):
    kegiatan.code = "5.03.01.2.02"
    assert messages_of(kegiatan)["code"] == [
        "Kode kegiatan 5.03.01.2.02 tidak berada di bawah program 5.03.02."
    ]


@pytest.mark.parametrize("code", ["5.03.02.2", "5.03.02.3.02", "5.03.02.2.2"])
def test_a_kegiatan_code_must_have_the_permendagri_pattern(kegiatan, code):
    kegiatan.code = code
    assert "Kode kegiatan harus berpola X.XX.XX.X.XX" in messages_of(kegiatan)["code"][0]


def test_a_sub_kegiatan_code_must_extend_its_kegiatan_code(kegiatan):
    sub = SubKegiatan(
        kegiatan=kegiatan,
        code="5.03.02.2.01.0001",
        name="Pengelolaan Mutasi ASN",
        unit=kegiatan.unit,
    )
    assert messages_of(sub)["code"] == [
        "Kode sub kegiatan 5.03.02.2.01.0001 tidak berada di bawah kegiatan 5.03.02.2.02."
    ]
    sub.code = "5.03.02.2.02.001"
    assert "harus berpola X.XX.XX.X.XX.XXXX" in messages_of(sub)["code"][0]
    sub.code = "5.03.02.2.02.0001"
    sub.full_clean()


def test_the_responsible_unit_belongs_to_the_same_organisation(kegiatan, other_org):
    kegiatan.unit = other_org.units.first()
    assert messages_of(kegiatan)["unit"] == [
        "Unit penanggung jawab harus unit pada perangkat daerah ini."
    ]


def test_parent_code_walks_up_the_tree():
    assert parent_code("5.03.02.2.02.0001") == "5.03.02.2.02"
    assert parent_code("5.03.02.2.02") == "5.03.02"


def test_a_renstra_spans_five_years(program):
    renstra = program.renstra
    assert renstra.years == [2025, 2026, 2027, 2028, 2029]
    with pytest.raises(IntegrityError), transaction.atomic():
        Renstra.objects.filter(pk=renstra.pk).update(period_end=2030)


def test_overlapping_periods_are_refused(program, demo):
    other = Renstra(organization=demo, period_start=2027, title="Renstra 2027-2031")
    assert "tumpang tindih" in messages_of(other)["period_start"][0]
    later = Renstra(organization=demo, period_start=2030, title="Renstra 2030-2034")
    later.full_clean()
    assert later.period_end == 2034


def test_an_indicator_belongs_to_exactly_one_owner(program, kegiatan):
    both = Indikator(program=program, kegiatan=kegiatan, uraian="Dua pemilik", satuan="%")
    with pytest.raises(ValidationError, match="tepat satu"):
        both.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        both.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Indikator.objects.create(uraian="Tanpa pemilik", satuan="%")


def test_only_a_sasaran_indicator_can_be_an_iku(program):
    indikator = Indikator(program=program, uraian="Nilai SAKIP", satuan="nilai", is_iku=True)
    assert messages_of(indikator)["is_iku"] == ["IKU hanya untuk indikator sasaran strategis."]
    with pytest.raises(IntegrityError), transaction.atomic():
        indikator.save()


def test_targets_and_pagu_fall_inside_the_period(kegiatan):
    indikator = Indikator.objects.create(kegiatan=kegiatan, uraian="Persentase", satuan="%")
    target = IndikatorTarget(indikator=indikator, year=2031, value=Decimal(90))
    assert messages_of(target)["year"] == ["Tahun harus dalam periode Renstra 2025-2029."]
    sub = SubKegiatan.objects.create(
        kegiatan=kegiatan,
        code="5.03.02.2.02.0001",
        name="Pengelolaan Mutasi ASN",
        unit=kegiatan.unit,
    )
    pagu = Pagu(sub_kegiatan=sub, year=2024, amount=Decimal(-1))
    assert set(messages_of(pagu)) == {"year", "amount"}


def test_pagu_of_kegiatan_and_program_is_the_sum_of_their_sub_kegiatan(kegiatan):
    for number, amount in (("0001", 150_000_000), ("0002", 100_000_000)):
        sub = SubKegiatan.objects.create(
            kegiatan=kegiatan, code=f"5.03.02.2.02.{number}", name=number, unit=kegiatan.unit
        )
        Pagu.objects.create(sub_kegiatan=sub, year=2027, amount=Decimal(amount))
    assert kegiatan.pagu_by_year == {2027: Decimal(250_000_000)}
    assert kegiatan.program.pagu_by_year == {2027: Decimal(250_000_000)}


def test_as_dict_describes_the_whole_renstra(renstra):
    data = Renstra.objects.with_tree().get(pk=renstra.pk).as_dict()
    assert data["years"] == [2025, 2026, 2027, 2028, 2029]
    assert [s["code"] for s in data["tujuan"][0]["sasaran"]] == ["SS1", "SS2"]
    mutasi = data["programs"][1]["kegiatan"][1]["sub_kegiatan"][0]
    assert (mutasi["code"], mutasi["unit"]) == ("5.03.02.2.02.0001", "MPK")
    assert mutasi["pagu"][0] == {"year": 2025, "amount": Decimal("160000000.00")}
