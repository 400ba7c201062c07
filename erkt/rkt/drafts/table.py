"""The official RKT table of a version, laid out for the page (and later the documents).

No | Sasaran Strategis | Indikator Kinerja | Satuan | Target | Program | Kegiatan |
Sub Kegiatan | Anggaran: one group per sasaran strategis (numbered, its cells
merged over the group), first its IKU, then each program supporting it with the
program's indicators and the kegiatan / sub kegiatan rows, closed by the
program's total. Merged cells are computed here so the template stays plain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from erkt.html_rows import escaped, escaped_all
from erkt.per_language import per_language
from erkt.rkt.drafts.models import DraftRow
from erkt.rkt.templatetags.rkt_format import EMPTY as EN_DASH
from erkt.rkt.templatetags.rkt_format import formatters

ZERO = Decimal(0)


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
    overall = sum([row.anggaran or ZERO for row in rows], ZERO)
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
        total.amount += sum([row.anggaran or ZERO for row in rows], ZERO)
        program_lines = [Line(row=row) for row in rows]
        program_lines[0].program_span = len(program_lines)
        kegiatan = _spans([row.kegiatan_code for row in rows])
        sub = _spans([row.sub_kegiatan_code for row in rows])
        for line, kegiatan_span, sub_span in zip(program_lines, kegiatan, sub, strict=True):
            line.kegiatan_span = kegiatan_span
            line.sub_span = sub_span
        _anggaran(program_lines, subtotals(rows))
        lines += [*program_lines, Line(total=total)]
    return lines


def _spans(values: list[str]) -> list[int]:
    """The rowspan of each line's cell when consecutive lines showing the same non-empty
    value are merged (0: covered by the merged cell above)."""
    spans = [0] * len(values)
    first = 0
    for index, value in enumerate(values):
        if index and value and value == values[first]:
            spans[first] += 1
        else:
            spans[index] = 1
            first = index
    return spans


def _anggaran(lines: list[Line], sums: dict[str, Decimal]) -> None:
    """A sub kegiatan shows the sum of its rows; a kegiatan's own (first) row its amount, or
    else the subtotal of its sub kegiatan, as the printed RKT does."""
    subtotalled: set[str] = set()
    for index, line in enumerate(lines):
        if not line.sub_span:
            continue
        if line.row.sub_kegiatan_code:
            merged = lines[index : index + line.sub_span]
            line.anggaran = sum([item.row.anggaran or ZERO for item in merged], ZERO)
        elif line.row.anggaran:
            line.anggaran = line.row.anggaran
        elif line.row.kegiatan_code and line.row.kegiatan_code not in subtotalled:
            subtotalled.add(line.row.kegiatan_code)
            line.anggaran = sums.get(line.row.kegiatan_code)
            line.subtotal = True


# --- The table's body as HTML --------------------------------------------------------------
# Each line written by a few f-strings (its texts escaped as autoescape escapes them, the
# body marked safe once) instead of some 40 template nodes a line; the markup, whitespace
# included, is what the loop of the former rkt/drafts/_table.html rendered.


def table_head_html(year: int) -> SafeString:
    """The table up to its rows (the search box, the caption, the column heads): a function
    of the language and the year alone, rendered once for each and kept (some twenty
    template nodes, a dozen translations, on every visit)."""
    return _table_head(year)


@per_language
def _table_head(year: int) -> SafeString:
    return mark_safe(render_to_string("rkt/drafts/_table_head.html", {"year": year}))


def table_rows_html(table: RktTable, rupiah: Callable[[object], str] | None = None) -> str:
    """The <tbody> content of the RKT table; `rupiah`: the table's
    formatter (`rkt_format.formatters`) when the caller has one."""
    if not table.lines:
        return format_html(
            '\n    <tr><td colspan="9" class="text-center text-body-secondary py-4">{}</td></tr>'
            "\n  ",
            gettext("Belum ada baris."),
        )
    labels = _labels()
    rupiah = rupiah or formatters()[1]
    return mark_safe("".join([_line_html(line, labels, rupiah) for line in table.lines]))


@dataclass(frozen=True)
class _Labels:
    """The rows' labels, escaped."""

    no_sasaran: str
    jumlah: str
    iku_badge: str
    kegiatan_total_title: str


@per_language
def _labels() -> _Labels:
    iku = escaped(gettext("Indikator Kinerja Utama"))
    kegiatan_total = escaped(gettext("Jumlah anggaran kegiatan"))
    return _Labels(
        no_sasaran=escaped(gettext("Tanpa sasaran strategis")),
        jumlah=escaped(gettext("Jumlah")),
        iku_badge=f'<span class="badge text-bg-success me-1" title="{iku}">IKU</span>',
        kegiatan_total_title=f' title="{kegiatan_total}"',
    )


# Below, as the template wrote them: every text escaped (erkt.html_rows.escaped, a line's
# texts searched at once by escaped_all); the spans, numbers and orders (ints) and the
# parts written here as they are. Each line is a few f-strings: a Python call costs more
# than the characters it writes.


def _line_html(line: Line, labels: _Labels, rupiah: Callable[[object], str]) -> str:
    group = _group_cells(line, labels) if line.group_span else ""
    if line.total:
        opening = ' class="rkt-subtotal"'
        cells = _total_cells(line.total, labels, rupiah)
    else:
        row = line.row
        opening = f' id="baris-{row.order:d}" data-key="{escaped(row.key)}"'
        cells = _row_cells(line, labels, rupiah)
    return f"\n    <tr{opening}>\n      {group}\n      {cells}\n    </tr>\n  "


def _group_cells(line: Line, labels: _Labels) -> str:
    sasaran = line.row.sasaran_strategis if line.row else ""
    sasaran = (
        escaped(sasaran)
        if sasaran
        else f'<span class="text-body-secondary">{labels.no_sasaran}</span>'
    )
    span = f"{line.group_span:d}"
    return (
        f'\n        <td rowspan="{span}" class="text-center">{escaped(line.number)}</td>'
        f'\n        <td rowspan="{span}">{sasaran}</td>\n      '
    )


def _total_cells(total: ProgramTotal, labels: _Labels, rupiah: Callable[[object], str]) -> str:
    code, name, amount = escaped_all(total.code, total.name, rupiah(total.amount))
    return (
        f'\n        <th scope="row" colspan="6" class="text-end">{labels.jumlah} {code} {name}</th>'
        f'\n        <td class="text-end text-nowrap">{amount}</td>\n      '
    )


# What an IKU line shows where a program line has its program, kegiatan and sub kegiatan.
IKU_CELLS = (
    '\n          <td colspan="3" class="rkt-empty"></td><td class="rkt-empty"></td>\n        '
)


def _row_cells(line: Line, labels: _Labels, rupiah: Callable[[object], str]) -> str:
    row = line.row
    indikator, satuan, target = escaped_all(
        row.indikator or EN_DASH, row.satuan, row.target or EN_DASH
    )
    if row.section == DraftRow.Section.SASARAN:
        badge = labels.iku_badge
        rest = IKU_CELLS
    else:
        badge = ""
        rest = _program_cells(line, labels, rupiah)
    return (
        f"\n        <td>{badge}{indikator}</td>"
        f'\n        <td class="text-nowrap">{satuan}</td>'
        f'\n        <td class="text-end text-nowrap">{target}</td>'
        f"\n        {rest}\n      "
    )


def _program_cells(line: Line, labels: _Labels, rupiah: Callable[[object], str]) -> str:
    row = line.row
    program = kegiatan = sub = ""
    if line.program_span:
        program = _coded_cell(line.program_span, row.program_code, row.program_name, True)
    if line.kegiatan_span:
        kegiatan = _coded_cell(line.kegiatan_span, row.kegiatan_code, row.kegiatan_name)
    if line.sub_span:
        sub = _coded_cell(line.sub_span, row.sub_kegiatan_code, row.sub_kegiatan_name)
        subtotal = line.subtotal
        anggaran = line.anggaran
        sub += (
            f'\n          <td rowspan="{line.sub_span:d}" class="text-end text-nowrap'
            f'{" fw-semibold" if subtotal else ""}"'
            f"{labels.kegiatan_total_title if subtotal else ''}>"
            f"{escaped(rupiah(anggaran)) if anggaran is not None else ''}</td>"
        )
    return f"\n          {program}\n          {kegiatan}\n          {sub}\n        "


def _coded_cell(span: int, code: str, name: str, always: bool = False) -> str:
    """A merged program / kegiatan / sub kegiatan cell: its code above its name (a program
    cell shows both even without a code, as the template did)."""
    if not (code or always):
        return f'<td rowspan="{span:d}"></td>'
    code, name = escaped_all(code, name)
    return f'<td rowspan="{span:d}"><span class="rkt-code">{code}</span> {name}</td>'
