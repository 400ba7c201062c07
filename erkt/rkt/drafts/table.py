"""The official RKT table of a version, laid out for the page (and later the documents).

No | Sasaran Strategis | Indikator Kinerja | Satuan | Target | Program | Kegiatan |
Sub Kegiatan | Anggaran: one group per sasaran strategis (numbered, its cells
merged over the group), first its IKU, then each program supporting it with the
program's indicators and the kegiatan / sub kegiatan rows, closed by the
program's total. Merged cells are computed here so the template stays plain.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from erkt.html_rows import escaped
from erkt.html_rows import row as html_row
from erkt.per_language import per_language
from erkt.rkt.drafts.models import DraftRow
from erkt.rkt.templatetags.rkt_format import EMPTY as EN_DASH
from erkt.rkt.templatetags.rkt_format import formatters


@dataclass
class ProgramTotal:
    code: str
    name: str
    amount: Decimal = Decimal(0)


@dataclass
class Line:
    """One <tr>: a row of the version, or a program's total (row None)."""

    row: DraftRow | None = None
    total: ProgramTotal | None = None
    number: int | None = None
    # Rowspans: 0 means the cell is covered by a merged cell above.
    group_span: int = 0
    program_span: int = 0
    kegiatan_span: int = 0
    sub_span: int = 0
    # The anggaran cell belongs to the sub kegiatan: merged over its indicators, their sum.
    anggaran: Decimal | None = None
    # True when `anggaran` is a kegiatan's subtotal (its sub kegiatan's sum), not a row's own.
    subtotal: bool = False


@dataclass
class SasaranGroup:
    number: int
    code: str
    uraian: str
    rows: list[DraftRow] = field(default_factory=list)


@dataclass
class RktTable:
    lines: list[Line]
    program_totals: list[ProgramTotal]
    total: Decimal
    row_count: int

    def program_total(self, code: str) -> Decimal | None:
        return next((p.amount for p in self.program_totals if p.code == code), None)


def build_table(rows: Sequence[DraftRow]) -> RktTable:
    groups = _groups(rows)
    lines: list[Line] = []
    totals: dict[str, ProgramTotal] = {}
    for group in groups:
        group_lines = _group_lines(group, totals)
        group_lines[0].group_span = len(group_lines)
        group_lines[0].number = group.number
        lines += group_lines
    overall = sum((row.anggaran or Decimal(0) for row in rows), Decimal(0))
    return RktTable(lines, list(totals.values()), overall, len(rows))


def subtotals(rows: Sequence[DraftRow]) -> dict[str, Decimal]:
    """The anggaran of each program, kegiatan and sub kegiatan code: the sum of its rows."""
    sums: dict[str, Decimal] = {}
    for row in rows:
        if row.section != DraftRow.Section.PROGRAM:
            continue
        for code in (row.program_code, row.kegiatan_code, row.sub_kegiatan_code):
            if code:
                sums[code] = sums.get(code, Decimal(0)) + (row.anggaran or Decimal(0))
    return sums


def shown_amount(row: DraftRow, sums: dict[str, Decimal]) -> Decimal | None:
    """What a row's anggaran cell shows: a sub kegiatan its own amount; a kegiatan or a
    program row (budgeted below it) the subtotal of its sub kegiatan; an IKU nothing."""
    if row.section != DraftRow.Section.PROGRAM:
        return None
    if row.sub_kegiatan_code or row.anggaran:
        return row.anggaran
    return sums.get(row.kegiatan_code or row.program_code)


def _groups(rows: Sequence[DraftRow]) -> list[SasaranGroup]:
    groups: dict[str, SasaranGroup] = {}
    for row in rows:
        group = groups.get(row.sasaran_code)
        if group is None:
            group = SasaranGroup(len(groups) + 1, row.sasaran_code, row.sasaran_strategis)
            groups[row.sasaran_code] = group
        group.rows.append(row)
    return list(groups.values())


def _group_lines(group: SasaranGroup, totals: dict[str, ProgramTotal]) -> list[Line]:
    lines = [Line(row=row) for row in group.rows if row.section == DraftRow.Section.SASARAN]
    program_rows = [row for row in group.rows if row.section == DraftRow.Section.PROGRAM]
    for code in dict.fromkeys(row.program_code for row in program_rows):
        rows = [row for row in program_rows if row.program_code == code]
        total = totals.setdefault(code, ProgramTotal(code, rows[0].program_name))
        total.amount += sum((row.anggaran or Decimal(0) for row in rows), Decimal(0))
        program_lines = [Line(row=row) for row in rows]
        program_lines[0].program_span = len(program_lines)
        _merge(program_lines, "kegiatan_span", lambda row: row.kegiatan_code)
        _merge(program_lines, "sub_span", lambda row: row.sub_kegiatan_code)
        _anggaran(program_lines, subtotals(rows))
        lines += [*program_lines, Line(total=total)]
    return lines


def _merge(lines: list[Line], span: str, value: Callable[[DraftRow], str]) -> None:
    """Merge the cells of consecutive lines showing the same non-empty value."""
    first: Line | None = None
    for line in lines:
        current = value(line.row)
        if first is not None and current and current == value(first.row):
            setattr(first, span, getattr(first, span) + 1)
            continue
        setattr(line, span, 1)
        first = line


def _anggaran(lines: list[Line], sums: dict[str, Decimal]) -> None:
    """A sub kegiatan shows the sum of its rows; a kegiatan's own (first) row its amount, or
    else the subtotal of its sub kegiatan, as the printed RKT does."""
    subtotalled: set[str] = set()
    for index, line in enumerate(lines):
        if not line.sub_span:
            continue
        if line.row.sub_kegiatan_code:
            merged = lines[index : index + line.sub_span]
            line.anggaran = sum((item.row.anggaran or Decimal(0) for item in merged), Decimal(0))
        elif line.row.anggaran:
            line.anggaran = line.row.anggaran
        elif line.row.kegiatan_code and line.row.kegiatan_code not in subtotalled:
            subtotalled.add(line.row.kegiatan_code)
            line.anggaran = sums.get(line.row.kegiatan_code)
            line.subtotal = True


# --- The table's body as HTML --------------------------------------------------------------
# Each line as a handful of erkt.html_rows.row() calls (format_html's escaping into a plain
# str, the body marked safe once) instead of some 40 template nodes a line; the markup,
# whitespace included, is what rkt/drafts/_table.html's loop rendered.


def table_head_html(year: int) -> SafeString:
    """rkt/drafts/_table.html up to its rows (the search box, the caption, the column
    heads): a function of the language and the year alone, rendered once for each and
    kept (some twenty template nodes, a dozen translations, on every visit)."""
    return _table_head(year)


@per_language
def _table_head(year: int) -> SafeString:
    return mark_safe(render_to_string("rkt/drafts/_table_head.html", {"year": year}))


def table_rows_html(table: RktTable) -> str:
    """The <tbody> content of the RKT table (rkt/drafts/_table.html)."""
    if not table.lines:
        return format_html(
            '\n    <tr><td colspan="9" class="text-center text-body-secondary py-4">{}</td></tr>'
            "\n  ",
            gettext("Belum ada baris."),
        )
    labels = _Labels(
        no_sasaran=gettext("Tanpa sasaran strategis"),
        jumlah=gettext("Jumlah"),
        iku=gettext("Indikator Kinerja Utama"),
        kegiatan_total=gettext("Jumlah anggaran kegiatan"),
        rupiah=formatters()[1],
    )
    return mark_safe("".join(_line_html(line, labels) for line in table.lines))


@dataclass(frozen=True)
class _Labels:
    no_sasaran: str
    jumlah: str
    iku: str
    kegiatan_total: str
    rupiah: Callable[[object], str]

    # The labels escaped once a table.
    @functools.cached_property
    def no_sasaran_html(self) -> str:
        return escaped(self.no_sasaran)

    @functools.cached_property
    def iku_html(self) -> str:
        return escaped(self.iku)

    @functools.cached_property
    def kegiatan_total_title(self) -> str:
        return f' title="{escaped(self.kegiatan_total)}"'


# Below, as html_row() writes them: every text escaped (erkt.html_rows.escaped); the
# spans, numbers and orders (ints) and the parts written here (marked safe) as they are:
# some 70 Python calls fewer a line.


def _line_html(line: Line, labels: _Labels) -> str:
    row = line.row
    if line.total:
        attributes = ' class="rkt-subtotal"'
    elif row:
        attributes = f' id="baris-{row.order:d}" data-key="{escaped(row.key)}"'
    else:
        attributes = ""
    parts = [f"\n    <tr{attributes}>\n      "]
    if line.group_span:
        sasaran = row.sasaran_strategis if row else ""
        sasaran = (
            escaped(sasaran)
            if sasaran
            else f'<span class="text-body-secondary">{labels.no_sasaran_html}</span>'
        )
        span = f"{line.group_span:d}"
        parts.append(
            f'\n        <td rowspan="{span}" class="text-center">{escaped(line.number)}</td>'
            f'\n        <td rowspan="{span}">{sasaran}</td>\n      '
        )
    parts.append("\n      ")
    if line.total:
        parts.append(
            html_row(
                '\n        <th scope="row" colspan="6" class="text-end">{} {} {}</th>'
                '\n        <td class="text-end text-nowrap">{}</td>\n      ',
                labels.jumlah,
                line.total.code,
                line.total.name,
                labels.rupiah(line.total.amount),
            )
        )
    else:
        parts.append(_row_cells(line, labels))
    parts.append("\n    </tr>\n  ")
    return "".join(parts)


def _row_cells(line: Line, labels: _Labels) -> str:
    row = line.row
    iku = row.section == DraftRow.Section.SASARAN
    badge = (
        f'<span class="badge text-bg-success me-1" title="{labels.iku_html}">IKU</span>'
        if iku
        else ""
    )
    parts = [
        f"\n        <td>{badge}{escaped(row.indikator or EN_DASH)}</td>"
        f'\n        <td class="text-nowrap">{escaped(row.satuan)}</td>'
        f'\n        <td class="text-end text-nowrap">{escaped(row.target or EN_DASH)}</td>'
        "\n        "
    ]
    if iku:
        parts.append(
            '\n          <td colspan="3" class="rkt-empty"></td><td class="rkt-empty"></td>'
            "\n        "
        )
    else:
        parts.append("\n          ")
        if line.program_span:
            parts.append(_coded_cell(line.program_span, row.program_code, row.program_name, True))
        parts.append("\n          ")
        if line.kegiatan_span:
            parts.append(_coded_cell(line.kegiatan_span, row.kegiatan_code, row.kegiatan_name))
        parts.append("\n          ")
        if line.sub_span:
            parts.append(_coded_cell(line.sub_span, row.sub_kegiatan_code, row.sub_kegiatan_name))
            subtotal = line.subtotal
            anggaran = line.anggaran
            parts.append(
                f'\n          <td rowspan="{line.sub_span:d}" class="text-end text-nowrap'
                f'{" fw-semibold" if subtotal else ""}"'
                f"{labels.kegiatan_total_title if subtotal else ''}>"
                f"{escaped(labels.rupiah(anggaran)) if anggaran is not None else ''}</td>"
            )
        parts.append("\n        ")
    parts.append("\n      ")
    return "".join(parts)


def _coded_cell(span: int, code: str, name: str, always: bool = False) -> str:
    """A merged program / kegiatan / sub kegiatan cell: its code above its name (a program
    cell shows both even without a code, as the template did)."""
    if not (code or always):
        return f'<td rowspan="{span:d}"></td>'
    return (
        f'<td rowspan="{span:d}"><span class="rkt-code">{escaped(code)}</span> {escaped(name)}</td>'
    )
