"""The RKT table as the documents print it, from a version snapshot.

Printed tables must stay legible over many pages, so they have no tall merged
cells: every line stands on its own. A sasaran strategis opens its group with a
one-line heading; below it come its IKU, then each program, kegiatan and sub
kegiatan in the nomenclature's order, each with its code on every line and its
name and anggaran on the first line where it appears. The anggaran of a
program or kegiatan is the sum of its lines; the last line is the grand total.
The text is Indonesian whatever the reader's UI language: it is the official text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

SASARAN, ROW = "sasaran", "row"
HEADERS = (
    "No",
    "Kode",
    "Sasaran Strategis / Program / Kegiatan / Sub Kegiatan",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Unit Kerja",
    "Anggaran (Rp)",
)


@dataclass
class DocLine:
    kind: str  # SASARAN (a group heading) or ROW
    number: str = ""
    code: str = ""
    uraian: str = ""
    level: str = ""  # iku, program, kegiatan, sub_kegiatan
    indikator: str = ""
    satuan: str = ""
    target: str = ""
    unit: str = ""
    anggaran: Decimal | None = None

    @property
    def anggaran_text(self) -> str:
        return rupiah(self.anggaran)

    def cells(self) -> list[str]:
        """The line's eight cells as text, as DOCX and XLSX print them."""
        return [
            self.number,
            self.code,
            self.uraian,
            self.indikator,
            self.satuan,
            self.target,
            self.unit,
            rupiah(self.anggaran),
        ]


@dataclass
class DocTable:
    lines: list[DocLine]
    total: Decimal
    program_totals: list[tuple[str, str, Decimal]]


def amount(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def rupiah(value: Decimal | str | None) -> str:
    """'13.417.248.000': Indonesian grouping whatever the active language."""
    if value in (None, ""):
        return ""
    whole = Decimal(value).quantize(Decimal(1))
    sign = "-" if whole < 0 else ""
    return sign + f"{abs(whole):,}".replace(",", ".")


def build(rows: list[dict]) -> DocTable:
    lines: list[DocLine] = []
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["sasaran_code"], []).append(row)
    for number, group in enumerate(groups.values(), start=1):
        lines.append(_heading(number, group[0]))
        lines += _group_lines(group)
    total = sum((amount(row["anggaran"]) or Decimal(0) for row in rows), Decimal(0))
    return DocTable(lines, total, _program_totals(rows))


def _heading(number: int, row: dict) -> DocLine:
    text = row["sasaran_strategis"] or "Tanpa sasaran strategis"
    return DocLine(SASARAN, number=str(number), code=row["sasaran_code"], uraian=text)


def _group_lines(group: list[dict]) -> list[DocLine]:
    sums = _sums(group)
    seen: set[str] = set()
    lines = []
    for row in group:
        level, code, name = _entity(row)
        first = code not in seen
        seen.add(code)
        lines.append(
            DocLine(
                ROW,
                code=code if level != "iku" else "",
                uraian=(name if first else ""),
                level=level,
                indikator=row["indikator"],
                satuan=row["satuan"],
                target=row["target"],
                unit=row["unit_name"],
                anggaran=sums.get(code) if first and level != "iku" else None,
            )
        )
    return lines


def _entity(row: dict) -> tuple[str, str, str]:
    """(level, code, name) of the most specific thing the row names."""
    if row["section"] == "sasaran":
        return "iku", f"iku:{row['sasaran_code']}", "Indikator Kinerja Utama (IKU)"
    if row["sub_kegiatan_code"]:
        return "sub_kegiatan", row["sub_kegiatan_code"], row["sub_kegiatan_name"]
    if row["kegiatan_code"]:
        return "kegiatan", row["kegiatan_code"], row["kegiatan_name"]
    return "program", row["program_code"], row["program_name"]


def _sums(rows: Iterable[dict]) -> dict[str, Decimal]:
    """The anggaran of each program, kegiatan and sub kegiatan: the sum of its rows."""
    sums: dict[str, Decimal] = {}
    for row in rows:
        value = amount(row["anggaran"])
        if row["section"] != "program":
            continue
        for code in (row["program_code"], row["kegiatan_code"], row["sub_kegiatan_code"]):
            if code:
                sums[code] = sums.get(code, Decimal(0)) + (value or Decimal(0))
    return sums


def _program_totals(rows: list[dict]) -> list[tuple[str, str, Decimal]]:
    totals: dict[str, tuple[str, str, Decimal]] = {}
    for row in rows:
        if row["section"] != "program":
            continue
        code = row["program_code"]
        _code, name, value = totals.get(code, (code, row["program_name"], Decimal(0)))
        totals[code] = (code, name, value + (amount(row["anggaran"]) or Decimal(0)))
    return list(totals.values())
