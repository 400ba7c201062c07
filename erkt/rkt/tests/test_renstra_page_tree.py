"""The Renstra page's tree (erkt.rkt.renstra_page) holds what the models' own tree gives."""

from erkt.rkt.models import Renstra
from erkt.rkt.renstra_page import page_tree
from erkt.rkt.templatetags.rkt_format import for_years

SHOWN = ("uraian", "satuan", "arah", "baseline", "is_iku")


def ids(items) -> list[int]:
    return [item.pk for item in items]


def pairs(mine, theirs) -> list[tuple]:
    return list(zip(mine, theirs, strict=True))


def test_it_holds_every_level_in_the_order_of_the_models_tree(renstra):
    mine, theirs = page_tree(renstra.pk), Renstra.objects.with_tree().get(pk=renstra.pk)
    years = theirs.years
    assert ids(mine.page_tujuan) == ids(theirs.tujuan.all())
    for tujuan, their_tujuan in zip(mine.page_tujuan, theirs.tujuan.all(), strict=True):
        assert ids(tujuan.page_sasaran) == ids(their_tujuan.sasaran.all())
        for sasaran, their_sasaran in pairs(tujuan.page_sasaran, their_tujuan.sasaran.all()):
            assert (sasaran.code, sasaran.uraian) == (their_sasaran.code, their_sasaran.uraian)
            assert_same_indikator(sasaran, their_sasaran, years)
    assert ids(mine.page_programs) == ids(theirs.programs.all())
    assert mine.pagu_cells == for_years(theirs.pagu_by_year, years)
    for program, their_program in zip(mine.page_programs, theirs.programs.all(), strict=True):
        assert_same_item(program, their_program, years)
        assert ids(program.page_kegiatan) == ids(their_program.kegiatan.all())
        for kegiatan, their_kegiatan in pairs(program.page_kegiatan, their_program.kegiatan.all()):
            assert_same_item(kegiatan, their_kegiatan, years)
            assert same_unit(kegiatan, their_kegiatan)
            assert ids(kegiatan.page_sub) == ids(their_kegiatan.sub_kegiatan.all())
            for sub, their_sub in pairs(kegiatan.page_sub, their_kegiatan.sub_kegiatan.all()):
                assert_same_item(sub, their_sub, years)
                assert same_unit(sub, their_sub)


def same_unit(item, theirs) -> bool:
    """The unit as the page shows it (its abbreviation and its name)."""
    return (item.unit.short_name, item.unit.name) == (theirs.unit.short_name, theirs.unit.name)


def assert_same_item(item, theirs, years) -> None:
    assert item.pagu_cells == for_years(theirs.pagu_by_year, years)
    assert any(item.pagu_cells)
    assert (item.code, item.name) == (theirs.code, theirs.name)
    assert_same_indikator(item, theirs, years)


def assert_same_indikator(item, theirs, years) -> None:
    assert ids(item.page_indikator) == ids(theirs.indikator.all())
    for indikator, their_indikator in pairs(item.page_indikator, theirs.indikator.all()):
        assert indikator.target_cells == for_years(their_indikator.targets_by_year, years)
        mine_shown = [getattr(indikator, name) for name in SHOWN]
        assert mine_shown == [getattr(their_indikator, name) for name in SHOWN]


def test_a_renstra_without_programs_or_tujuan_has_empty_levels(demo):
    renstra = Renstra.objects.create(organization=demo, period_start=2030, title="Kosong")
    tree = page_tree(renstra.pk)
    assert (tree.page_tujuan, tree.page_programs) == ([], [])
    assert tree.pagu_cells == [None] * 5
