from decimal import Decimal

from erkt.rkt.demo import demo_renstra_data, load_demo_renstra
from erkt.rkt.models import Indikator, Kegiatan, Program, Renstra, SasaranStrategis, SubKegiatan
from erkt.rkt.renstra_data import renstra_data_of, validate


def test_the_demo_data_passes_every_import_rule(demo):
    assert validate(demo, demo_renstra_data()) == []


def test_loading_twice_keeps_one_unchanged_renstra(demo):
    first = load_demo_renstra(demo)
    second = load_demo_renstra(demo)
    assert first.pk == second.pk
    assert Renstra.objects.filter(organization=demo).count() == 1
    assert SubKegiatan.objects.filter(kegiatan__program__renstra=first).count() == len(
        demo_renstra_data().sub_kegiatan
    )


def test_it_covers_2025_to_2029_with_two_sasaran_and_four_to_six_iku(demo):
    renstra = load_demo_renstra(demo)
    assert (renstra.period_start, renstra.period_end) == (2025, 2029)
    assert SasaranStrategis.objects.filter(renstra=renstra).count() == 2
    iku = Indikator.objects.filter(sasaran__renstra=renstra, is_iku=True)
    assert 4 <= iku.count() <= 6
    assert iku.filter(uraian="Indeks Profesionalitas ASN").exists()
    for indikator in iku:
        assert sorted(indikator.targets_by_year) == [2025, 2026, 2027, 2028, 2029]


def test_it_has_programs_5_03_01_and_5_03_02(demo):
    renstra = load_demo_renstra(demo)
    codes = set(Program.objects.filter(renstra=renstra).values_list("code", flat=True))
    assert codes == {"5.03.01", "5.03.02"}
    assert SubKegiatan.objects.filter(code="5.03.02.2.02.0001", kegiatan__program__renstra=renstra)


def test_every_unit_that_fills_a_form_rkt_runs_a_kegiatan(demo):
    load_demo_renstra(demo)
    units = demo.units.filter(fills_form_rkt=True)
    assert units.count() == 5
    for unit in units:
        assert Kegiatan.objects.filter(unit=unit).exists(), unit.short_name


def test_every_sub_kegiatan_and_program_has_pagu_for_2027(demo):
    renstra = Renstra.objects.with_tree().get(pk=load_demo_renstra(demo).pk)
    for program in renstra.programs.all():
        assert program.pagu_by_year[2027] > Decimal(100_000_000)
        for kegiatan in program.kegiatan.all():
            for sub in kegiatan.sub_kegiatan.all():
                assert sub.pagu_by_year[2027] > 0


def test_the_stored_renstra_reads_back_as_the_demo_data(demo):
    expected = demo_renstra_data()
    assert renstra_data_of(load_demo_renstra(demo)) == expected
