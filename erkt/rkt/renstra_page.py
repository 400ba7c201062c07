"""What the Renstra page shows: the whole tree in a fixed number of flat queries.

`Renstra.objects.with_tree()` prefetches every level through the related managers, which
builds a queryset per parent row (a Renstra of 50 indicators: 150 of them) and a model
instance per target and pagu. The page only reads, so each level is one query grouped
here in Python, in the order the prefetch gives (each model's Meta ordering within one
parent), and targets and pagu are read as values, already laid out per year of the period:

- `renstra.page_tujuan`, `tujuan.page_sasaran`, `sasaran.page_indikator`;
- `renstra.page_programs`, `program.page_kegiatan`, `kegiatan.page_sub`, and
  `page_indikator` on each of them;
- `indikator.target_cells` and `pagu_cells` on each program, kegiatan, sub kegiatan and
  on the Renstra: one value (or None) per year, as `mapping|for_years:years` gives.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from erkt.rkt.models import (
    Indikator,
    IndikatorTarget,
    Kegiatan,
    Pagu,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    Tujuan,
    _sum_by_year,
)

INDIKATOR_FIELDS = ("uraian", "satuan", "arah", "baseline", "is_iku", "order")
PARENTS = ("sasaran", "program", "kegiatan", "sub_kegiatan")


def page_tree(pk: int) -> Renstra:
    renstra = Renstra.objects.get(pk=pk)
    years = renstra.years
    tujuan = list(Tujuan.objects.filter(renstra_id=pk).order_by("order", "code"))
    sasaran = list(
        SasaranStrategis.objects.filter(tujuan__in=[t.pk for t in tujuan]).order_by("order", "code")
    )
    programs = list(Program.objects.filter(renstra_id=pk).order_by("code"))
    kegiatan = list(
        Kegiatan.objects.filter(program__in=[p.pk for p in programs])
        .select_related("unit")
        .order_by("code")
    )
    subs = list(
        SubKegiatan.objects.filter(kegiatan__in=[k.pk for k in kegiatan])
        .select_related("unit")
        .order_by("code")
    )
    _attach(tujuan, "page_sasaran", sasaran, "tujuan_id")
    _attach(programs, "page_kegiatan", kegiatan, "program_id")
    _attach(kegiatan, "page_sub", subs, "kegiatan_id")
    indikator = _indikator(sasaran, programs, kegiatan, subs, years)
    for parent_field, parents in zip(PARENTS, (sasaran, programs, kegiatan, subs), strict=True):
        _attach(parents, "page_indikator", indikator, f"{parent_field}_id")
    _pagu(renstra, programs, subs, years)
    renstra.page_tujuan, renstra.page_programs = tujuan, programs
    return renstra


def _attach(parents: list, name: str, children: list, key: str) -> None:
    """`parent.<name>`: its children, in the children's order."""
    by_parent = defaultdict(list)
    for child in children:
        by_parent[getattr(child, key)].append(child)
    for parent in parents:
        setattr(parent, name, by_parent.get(parent.pk, []))


def _indikator(sasaran, programs, kegiatan, subs, years: list[int]) -> list[Indikator]:
    under = Q()
    for parent_field, parents in zip(PARENTS, (sasaran, programs, kegiatan, subs), strict=True):
        if parents:
            under |= Q(**{f"{parent_field}__in": [p.pk for p in parents]})
    if not under:
        return []
    rows = list(
        Indikator.objects.filter(under).only(*INDIKATOR_FIELDS, *PARENTS).order_by("order", "pk")
    )
    targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    values = IndikatorTarget.objects.filter(indikator__in=[i.pk for i in rows]).values_list(
        "indikator_id", "year", "value"
    )
    for indikator_id, year, value in values.order_by():
        targets[indikator_id][year] = value
    for row in rows:
        mapping = targets.get(row.pk, {})
        row.target_cells = [mapping.get(year) for year in years]
    return rows


def _pagu(renstra: Renstra, programs: list, subs: list, years: list[int]) -> None:
    amounts: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = Pagu.objects.filter(sub_kegiatan__in=[s.pk for s in subs]).values_list(
        "sub_kegiatan_id", "year", "amount"
    )
    for sub_id, year, amount in rows.order_by():
        amounts[sub_id][year] = amount
    by_program = []
    for program in programs:
        by_kegiatan = []
        for kegiatan in program.page_kegiatan:
            by_sub = [amounts.get(sub.pk, {}) for sub in kegiatan.page_sub]
            for sub, mapping in zip(kegiatan.page_sub, by_sub, strict=True):
                sub.pagu_cells = [mapping.get(year) for year in years]
            by_kegiatan.append(_cells(kegiatan, _sum_by_year(by_sub), years))
        by_program.append(_cells(program, _sum_by_year(by_kegiatan), years))
    _cells(renstra, _sum_by_year(by_program), years)


def _cells(item, mapping: dict[int, Decimal], years: list[int]) -> dict[int, Decimal]:
    item.pagu_cells = [mapping.get(year) for year in years]
    return mapping
