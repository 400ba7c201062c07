"""A unit's Form RKT as an Excel workbook: download, fill offline, upload back.

Sheet "Form RKT" holds one row per line of the form under a fixed header;
sheet "Petunjuk" explains the columns and lists the unit's kegiatan, sub
kegiatan and pagu. Uploading replaces every row of the form, all or nothing:
each problem is reported with its sheet, row and column, and the rules are the
ones of the form page (erkt.rkt.unit_forms.rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from erkt.documents.xlsx_input import TooManyRows, WorkbookRefused, open_workbook, sheet_rows
from erkt.per_language import per_language
from erkt.rkt.renstra_excel import FORMULA_TRIGGERS, XLSX_MIME, CellError
from erkt.rkt.unit_forms.forms import unit_kegiatan
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.rules import (
    MAX_ROWS,
    format_number,
    parse_number,
    renstra_indicators_of,
    row_problems,
)

SHEET = "Form RKT"
PETUNJUK = "Petunjuk"
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")

# (field, header, width)
COLUMNS = (
    ("no", "No", 5),
    ("kegiatan", "Kode Kegiatan", 16),
    ("sub_kegiatan", "Kode Sub Kegiatan", 20),
    ("sasaran_kegiatan", "Sasaran Kegiatan / Sub Kegiatan", 45),
    ("indikator", "Indikator Kinerja", 50),
    ("satuan", "Satuan", 12),
    ("target", "Target", 10),
    ("anggaran", "Anggaran (Rp)", 18),
    ("justifikasi", "Justifikasi", 35),
    ("renstra_indikator", "ID Indikator Renstra", 12),
)
ANGGARAN = [name for name, _header, _width in COLUMNS].index("anggaran")
LETTER = {name: get_column_letter(index) for index, (name, _h, _w) in enumerate(COLUMNS, 1)}


class FormFileError(Exception):
    def __init__(self, errors: list[CellError]):
        super().__init__(f"{len(errors)} kesalahan")
        self.errors = errors


# --- Download ----------------------------------------------------------------------------


def export_form(form: FormRkt) -> tuple[str, str, bytes]:
    """(filename, mimetype, bytes) of the form."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    ws.append([header for _name, header, _width in COLUMNS])
    rows = [row for group in form.rows_by_program() for row in group.rows]
    for number, row in enumerate(rows, start=1):
        ws.append(
            [
                number,
                row.kegiatan.code,
                row.sub_kegiatan.code if row.sub_kegiatan_id else None,
                row.sasaran_kegiatan,
                row.indikator,
                row.satuan,
                _target_cell(row.target),
                _amount_cell(row.anggaran),
                row.justifikasi or None,
                row.renstra_indikator_id,
            ]
        )
    _format(ws)
    _write_petunjuk(workbook.create_sheet(PETUNJUK), form)
    for sheet in workbook.worksheets:
        _protect_text(sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    name = f"form-rkt-{form.process.year}-{form.unit.short_name.lower()}.xlsx"
    return name, XLSX_MIME, buffer.getvalue()


def _target_cell(target: str):
    number = parse_number(target) if target else None
    if number is None:
        return target or None
    return int(number) if number == number.to_integral_value() else float(number)


def _amount_cell(amount: Decimal):
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _format(ws: Worksheet) -> None:
    for index, (_name, _header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(index)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[ANGGARAN].number_format = "#,##0"
    ws.freeze_panes = "A2"


def _protect_text(ws: Worksheet) -> None:
    """Text that a spreadsheet would run as a formula stays text (formula injection)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"
                cell.quotePrefix = True


def _write_petunjuk(ws: Worksheet, form: FormRkt) -> None:
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 80
    ws.column_dimensions["C"].width = 18
    ws.append([_("Form RKT %(year)s") % {"year": form.process.year}])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_("Unit kerja"), form.unit.name])
    ws.append([_("Perangkat daerah"), form.process.organization.name])
    ws.append([_("Status"), form.get_status_display()])
    ws.append([])
    ws.append([_("Cara mengisi")])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for number, text in enumerate(upload_rules(), start=1):
        ws.append([f"{number}.", text])
        ws.cell(row=ws.max_row, column=2).alignment = Alignment(wrap_text=True)
    ws.append([])
    ws.append(
        [
            _("Kode"),
            _("Kegiatan / sub kegiatan unit ini"),
            _("Pagu %(year)s (Rp)") % {"year": form.process.year},
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for kegiatan in unit_kegiatan(form):
        ws.append([kegiatan.code, kegiatan.name])
        for sub in kegiatan.sub_kegiatan.all():
            if sub.unit_id == form.unit_id:
                pagu = sub.pagu_by_year.get(form.process.year)
                ws.append([sub.code, sub.name, _amount_cell(pagu) if pagu is not None else None])
                ws.cell(row=ws.max_row, column=3).number_format = "#,##0"


@per_language
def upload_rules() -> tuple[str, ...]:
    """The upload's rules, on the page and in the workbook (translated once per language)."""
    return (
        _(
            "Isi sheet \u201cForm RKT\u201d mulai baris 2; jangan mengubah nama sheet atau judul "
            "kolom di baris 1. Kolom No hanya nomor urut."
        ),
        _(
            "Kode Kegiatan wajib, diambil dari daftar kegiatan unit ini di bawah; Kode Sub "
            "Kegiatan diisi untuk baris sub kegiatan, dan harus sub kegiatan dari kegiatan itu."
        ),
        _(
            "Target diisi angka (misalnya 95 atau 92,5) kecuali satuannya predikat, kategori, "
            "opini, status, kriteria, atau huruf."
        ),
        _("Anggaran diisi angka rupiah tanpa tanda Rp, tidak boleh negatif; kosong berarti 0."),
        _(
            "Bila total anggaran suatu program melebihi pagu unit ini untuk program itu, "
            "tuliskan justifikasi pada salah satu barisnya."
        ),
        _(
            "ID Indikator Renstra menandai baris yang menjawab indikator Renstra: jangan diubah; "
            "kosongkan untuk indikator tambahan."
        ),
        _("Isi nilai, bukan rumus: sel yang berisi rumus (diawali =) ditolak."),
        _(
            "Unggahan mengganti seluruh baris Form RKT. Berkas ditolak seluruhnya bila ada satu "
            "kesalahan; daftar kesalahan menyebut sheet, baris, dan kolomnya."
        ),
    )


# --- Upload ------------------------------------------------------------------------------


@dataclass
class _Lookups:
    kegiatan: dict
    sub_kegiatan: dict
    indicators: dict


def read_form_file(form: FormRkt, content: bytes) -> list[FormRktRow]:
    """The rows of an uploaded file (not saved), checked; FormFileError lists every problem."""
    try:
        workbook = open_workbook(content)
    except WorkbookRefused as refused:
        raise FormFileError([CellError(_("(berkas)"), None, "", str(refused))]) from refused
    if SHEET not in workbook.sheetnames:
        raise FormFileError(
            [
                CellError(
                    SHEET,
                    None,
                    "",
                    _("Sheet %(sheet)s tidak ada. Pakai berkas yang diunduh dari aplikasi.")
                    % {"sheet": SHEET},
                )
            ]
        )
    try:
        reader = _Reader(form, workbook[SHEET])
        rows = reader.read()
    finally:
        workbook.close()
    if reader.errors:
        raise FormFileError(reader.errors)
    return rows


def read_form_values(form: FormRkt, values: list[dict]) -> list[FormRktRow]:
    """Rows given as plain values, one dict per row keyed by the COLUMNS names (the API's JSON).

    Checked exactly as the rows of an uploaded file; FormFileError lists every
    problem, its `row` being the row's 1-based position in `values`.
    """
    reader = _Reader(form, None)
    names = [name for name, _header, _width in COLUMNS if name != "no"]
    rows = []
    for number, item in enumerate(values, start=1):
        row = reader.row(number, {name: item.get(name) for name in names})
        if row is not None:
            rows.append(row)
    if reader.errors:
        raise FormFileError(reader.errors)
    return rows


class _Reader:
    def __init__(self, form: FormRkt, ws: Worksheet | None):
        self.form = form
        self.ws = ws
        self.errors: list[CellError] = []
        kegiatan = list(unit_kegiatan(form))
        self.lookups = _Lookups(
            kegiatan={k.code: k for k in kegiatan},
            sub_kegiatan={
                s.code: s
                for k in kegiatan
                for s in k.sub_kegiatan.all()
                if s.unit_id == form.unit_id
            },
            indicators={i.pk: i for i in renstra_indicators_of(form)},
        )

    def error(self, row: int | None, field: str, message: str) -> None:
        self.errors.append(CellError(SHEET, row, LETTER.get(field, ""), message))

    def read(self) -> list[FormRktRow]:
        try:
            sheet = self.scan()
        except TooManyRows as too_many:
            self.error(None, "", too_many.message())
            return []
        if not self.header_ok(sheet[0][1] if sheet else (None,) * len(COLUMNS)):
            return []
        with_formula = self.rows_with_formulas(sheet)
        names = [name for name, _header, _width in COLUMNS]
        rows = []
        for number, cells, _formulas in sheet[1:]:
            values = dict(zip(names, cells, strict=True))
            if number in with_formula or all(_blank(values[n]) for n in names if n != "no"):
                continue
            row = self.row(number, values)
            if row is not None:
                rows.append(row)
        if not rows and not self.errors:
            self.error(None, "", _("Sheet Form RKT tidak berisi baris data."))
        self.errors.sort(key=lambda e: (e.row or 0, len(e.column), e.column))
        return rows

    def scan(self) -> list[tuple[int, tuple, tuple]]:
        """(row number, values, formula columns) of every row, streamed up to MAX_ROWS."""
        try:
            return list(sheet_rows(self.ws, max_rows=MAX_ROWS, max_col=len(COLUMNS)))
        except WorkbookRefused as refused:
            raise FormFileError([CellError(_("(berkas)"), None, "", str(refused))]) from refused

    def header_ok(self, header: tuple) -> bool:
        ok = True
        for (name, expected, _width), found in zip(COLUMNS, header, strict=True):
            if " ".join(str(found or "").split()).casefold() != expected.casefold():
                ok = False
                self.error(
                    1,
                    name,
                    _("Judul kolom harus \u201c%(expected)s\u201d, tertulis \u201c%(found)s\u201d.")
                    % {"expected": expected, "found": found or ""},
                )
        return ok

    def rows_with_formulas(self, sheet: list[tuple[int, tuple, tuple]]) -> set[int]:
        """Refuse every formula (a value is expected); the numbers of the rows holding one."""
        found = set()
        for number, _values, formulas in sheet:
            for column in formulas:
                found.add(number)
                self.errors.append(
                    CellError(
                        SHEET,
                        number,
                        get_column_letter(column),
                        _("Sel berisi rumus; isi dengan nilai, bukan rumus."),
                    )
                )
        return found

    def row(self, number: int, values: dict) -> FormRktRow | None:
        errors_before = len(self.errors)
        row = FormRktRow(form=self.form)
        self.place(number, row, _text(values["kegiatan"]), _text(values["sub_kegiatan"]))
        for name in ("sasaran_kegiatan", "indikator", "satuan", "justifikasi"):
            setattr(row, name, _text(values[name]))
        row.satuan = row.satuan[:50]
        row.target = _target(values["target"])[:100]
        row.anggaran = self.amount(number, values["anggaran"])
        row.renstra_indikator = self.indicator(number, values["renstra_indikator"])
        if len(self.errors) > errors_before:
            return None
        for problem in row_problems(row):
            self.error(number, problem.field, problem.message)
        return row

    def place(self, number: int, row: FormRktRow, kegiatan_code: str, sub_code: str) -> None:
        kegiatan = self.lookups.kegiatan.get(kegiatan_code)
        if not kegiatan_code:
            self.error(number, "kegiatan", _("Kode kegiatan wajib diisi."))
            return
        if kegiatan is None:
            self.error(
                number,
                "kegiatan",
                _("Kode kegiatan %(code)s bukan kegiatan unit ini dalam Renstra.")
                % {"code": kegiatan_code},
            )
            return
        row.kegiatan = kegiatan
        if not sub_code:
            if kegiatan.unit_id != self.form.unit_id:
                self.error(
                    number,
                    "sub_kegiatan",
                    _("Kegiatan %(code)s milik unit lain: isi kode sub kegiatan unit ini.")
                    % {"code": kegiatan_code},
                )
            return
        sub = self.lookups.sub_kegiatan.get(sub_code)
        if sub is None or sub.kegiatan_id != kegiatan.pk:
            self.error(
                number,
                "sub_kegiatan",
                _(
                    "Kode sub kegiatan %(code)s bukan sub kegiatan unit ini di bawah kegiatan "
                    "%(kegiatan)s."
                )
                % {"code": sub_code, "kegiatan": kegiatan_code},
            )
            return
        row.sub_kegiatan = sub

    def amount(self, number: int, value) -> Decimal:
        if _blank(value):
            return Decimal(0)
        if isinstance(value, bool):
            amount = None
        elif isinstance(value, int | float | Decimal):
            try:
                amount = Decimal(str(value))
            except InvalidOperation:
                amount = None
        else:
            amount = parse_number(str(value))
        if amount is None or abs(amount) >= Decimal(10) ** 16:
            self.error(
                number,
                "anggaran",
                _("Anggaran harus angka rupiah, bukan \u201c%(text)s\u201d.") % {"text": value},
            )
            return Decimal(0)
        return amount.quantize(Decimal("0.01"))

    def indicator(self, number: int, value):
        if _blank(value):
            return None
        try:
            pk = int(str(value).strip().removesuffix(".0"))
        except ValueError:
            pk = None
        indikator = self.lookups.indicators.get(pk)
        if indikator is None:
            self.error(
                number,
                "renstra_indikator",
                _(
                    "ID Indikator Renstra %(id)s bukan indikator unit ini; kosongkan untuk "
                    "indikator tambahan."
                )
                % {"id": value},
            )
        return indikator


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _target(value) -> str:
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return format_number(Decimal(str(value)))
    return _text(value)
