"""The Renstra as an Excel workbook: the documented template, export and import.

One layout serves all three: a "Petunjuk" sheet explaining every sheet and column,
then one sheet per kind of row (see `sheet_columns`). Export writes a stored
Renstra in that layout; import reads it back. Import is all or nothing: every
problem is collected as (sheet, row, column, message) and the file is refused
when there is any.

Importing replaces the organisation's Renstra of the same period (tahun awal)
or creates it. No RKT refers to a Renstra yet; once one does, replacing must be
refused for a Renstra in use.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from erkt.documents.xlsx import append_heading
from erkt.documents.xlsx_input import (
    TooManyRows,
    WorkbookRefused,
    blank_cell,
    cell_text,
    header_problems,
    open_workbook,
    sheet_rows,
)
from erkt.org.models import Organization
from erkt.rkt.models import PERIOD_YEARS, Arah, Renstra
from erkt.rkt.renstra_data import (
    INDIKATOR,
    KEGIATAN,
    PROGRAM,
    RENSTRA,
    SASARAN,
    SUB_KEGIATAN,
    TUJUAN,
    DataError,
    IndikatorRow,
    KegiatanRow,
    ProgramRow,
    RenstraData,
    RenstraDataError,
    SasaranRow,
    SubKegiatanRow,
    TujuanRow,
    renstra_data_of,
    replace_renstra,
    validate,
)

PETUNJUK = "Petunjuk"
DATA_SHEETS = (RENSTRA, TUJUAN, SASARAN, PROGRAM, KEGIATAN, SUB_KEGIATAN, INDIKATOR)
MAX_ROWS = 5000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Text starting with these is a formula to a spreadsheet (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@")

TEXT, NUMBER, YEAR, FLAG = "text", "number", "year", "flag"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    required: bool = True
    width: int = 16
    note: str = ""


@dataclass(frozen=True)
class CellError:
    """One problem, where the user finds it: sheet, row and column (letter) of the file."""

    sheet: str
    row: int | None
    column: str
    message: str


class RenstraFileError(Exception):
    def __init__(self, errors: list[CellError]):
        super().__init__(f"{len(errors)} kesalahan")
        self.errors = errors


def sheet_columns(years: list[int]) -> dict[str, list[Column]]:
    """The columns of every data sheet, in order; year columns follow the period."""
    return {
        RENSTRA: [
            Column("title", "Judul Renstra", width=60),
            Column("period_start", "Tahun Awal", YEAR, note=_("misalnya 2025")),
            Column("period_end", "Tahun Akhir", YEAR, note=_("tahun awal + 4")),
        ],
        TUJUAN: [
            Column("code", "Kode Tujuan", note=_("diawali huruf, misalnya T1")),
            Column("uraian", "Uraian Tujuan", width=80),
        ],
        SASARAN: [
            Column("code", "Kode Sasaran", note=_("diawali huruf, misalnya SS1")),
            Column("tujuan", "Kode Tujuan", note=_("kode dari sheet Tujuan")),
            Column("uraian", "Uraian Sasaran Strategis", width=80),
        ],
        PROGRAM: [
            Column("code", "Kode Program", note=_("X.XX.XX, misalnya 5.03.02")),
            Column("name", "Nomenklatur Program", width=70),
            Column(
                "sasaran",
                "Kode Sasaran",
                required=False,
                note=_("sasaran strategis yang didukung, dari sheet Sasaran"),
            ),
        ],
        KEGIATAN: [
            Column("code", "Kode Kegiatan", note=_("kode program + .X.XX, misalnya 5.03.02.2.02")),
            Column("program", "Kode Program", note=_("kode dari sheet Program")),
            Column("name", "Nomenklatur Kegiatan", width=70),
            Column("unit", "Unit Penanggung Jawab", width=22, note=_("singkatan unit")),
        ],
        SUB_KEGIATAN: [
            Column(
                "code",
                "Kode Sub Kegiatan",
                width=20,
                note=_("kode kegiatan + .XXXX, misalnya 5.03.02.2.02.0001"),
            ),
            Column("kegiatan", "Kode Kegiatan", note=_("kode dari sheet Kegiatan")),
            Column("name", "Nomenklatur Sub Kegiatan", width=70),
            Column("unit", "Unit Penanggung Jawab", width=22, note=_("singkatan unit")),
            *(
                Column(
                    f"pagu_{y}",
                    f"Pagu {y} (Rp)",
                    NUMBER,
                    width=18,
                    note=_("angka rupiah tanpa titik; 0 bila tidak dianggarkan"),
                )
                for y in years
            ),
        ],
        INDIKATOR: [
            Column("code", "Kode", note=_("kode sasaran, program, kegiatan, atau sub kegiatan")),
            Column("uraian", "Indikator Kinerja", width=60),
            Column("satuan", "Satuan", width=12, note=_("misalnya %, indeks, orang, dokumen")),
            Column("arah", "Arah", width=10, note=_("Naik (makin tinggi makin baik) atau Turun")),
            Column(
                "baseline",
                "Baseline",
                NUMBER,
                required=False,
                width=12,
                note=_("capaian tahun sebelum periode; kosong bila belum ada"),
            ),
            *(
                Column(f"target_{y}", f"Target {y}", NUMBER, width=12, note=_("angka"))
                for y in years
            ),
            Column(
                "is_iku",
                "IKU",
                FLAG,
                required=False,
                width=8,
                note=_("Ya bila Indikator Kinerja Utama (hanya indikator sasaran)"),
            ),
            Column("formula", "Formula", required=False, width=40),
            Column("sumber_data", "Sumber Data", required=False, width=30),
        ],
    }


# ---------------------------------------------------------------- export


def build_workbook(
    organization: Organization, *, period_start: int, data: RenstraData | None = None
) -> bytes:
    """The template (no `data`) or an export of `data`, as xlsx bytes."""
    years = list(range(period_start, period_start + PERIOD_YEARS))
    data = data or RenstraData(
        title=_("Rencana Strategis %(org)s Tahun %(period)s")
        % {"org": organization.name, "period": f"{years[0]}-{years[-1]}"},
        period_start=period_start,
    )
    columns = sheet_columns(years)
    workbook = Workbook()
    _write_petunjuk(workbook.active, organization, columns)
    _protect_text(workbook.active)
    for sheet in DATA_SHEETS:
        ws = workbook.create_sheet(sheet)
        ws.append([column.header for column in columns[sheet]])
        for row in _sheet_rows(sheet, data, years):
            ws.append([_cell_value(value) for value in row])
        _format(ws, columns[sheet])
        _protect_text(ws)
        _add_validations(ws, columns[sheet], organization)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_renstra(renstra: Renstra) -> tuple[str, str, bytes]:
    """(filename, mimetype, bytes) of a stored Renstra in the template's layout."""
    content = build_workbook(
        renstra.organization, period_start=renstra.period_start, data=renstra_data_of(renstra)
    )
    filename = f"renstra-{renstra.organization.short_name.lower()}-{renstra.period_label}.xlsx"
    return filename, XLSX_MIME, content


def _sheet_rows(sheet: str, data: RenstraData, years: list[int]) -> list[list]:
    if sheet == RENSTRA:
        return [[data.title, data.period_start, data.period_start + PERIOD_YEARS - 1]]
    if sheet == TUJUAN:
        return [[r.code, r.uraian] for r in data.tujuan]
    if sheet == SASARAN:
        return [[r.code, r.tujuan, r.uraian] for r in data.sasaran]
    if sheet == PROGRAM:
        return [[r.code, r.name, r.sasaran] for r in data.programs]
    if sheet == KEGIATAN:
        return [[r.code, r.program, r.name, r.unit] for r in data.kegiatan]
    if sheet == SUB_KEGIATAN:
        return [
            [r.code, r.kegiatan, r.name, r.unit, *(r.pagu.get(y) for y in years)]
            for r in data.sub_kegiatan
        ]
    return [
        [
            r.code,
            r.uraian,
            r.satuan,
            r.arah.capitalize(),
            r.baseline,
            *(r.targets.get(y) for y in years),
            "Ya" if r.is_iku else "Tidak",
            r.formula,
            r.sumber_data,
        ]
        for r in data.indikator
    ]


def _cell_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")


def _format(ws: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        header = ws.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = column.width
        if column.kind == NUMBER and column.key.startswith("pagu_"):
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0"
    ws.freeze_panes = "A2"


def _protect_text(ws: Worksheet) -> None:
    """Keep text that looks like a formula text: a string cell, with Excel's quote prefix."""
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"
                cell.quotePrefix = True


def _add_validations(ws: Worksheet, columns: list[Column], organization: Organization) -> None:
    choices = {
        "arah": "Naik,Turun",
        "is_iku": "Ya,Tidak",
        "unit": ",".join(organization.units.values_list("short_name", flat=True)),
    }
    for index, column in enumerate(columns, start=1):
        # Excel refuses (as a corrupt file) a list longer than 255 characters or with quotes.
        text = choices.get(column.key, "")
        if text and len(text) <= 255 and '"' not in text:
            validation = DataValidation(type="list", formula1=f'"{text}"', allow_blank=True)
            letter = get_column_letter(index)
            validation.add(f"{letter}2:{letter}{MAX_ROWS}")
            ws.add_data_validation(validation)


def _write_petunjuk(ws: Worksheet, organization: Organization, columns) -> None:
    ws.title = PETUNJUK
    for letter, width in (("A", 30), ("B", 12), ("C", 90)):
        ws.column_dimensions[letter].width = width
    ws.append([_("Template Impor Renstra e-RKT")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([organization.name])
    append_heading(ws, _("Cara mengisi"))
    for number, text in enumerate(rules(), start=1):
        ws.append([f"{number}.", "", text])
    append_heading(ws, _("Sheet dan kolom"))
    ws.append([_("Kolom"), _("Wajib"), _("Keterangan")])
    for sheet in DATA_SHEETS:
        ws.append([_("Sheet %(sheet)s") % {"sheet": sheet}, "", _SHEET_NOTES[sheet]])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        for column in columns[sheet]:
            required = _("wajib") if column.required else _("opsional")
            ws.append([column.header, required, column.note])
    append_heading(ws, _("Singkatan unit (kolom Unit Penanggung Jawab)"))
    ws.append([_("Singkatan"), "", _("Nama unit")])
    for unit in organization.units.all():
        ws.append([unit.short_name, "", unit.name])
    for (cell,) in ws.iter_rows(min_col=3, max_col=3):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def rules() -> list[str]:
    return [
        _(
            "Isi setiap sheet mulai baris 2; jangan mengubah nama sheet atau judul kolom "
            "di baris 1."
        ),
        _("Isi nilai, bukan rumus: sel yang berisi rumus (diawali =) ditolak."),
        _(
            "Angka (pagu, nilai dasar, target) diisi sebagai angka tanpa titik ribuan, satuan, "
            "atau tanda %; pecahan memakai tanda desimal Excel."
        ),
        _(
            "Kode program, kegiatan, dan sub kegiatan mengikuti Permendagri 90/2019 dan "
            "Kepmendagri 050-5889/2021: program 5.03.02, kegiatan 5.03.02.2.02, "
            "sub kegiatan 5.03.02.2.02.0001. Kode kegiatan harus diawali kode programnya, "
            "kode sub kegiatan diawali kode kegiatannya."
        ),
        _(
            "Setiap tujuan mempunyai sasaran, setiap sasaran mempunyai indikator, setiap program "
            "mempunyai kegiatan, dan setiap kegiatan mempunyai sub kegiatan."
        ),
        _(
            "Setiap indikator diisi target untuk setiap tahun periode; setiap sub kegiatan diisi "
            "pagu indikatif setiap tahun (0 bila tidak dianggarkan). Pagu kegiatan dan program "
            "dihitung dari jumlah pagu sub kegiatannya."
        ),
        _(
            "Satu baris satu data: baris dengan kode yang sama (atau indikator yang sama untuk "
            "kode yang sama) ditolak sebagai duplikat."
        ),
        _(
            "Berkas ditolak seluruhnya bila ada satu kesalahan; daftar kesalahan menyebut sheet, "
            "baris, dan kolomnya. Perbaiki lalu unggah lagi."
        ),
        _(
            "Impor mengganti seluruh Renstra dengan tahun awal yang sama (atau membuatnya bila "
            "belum ada)."
        ),
    ]


_SHEET_NOTES = {
    RENSTRA: "Satu baris: judul dan periode lima tahun.",
    TUJUAN: "Tujuan Renstra.",
    SASARAN: "Sasaran strategis, masing-masing di bawah satu tujuan.",
    PROGRAM: "Program (Permendagri 90/2019).",
    KEGIATAN: "Kegiatan, masing-masing di bawah satu program, dengan unit penanggung jawab.",
    SUB_KEGIATAN: "Sub kegiatan dengan unit penanggung jawab dan pagu indikatif per tahun.",
    INDIKATOR: "Indikator kinerja sasaran, program, kegiatan, dan sub kegiatan dengan target "
    "per tahun. Tandai IKU pada indikator sasaran.",
}


# ---------------------------------------------------------------- import


def import_renstra(organization: Organization, content: bytes, *, by=None) -> tuple:
    """Replace (or create) the Renstra of the file's period. Returns (renstra, data).

    Raises RenstraFileError listing every problem; then nothing was written. The rules
    are checked once, by replace_renstra under the organisation's lock.
    """
    with gc_paused():
        reader = _Reader(_open(content))
        data = reader.read()
        if data is None or reader.errors:
            _refuse(organization, data, reader.errors)
        try:
            return replace_renstra(organization, data, by=by), data
        except RenstraDataError as refused:
            columns = sheet_columns(data.years)
            errors = [_locate(error, columns) for error in refused.errors]
            raise RenstraFileError(_sorted_unique(errors)) from refused


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import runs.

    An import makes tens of thousands of short-lived objects, freed by reference
    counting; each full collection they trigger walks every object of the process
    (Django's, openpyxl's), which took a fifth of a 2,000-row import. The size of
    what an import holds is bounded by the row limit; collection resumes after it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_renstra(organization: Organization, content: bytes) -> RenstraData:
    """The file's Renstra, checked; RenstraFileError names every problem found."""
    reader = _Reader(_open(content))
    data = reader.read()
    _refuse(organization, data, reader.errors)
    return data


def _refuse(organization: Organization, data: RenstraData | None, errors: list) -> None:
    """Raise RenstraFileError with the reading errors and the rules' errors, if any."""
    errors = list(errors)
    if data is not None:
        columns = sheet_columns(data.years)
        errors += [_locate(error, columns) for error in validate(organization, data)]
    if errors:
        raise RenstraFileError(_sorted_unique(errors))


def _open(content: bytes) -> Workbook:
    try:
        return open_workbook(content)
    except WorkbookRefused as refused:
        raise RenstraFileError([CellError(_("(berkas)"), None, "", str(refused))]) from refused


def _locate(error: DataError, columns: dict[str, list[Column]]) -> CellError:
    keys = [column.key for column in columns[error.sheet]]
    column = get_column_letter(keys.index(error.field) + 1) if error.field in keys else ""
    return CellError(error.sheet, error.row, column, error.message)


def _sorted_unique(errors: list[CellError]) -> list[CellError]:
    """One error per cell (the first: a formula, then a type error), in the file's order."""
    seen, result = set(), []
    for error in errors:
        key = (error.sheet, error.row, error.column)
        if error.row is not None and error.column and key in seen:
            continue
        seen.add(key)
        result.append(error)
    order = {sheet: n for n, sheet in enumerate(DATA_SHEETS)}
    return sorted(
        result,
        key=lambda e: (order.get(e.sheet, -1), e.row or 0, len(e.column), e.column),
    )


class _Reader:
    """Reads the sheets (each streamed once), collecting type errors; rules live in renstra_data."""

    def __init__(self, workbook: Workbook):
        self.workbook = workbook
        self.errors: list[CellError] = []
        # sheet -> [(row number, values)], row 1 (the header) included
        self.sheets: dict[str, list[tuple[int, tuple]]] = {}

    def error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.errors.append(CellError(sheet, row, column, message))

    def read(self) -> RenstraData | None:
        """The rows of every sheet; None when the layout itself is wrong (errors say why)."""
        try:
            return self.read_sheets()
        finally:
            self.workbook.close()

    def read_sheets(self) -> RenstraData | None:
        missing = [sheet for sheet in DATA_SHEETS if sheet not in self.workbook.sheetnames]
        for sheet in missing:
            self.error(
                sheet,
                None,
                "",
                _(
                    "Sheet %(sheet)s tidak ada (sheet di berkas: %(found)s). Pakai template "
                    "dari aplikasi tanpa mengganti nama sheet."
                )
                % {"sheet": sheet, "found": ", ".join(self.workbook.sheetnames)},
            )
        if missing:
            return None
        if not all([self.scan(sheet) for sheet in DATA_SHEETS]):
            return None
        # The period decides the year columns of the other sheets, so it is read first.
        data = self.read_renstra_sheet()
        if data is None:
            return None
        columns = sheet_columns(data.years)
        headers_ok = [self.header_ok(s, columns[s]) for s in DATA_SHEETS[1:]]
        if not all(headers_ok):
            return None
        rows = {sheet: self.rows(sheet, columns[sheet]) for sheet in DATA_SHEETS[1:]}
        # The rows' values come in the order of sheet_columns.
        years = list(enumerate(data.years))
        data.tujuan = [TujuanRow(code, uraian, n) for n, (code, uraian) in rows[TUJUAN]]
        data.sasaran = [SasaranRow(*values, row=n) for n, values in rows[SASARAN]]
        data.programs = [ProgramRow(*values, row=n) for n, values in rows[PROGRAM]]
        data.kegiatan = [KegiatanRow(*values, row=n) for n, values in rows[KEGIATAN]]
        data.sub_kegiatan = [
            SubKegiatanRow(*v[:4], pagu=_per_year(v, 4, years), row=n)
            for n, v in rows[SUB_KEGIATAN]
        ]
        after = 5 + len(years)  # code, uraian, satuan, arah, baseline, the targets, then IKU...
        data.indikator = [
            IndikatorRow(
                *v[:3],
                arah=_arah(v[3]),
                baseline=v[4],
                targets=_per_year(v, 5, years),
                is_iku=v[after],
                formula=v[after + 1],
                sumber_data=v[after + 2],
                row=n,
            )
            for n, v in rows[INDIKATOR]
        ]
        return data

    def errors_in(self, sheet: str) -> bool:
        return any(error.sheet == sheet for error in self.errors)

    def scan(self, sheet: str) -> bool:
        """Keep the sheet's values; refuse formulas anywhere, and sheets too long to be a Renstra.

        The rows are streamed and reading stops at the row limit.
        """
        formulas, rows = [], []
        width = len(sheet_columns(list(range(PERIOD_YEARS)))[sheet])
        try:
            for number, values, formula_columns in sheet_rows(
                self.workbook[sheet], max_rows=MAX_ROWS, max_col=width
            ):
                rows.append((number, values))
                formulas += [
                    CellError(
                        sheet,
                        number,
                        get_column_letter(column),
                        _("Sel berisi rumus; isi dengan nilai, bukan rumus."),
                    )
                    for column in formula_columns
                ]
        except TooManyRows as too_many:
            self.error(sheet, None, "", too_many.message())
            return False
        except WorkbookRefused as refused:
            raise RenstraFileError([CellError(_("(berkas)"), None, "", str(refused))]) from refused
        self.errors += formulas
        self.sheets[sheet] = rows
        return True

    def read_renstra_sheet(self) -> RenstraData | None:
        columns = sheet_columns([])[RENSTRA]
        if not self.header_ok(RENSTRA, columns):
            return None
        rows = self.rows(RENSTRA, columns)
        if len(rows) != 1:
            self.error(RENSTRA, None, "", _("Sheet Renstra harus berisi tepat satu baris data."))
            return None
        number, (title, start, end) = rows[0]
        if start is not None and end is not None and end != start + PERIOD_YEARS - 1:
            self.error(RENSTRA, number, "C", _("Tahun akhir harus tahun awal + 4."))
        if self.errors_in(RENSTRA):
            return None
        return RenstraData(title=title, period_start=start, row=number)

    def rows(self, sheet: str, columns: list[Column]) -> list[tuple[int, list]]:
        """(row number, values parsed by kind of column) of every row that is not blank;
        a value that does not parse is None, and its error is kept."""
        result = []
        width = len(columns)
        parsers = [_PARSERS[column.kind] for column in columns]
        for number, values in self.sheets[sheet][1:]:
            if len(values) != width:
                values = values[:width]
            if blank_cell(values[0]) and all(blank_cell(value) for value in values):
                continue
            try:
                parsed = [parse(value) for parse, value in zip(parsers, values, strict=True)]
            except ValueError:
                parsed = self.parse_each(sheet, number, parsers, values)
            result.append((number, parsed))
        return result

    def parse_each(self, sheet: str, number: int, parsers: list, values: tuple) -> list:
        """The row's values parsed one by one, each error kept with its column."""
        parsed = []
        for index, (parse, value) in enumerate(zip(parsers, values, strict=True)):
            try:
                parsed.append(parse(value))
            except ValueError as error:
                self.error(sheet, number, get_column_letter(index + 1), str(error))
                parsed.append(None)
        return parsed

    def header_ok(self, sheet: str, columns: list[Column]) -> bool:
        rows = self.sheets[sheet]
        header = rows[0][1][: len(columns)] if rows else (None,) * len(columns)
        problems = header_problems([column.header for column in columns], header)
        for letter, message in problems:
            self.error(sheet, 1, letter, message)
        return not problems


def _text(value) -> str:
    """cell_text, a string's case first (the same: str.split and str.strip agree on spaces)."""
    if type(value) is str:
        return " ".join(value.split())
    return cell_text(value)


def _number(value) -> Decimal | None:
    if type(value) is int:
        return Decimal(value)  # as Decimal(str(value)), without the text
    if blank_cell(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(
            _(
                "Harus berupa angka, bukan teks \u201c%(text)s\u201d (tanpa titik ribuan, "
                "satuan, atau %%)."
            )
            % {"text": cell_text(value)}
        )
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError(_("Harus berupa angka.")) from error
    if not number.is_finite():  # NaN or infinity, from a crafted file
        raise ValueError(_("Harus berupa angka."))
    return number


def _year(value) -> int | None:
    number = _number(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(_("Tahun harus bilangan bulat, misalnya 2025."))
    return int(number)


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).casefold()
    if text in {"", "tidak", "t", "no", "n", "0"}:
        return False
    if text in {"ya", "y", "yes", "1"}:
        return True
    raise ValueError(_("Isi Ya atau Tidak."))


ARAH_VALUES = tuple(Arah.values)


def _arah(value: str) -> str:
    text = value.casefold()
    return next((choice for choice in ARAH_VALUES if text.startswith(choice)), value)


_PARSERS = {TEXT: _text, NUMBER: _number, YEAR: _year, FLAG: _flag}


def _per_year(values: list, first: int, years: list[tuple[int, int]]) -> dict:
    """The per-year columns (Pagu 2025, ... from column `first`) as {year: amount}."""
    return {year: values[first + n] for n, year in years if values[first + n] is not None}
