"""What the Renstra page shows: the whole tree in a fixed number of flat queries.

`Renstra.objects.with_tree()` prefetches every level through the related managers, which
builds a queryset per parent row (a Renstra of 50 indicators: 150 of them) and a model
instance per row, target and pagu. The page only reads, so each level is one query of
the values it shows (an `Item` per row, no model instance), grouped here in Python, in
the order the prefetch gives (each model's Meta ordering within one parent), and
targets and pagu are read as values, already laid out per year of the period:

- `renstra.page_tujuan`, `tujuan.page_sasaran`, `sasaran.page_indikator`;
- `renstra.page_programs`, `program.page_kegiatan`, `kegiatan.page_sub`, and
  `page_indikator` on each of them;
- `indikator.target_cells` and `pagu_cells` on each program, kegiatan, sub kegiatan and
  on the Renstra: one value (or None) per year, as `mapping|for_years:years` gives.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from operator import attrgetter

from django.db import connections, models
from django.db.models import ExpressionWrapper, F, Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop

from erkt.compiled_sql import Shape
from erkt.html_cells import Converted as _Converted
from erkt.html_rows import escaped, escaped_all
from erkt.per_language import per_language
from erkt.rkt.models import (
    Arah,
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
from erkt.rkt.templatetags.rkt_format import formatters
from erkt.template_labels import TemplateLabels

PARENTS = ("sasaran", "program", "kegiatan", "sub_kegiatan")


def _raw(field: str) -> ExpressionWrapper:
    """The column as the database driver gives it (SQLite: an int or a float, PostgreSQL:
    a Decimal; a boolean: 0/1 or a bool), without Django's converter: some 450 targets,
    baselines and pagu a page, each converted by a few Python calls (apply_converters, the
    backend's converter, create_decimal_from_float, quantize). `_Converted` converts each
    distinct value once instead, as Django would."""
    return ExpressionWrapper(F(field), output_field=models.Field())


_DJANGO_READS: dict[tuple, _Converted] = {}


def _as_django_reads(model: type[models.Model], name: str) -> _Converted:
    """A column's raw values (`_raw`) converted as Django converts them when it reads the
    field on the default connection (SQLite: the float made a Decimal of the field's
    decimal places; PostgreSQL: the driver's Decimal as it is); None stays None. Equal raw
    values (1 and 1.0 on SQLite) convert to the same Decimal. Kept per backend and field."""
    connection = connections["default"]
    key = (connection.vendor, model._meta.label, name)
    found = _DJANGO_READS.get(key)
    if found is None:
        found = _DJANGO_READS.setdefault(key, _converted_as_read(connection, model, name))
    return found


def _converted_as_read(connection, model: type[models.Model], name: str) -> _Converted:
    field = model._meta.get_field(name)
    column = field.get_col(model._meta.db_table)
    converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)

    def convert(value):
        for converter in converters:
            value = converter(value, column, connection)
        return value

    return _Converted(convert)


INDIKATOR_FIELDS = ("uraian", "satuan", "arah", "baseline", "is_iku", "order")
INDIKATOR_NAMES = ("pk", *INDIKATOR_FIELDS, *(f"{parent}_id" for parent in PARENTS))
# baseline and is_iku raw (_raw): the indicators' rows then need no converter at all.
INDIKATOR_COLUMNS = tuple(
    _raw(name) if name in ("baseline", "is_iku") else name for name in INDIKATOR_NAMES
)


class Item:
    """One row of a level of the tree as plain values: `pk` and the columns the page shows
    (a kegiatan's or sub kegiatan's `unit` an Item of name and short_name), then the
    levels below and the year cells set by tree_of. The page only reads, and a model
    instance per row (Model.__init__, its pre_init and post_init signals, the related
    descriptors) cost more than its row of values."""

    def __init__(self, names: tuple[str, ...], values: tuple) -> None:
        self.__dict__.update(zip(names, values, strict=True))


def _items(names: tuple[str, ...], rows: list[tuple]) -> list[Item]:
    return [Item(names, values) for values in rows]


def _with_units(names: tuple[str, ...], rows: list[tuple]) -> list[Item]:
    """Items whose last two values are their unit's name and short name."""
    items = []
    for *values, unit_name, unit_short_name in rows:
        item = Item(names, values)
        item.unit = Item(("name", "short_name"), (unit_name, unit_short_name))
        items.append(item)
    return items


# Each level of the Renstra by its id (the tujuan's sasaran, the programs' kegiatan... are
# those of the Renstra), in the order the prefetch gave, as the values the page shows;
# compiled once (erkt.compiled_sql).
TUJUAN_NAMES = ("pk", "code", "uraian")
TUJUAN = Shape(
    lambda pk: (
        Tujuan.objects.filter(renstra_id=pk).order_by("order", "code").values_list(*TUJUAN_NAMES)
    )
)
SASARAN_NAMES = ("pk", "tujuan_id", "code", "uraian")
SASARAN = Shape(
    lambda pk: (
        SasaranStrategis.objects.filter(tujuan__renstra_id=pk)
        .order_by("order", "code")
        .values_list(*SASARAN_NAMES)
    )
)
PROGRAM_NAMES = ("pk", "code", "name")
PROGRAMS = Shape(
    lambda pk: Program.objects.filter(renstra_id=pk).order_by("code").values_list(*PROGRAM_NAMES)
)
UNIT_COLUMNS = ("unit__name", "unit__short_name")
KEGIATAN_NAMES = ("pk", "program_id", "code", "name")
KEGIATAN = Shape(
    lambda pk: (
        Kegiatan.objects.filter(program__renstra_id=pk)
        .order_by("code")
        .values_list(*KEGIATAN_NAMES, *UNIT_COLUMNS)
    )
)
SUB_NAMES = ("pk", "kegiatan_id", "code", "name")
SUB_KEGIATAN = Shape(
    lambda pk: (
        SubKegiatan.objects.filter(kegiatan__program__renstra_id=pk)
        .order_by("code")
        .values_list(*SUB_NAMES, *UNIT_COLUMNS)
    )
)
PAGU = Shape(
    lambda pk: (
        Pagu.objects.filter(sub_kegiatan__kegiatan__program__renstra_id=pk)
        .order_by()
        .values_list("sub_kegiatan_id", "year", _raw("amount"))
    )
)


def page_tree(pk: int) -> Renstra:
    return tree_of(Renstra.objects.get(pk=pk))


def tree_of(renstra: Renstra) -> Renstra:
    """page_tree of a Renstra already read (the page has it from its list of periods)."""
    pk = renstra.pk
    years = renstra.years
    tujuan = _items(TUJUAN_NAMES, TUJUAN.rows(pk))
    sasaran = _items(SASARAN_NAMES, SASARAN.rows(pk))
    programs = _items(PROGRAM_NAMES, PROGRAMS.rows(pk))
    kegiatan = _with_units(KEGIATAN_NAMES, KEGIATAN.rows(pk))
    subs = _with_units(SUB_NAMES, SUB_KEGIATAN.rows(pk))
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
    for parent_id, child in zip(map(attrgetter(key), children), children, strict=True):
        by_parent[parent_id].append(child)
    for parent in parents:
        setattr(parent, name, by_parent.get(parent.pk, []))


# The indicators under each level's parents (a list of ids per level), each with its
# targets (a row per target, joined: one query, and no second shape taking every
# indicator's id), compiled once per number of ids (erkt.compiled_sql); a Renstra's sizes
# are few.
TARGET_COLUMNS = ("targets__year", _raw("targets__value"))
_INDIKATOR: dict[tuple[int, ...], Shape] = {}
INDIKATOR_SHAPES = 256


def _indikator_shape(sizes: tuple[int, ...]) -> Shape:
    shape = _INDIKATOR.get(sizes)
    if shape is None:

        def build(*ids: int):
            under, start = Q(), 0
            for parent_field, size in zip(PARENTS, sizes, strict=True):
                if size:
                    under |= Q(**{f"{parent_field}__in": ids[start : start + size]})
                start += size
            return (
                Indikator.objects.filter(under)
                .order_by("order", "pk")
                .values_list(*INDIKATOR_COLUMNS, *TARGET_COLUMNS)
            )

        if len(_INDIKATOR) >= INDIKATOR_SHAPES:
            _INDIKATOR.clear()
        shape = _INDIKATOR.setdefault(sizes, Shape(build))
    return shape


def _indikator(sasaran, programs, kegiatan, subs, years: list[int]) -> list[Item]:
    levels = [[p.pk for p in parents] for parents in (sasaran, programs, kegiatan, subs)]
    if not any(levels):
        return []
    shape = _indikator_shape(tuple(len(ids) for ids in levels))
    values = _as_django_reads(IndikatorTarget, "value")
    rows: list[Item] = []
    targets: list[dict[int, Decimal]] = []
    width = len(INDIKATOR_NAMES)
    # An indicator's rows are together (ordered by its pk last); one without targets has
    # one row, its target year None.
    for joined in shape.rows(*(pk for ids in levels for pk in ids)):
        if not rows or rows[-1].pk != joined[0]:
            rows.append(Item(INDIKATOR_NAMES, joined[:width]))
            targets.append({})
        year = joined[width]
        if year is not None:
            targets[-1][year] = values[joined[width + 1]]
    baselines = _as_django_reads(Indikator, "baseline")
    for row, mapping in zip(rows, targets, strict=True):
        row.baseline, row.is_iku = baselines[row.baseline], bool(row.is_iku)
        row.target_cells = list(map(mapping.get, years))
    return rows


def _pagu(renstra: Renstra, programs: list, subs: list, years: list[int]) -> None:
    decimals = _as_django_reads(Pagu, "amount")
    amounts: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for sub_id, year, amount in PAGU.rows(renstra.pk):
        amounts[sub_id][year] = decimals[amount]
    by_program = []
    for program in programs:
        by_kegiatan = []
        for kegiatan in program.page_kegiatan:
            by_sub = [amounts.get(sub.pk, {}) for sub in kegiatan.page_sub]
            for sub, mapping in zip(kegiatan.page_sub, by_sub, strict=True):
                sub.pagu_cells = list(map(mapping.get, years))
            by_kegiatan.append(_cells(kegiatan, _sum_by_year(by_sub), years))
        by_program.append(_cells(program, _sum_by_year(by_kegiatan), years))
    _cells(renstra, _sum_by_year(by_program), years)


def _cells(item, mapping: dict[int, Decimal], years: list[int]) -> dict[int, Decimal]:
    item.pagu_cells = list(map(mapping.get, years))
    return mapping


# --- The two tables' bodies, rendered here -------------------------------------------------
# Some 200 rows: as template partials they cost a context push, a node walk and a filter
# lookup per cell. Each row is one str.format here, escaping as format_html does every
# text of the Renstra (erkt.html_rows.escaped), its labels translated and escaped once a
# table; the numbers (digits and the language's separators) and the markup written here
# go in as they are. The body is marked safe once; the markup (whitespace included) is
# what the former rkt/renstra.html's partials rendered.

_INDIKATOR_ROW = (
    '<tr>\n  <td class="{}">{}{}</td>\n  <td>{}</td>\n'
    '  <td class="text-center"><i class="bi bi-arrow-{}" title="{}"></i>'
    '<span class="visually-hidden">{}</span></td>\n'
    '  <td class="text-end">{}</td>\n  {}\n</tr>\n'
)
_IKU_BADGE = ' <span class="badge text-bg-success">IKU</span>'


def _year_cells(values, css: str, texts: _Converted) -> str:
    """One <td> per year (the values are numbers, their text never needs escaping);
    `texts`: each value's text (_texts)."""
    return "".join([f'<td class="{css}">{texts[value]}</td>' for value in values])


@per_language
def _texts() -> tuple[_Converted, _Converted]:
    """`angka` and `rupiah` of formatters() by value, each distinct Decimal formatted once
    per language. The values are the database's Decimals and their sums: never a negative
    zero (which equals zero but prints "-0"), so the value itself can be the key."""
    angka, rupiah = formatters()
    return _Converted(angka), _Converted(rupiah)


@per_language
def _sasaran_labels() -> tuple[str, str, dict[str, str]]:
    """The table's labels, escaped: tujuan, sasaran and each arah's."""
    tujuan, sasaran = escaped(gettext("Tujuan")), escaped(gettext("Sasaran strategis"))
    return tujuan, sasaran, {arah.value: escaped(str(arah.label)) for arah in Arah}


@per_language
def _program_labels() -> tuple[str, str]:
    """The table's labels, escaped: the pagu's and the indicators'."""
    return escaped(gettext("Pagu indikatif")), escaped(gettext("Indikator:"))


def sasaran_rows(renstra: Renstra) -> str:
    """The body of the table of tujuan, sasaran strategis and their indicators."""
    span = len(renstra.years) + 4
    tujuan_label, sasaran_label, arah_label = _sasaran_labels()
    angka, _rupiah = _texts()
    parts = []
    for tujuan in renstra.page_tujuan:
        parts.append(
            f'\n          <tr class="table-secondary"><th scope="rowgroup" colspan="{span:d}">'
            f"{tujuan_label} {escaped(tujuan.code)}: {escaped(tujuan.uraian)}</th></tr>\n          "
        )
        for sasaran in tujuan.page_sasaran:
            parts.append(
                f'\n            <tr class="table-light"><th scope="rowgroup" colspan="{span:d}"'
                f' class="ps-3">{sasaran_label} {escaped(sasaran.code)}: '
                f"{escaped(sasaran.uraian)}</th></tr>\n            "
            )
            for indikator in sasaran.page_indikator:
                arah = indikator.arah
                label = arah_label[arah] if arah in arah_label else escaped(arah)
                parts.append(
                    _INDIKATOR_ROW.format(
                        "ps-4",
                        escaped(indikator.uraian),
                        _IKU_BADGE if indikator.is_iku else "",
                        escaped(indikator.satuan),
                        "down" if arah == Arah.TURUN else "up",
                        label,
                        label,
                        angka[indikator.baseline],
                        _year_cells(indikator.target_cells, "text-end", angka),
                    )
                )
            parts.append("\n          ")
        parts.append("\n        ")
    return mark_safe("".join(parts))


# Per level: the row's class, its name's indent and its indicators' indent.
_LEVELS = {
    "program": ("table-primary fw-semibold", "", "ps-3"),
    "kegiatan": ("table-light fw-semibold", "ps-3", "ps-4"),
    "sub": ("", "ps-4", "ps-5"),
}
_ITEM_ROW = (
    '<tr class="{}">\n  <td class="text-nowrap">{}</td>\n  <td class="{}">{}</td>\n'
    '  <td>{}</td>\n  <td title="{}">Rp</td>\n  {}\n</tr>\n'
)
_ITEM_INDIKATOR_ROW = (
    '<tr>\n  <td></td>\n  <td class="{} text-body-secondary">'
    '<i class="bi bi-arrow-return-right" aria-hidden="true"></i> '
    '<span class="visually-hidden">{}</span>{}</td>\n  <td></td>\n  <td>{}</td>\n  {}\n</tr>'
)


def program_rows(renstra: Renstra) -> str:
    """The body of the table of programs, kegiatan and sub kegiatan with their pagu and
    indicators."""
    labels = _program_labels()
    numbers = _texts()
    parts = []
    for program in renstra.page_programs:
        parts += ["\n          ", _item_row(program, "program", labels, numbers), "\n          "]
        for kegiatan in program.page_kegiatan:
            row = _item_row(kegiatan, "kegiatan", labels, numbers)
            parts += ["\n            ", row, "\n            "]
            for sub in kegiatan.page_sub:
                row = _item_row(sub, "sub", labels, numbers)
                parts += ["\n              ", row, "\n            "]
            parts.append("\n          ")
        parts.append("\n        ")
    return mark_safe("".join(parts))


def _item_row(item, level: str, labels: tuple[str, str], numbers: tuple) -> str:
    """A program, kegiatan or sub kegiatan row and its indicators' rows (`labels`
    escaped)."""
    angka, rupiah = numbers
    row_class, indent, indikator_indent = _LEVELS[level]
    unit = getattr(item, "unit", None)
    unit_cell = ""
    if unit:
        unit_name, short_name = escaped_all(unit.name, unit.short_name)
        unit_cell = f'<abbr title="{unit_name}">{short_name}</abbr>'
    code, name = escaped_all(item.code, item.name)
    row = _ITEM_ROW.format(
        row_class,
        code,
        indent,
        name,
        unit_cell,
        labels[0],
        _year_cells(item.pagu_cells, "text-end text-nowrap", rupiah),
    )
    indikator = [
        _ITEM_INDIKATOR_ROW.format(
            indikator_indent,
            labels[1],
            *escaped_all(indikator.uraian, indikator.satuan),
            _year_cells(indikator.target_cells, "text-end", angka),
        )
        for indikator in item.page_indikator
    ]
    return row + "".join(indikator) + "\n"


# The Renstra page's labels (its `t`), translated once per language (erkt.template_labels):
# the page had some thirty `{% translate %}` nodes.
renstra_labels = TemplateLabels(
    renstra=gettext_noop("Renstra"),
    draft_sedang_disusun=gettext_noop("Draft (sedang disusun)"),
    periode=gettext_noop("Periode"),
    draf=gettext_noop("draf"),
    ekspor_excel=gettext_noop("Ekspor Excel"),
    impor_excel=gettext_noop("Impor Excel"),
    belum_ada_renstra_untuk=gettext_noop("Belum ada Renstra untuk perangkat daerah ini."),
    unduh_template_isi_lalu=gettext_noop("Unduh template, isi, lalu impor berkasnya."),
    unduh_template_renstra=gettext_noop("Unduh template Renstra"),
    renstra_diimpor_oleh_subbag=gettext_noop("Renstra diimpor oleh Subbag Perencanaan."),
    tujuan_sasaran_strategis_dan=gettext_noop("Tujuan, sasaran strategis, dan indikator kinerja"),
    indikator_kinerja=gettext_noop("Indikator kinerja"),
    satuan=gettext_noop("Satuan"),
    arah=gettext_noop("Arah"),
    nilai_dasar=gettext_noop("Nilai dasar"),
    indikator_kinerja_utama=gettext_noop("Indikator Kinerja Utama."),
    makin_tinggi_makin_baik=gettext_noop("makin tinggi makin baik"),
    makin_rendah_makin_baik=gettext_noop("makin rendah makin baik"),
    program_kegiatan_dan_sub=gettext_noop("Program, kegiatan, dan sub kegiatan"),
    kode=gettext_noop("Kode"),
    program_kegiatan_sub_kegiatan=gettext_noop(
        "Program / kegiatan / sub kegiatan dan indikator kinerja"
    ),
    unit=gettext_noop("Unit"),
    jumlah_pagu_indikatif_seluruh=gettext_noop("Jumlah pagu indikatif seluruh program"),
    baris_program_kegiatan_dan=gettext_noop(
        "Baris program, kegiatan, dan sub kegiatan memuat pagu indikatif (Rp); baris bertanda"
    ),
    memuat_indikator_kinerja_dan=gettext_noop(
        "memuat indikator kinerja dan targetnya. Pagu diisi per sub kegiatan; pagu kegiatan "
        "dan program adalah jumlahnya."
    ),
)
