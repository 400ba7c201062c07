"""The Renstra page's numbers, read raw from the database and converted once per value
(erkt.rkt.renstra_page._raw), print as the `angka` and `rupiah` filters print the models'
Decimals, in both languages."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from erkt.rkt.models import Indikator, IndikatorTarget, Pagu
from erkt.rkt.renstra_page import page_tree
from erkt.rkt.templatetags.rkt_format import angka, rupiah


def odd_numbers(renstra) -> tuple[IndikatorTarget, Pagu, Indikator]:
    """A fractional and a large target, a pagu with cents, an indicator without baseline."""
    target = IndikatorTarget.objects.filter(indikator__sasaran__tujuan__renstra=renstra).first()
    IndikatorTarget.objects.filter(pk=target.pk).update(value=Decimal("1234567.8125"))
    other = IndikatorTarget.objects.exclude(pk=target.pk).filter(indikator=target.indikator)
    IndikatorTarget.objects.filter(pk=other.first().pk).update(value=Decimal("0.5"))
    pagu = Pagu.objects.filter(sub_kegiatan__kegiatan__program__renstra=renstra).first()
    Pagu.objects.filter(pk=pagu.pk).update(amount=Decimal("1500000.50"))
    Indikator.objects.filter(pk=target.indikator_id).update(baseline=None)
    target.refresh_from_db()
    pagu.refresh_from_db()
    return target, pagu, target.indikator


def test_its_tree_holds_the_models_decimals(renstra):
    target, pagu, indikator = odd_numbers(renstra)
    tree = page_tree(renstra.pk)
    years = tree.years
    shown = [i for t in tree.page_tujuan for s in t.page_sasaran for i in s.page_indikator]
    mine = next(i for i in shown if i.pk == indikator.pk)
    cell = mine.target_cells[years.index(target.year)]
    assert (type(cell), str(cell)) == (Decimal, str(target.value))
    assert mine.baseline is None
    assert all(type(i.is_iku) is bool for i in shown)
    subs = [s for p in tree.page_programs for k in p.page_kegiatan for s in k.page_sub]
    sub = next(s for s in subs if s.pk == pagu.sub_kegiatan_id)
    amount = sub.pagu_cells[years.index(pagu.year)]
    assert (type(amount), str(amount)) == (Decimal, str(pagu.amount))


def test_it_prints_them_as_the_filters_do_in_both_languages(client_for, kabid_mpk, renstra):
    target, pagu, _indikator = odd_numbers(renstra)
    client = client_for(kabid_mpk)
    for language in ("id", "en"):
        client.cookies["django_language"] = language
        html = client.get(reverse("rkt:renstra"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        with translation.override(language):
            expected = (angka(target.value), angka(Decimal("0.5")), rupiah(pagu.amount))
        assert expected[0] in ("1.234.567,8125", "1,234,567.8125")
        for text in expected:
            assert f">{text}</td>" in html


def test_an_indicator_without_targets_shows_once_with_empty_years(renstra):
    target = IndikatorTarget.objects.filter(indikator__program__renstra=renstra).first()
    IndikatorTarget.objects.filter(indikator=target.indikator_id).delete()
    tree = page_tree(renstra.pk)
    shown = [i for p in tree.page_programs for i in p.page_indikator]
    mine = [i for i in shown if i.pk == target.indikator_id]
    assert len(mine) == 1
    assert mine[0].target_cells == [None] * len(tree.years)
    assert all(any(i.target_cells) for i in shown if i.pk != target.indikator_id)
