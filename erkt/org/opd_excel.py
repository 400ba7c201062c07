"""Bringing in an OPD: the organisation-structure workbook, its template and its import.

Sheets: Petunjuk (how to fill), Organisasi (one row), Unit, Jabatan, Pegawai. The import
reads every sheet (streamed, size-limited: erkt.documents.xlsx_input), checks every rule
(erkt.org.opd_rules) and writes all or nothing (erkt.org.opd_import); each problem is a
CellError naming the sheet, row and column letter, in Bahasa Indonesia.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
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
from erkt.org.models import Pangkat, Role, UnitKind

PETUNJUK = "Petunjuk"
ORGANISASI, UNIT, JABATAN, PEGAWAI = "Organisasi", "Unit", "Jabatan", "Pegawai"
DATA_SHEETS = (ORGANISASI, UNIT, JABATAN, PEGAWAI)
MAX_ROWS = 2000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@")
TEXT, FLAG, DIGITS = "text", "flag", "digits"
YES, NO = "Ya", "Tidak"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = TEXT
    required: bool = True
    width: int = 18
    note: str = ""
    choices: str = ""  # a data validation list: "a,b,c" or a range "Unit!$A$2:$A$2000"


@dataclass(frozen=True)
class CellError:
    """One problem where the user finds it: sheet, row and column (letter) of the file."""

    sheet: str
    row: int | None
    column: str
    message: str


class OpdFileError(Exception):
    def __init__(self, errors: list[CellError]):
        super().__init__(f"{len(errors)} kesalahan")
        self.errors = errors


def role_labels() -> dict[str, str]:
    """Role value -> the Indonesian label used in the file (whatever the UI language)."""
    with translation.override("id"):
        return {value: str(label) for value, label in Role.choices}


def kind_labels() -> dict[str, str]:
    with translation.override("id"):
        return {value: str(label) for value, label in UnitKind.choices}


def sheet_columns() -> dict[str, list[Column]]:
    rows = f"$A$2:$A${MAX_ROWS}"
    return {
        ORGANISASI: [
            Column("short_name", "Singkatan", note=_("unik, misalnya DISKOMINFO")),
            Column("name", "Nama Perangkat Daerah", width=50),
            Column("pemerintah_daerah", "Pemerintah Daerah", width=36),
            Column("address", "Alamat", width=60),
            Column("city", "Tempat Penandatanganan", width=20, note=_("misalnya Paringin")),
            Column(
                "time_zone",
                "Zona Waktu",
                required=False,
                note=_("kosong: Asia/Makassar (WITA)"),
                choices="Asia/Jakarta,Asia/Makassar,Asia/Jayapura",
            ),
        ],
        UNIT: [
            Column("code", "Kode Unit", note=_("singkatan unik, misalnya SEKRETARIAT")),
            Column("name", "Nama Unit", width=50),
            Column(
                "kind",
                "Jenis",
                note=_("Sekretariat, Subbagian, Bidang, atau Lainnya"),
                choices=",".join(kind_labels().values()),
            ),
            Column(
                "parent",
                "Kode Unit Induk",
                required=False,
                note=_("kode dari kolom A; kosong untuk unit teratas"),
                choices=f"{UNIT}!{rows}",
            ),
            Column(
                "fills_form_rkt",
                "Mengisi Form RKT",
                FLAG,
                required=False,
                width=12,
                note=_("Ya bila unit mengisi Form RKT (langkah 4 dan 7)"),
                choices=f"{YES},{NO}",
            ),
        ],
        JABATAN: [
            Column("title", "Nama Jabatan", width=50, note=_("unik dalam berkas")),
            Column("unit", "Kode Unit", note=_("kode dari sheet Unit"), choices=f"{UNIT}!{rows}"),
            Column(
                "role",
                "Peran SOP",
                width=22,
                note=_("peran pada SOP Penyusunan RKT"),
                choices=",".join(role_labels().values()),
            ),
            Column(
                "heads_unit",
                "Kepala Unit",
                FLAG,
                required=False,
                width=12,
                note=_("Ya untuk satu jabatan per unit: pimpinan unit itu"),
                choices=f"{YES},{NO}",
            ),
        ],
        PEGAWAI: [
            Column("nip", "NIP", DIGITS, width=22, note=_("18 angka, diisi sebagai teks")),
            Column("nik", "NIK", DIGITS, width=20, note=_("16 angka NIK e-KTP, sebagai teks")),
            Column("name", "Nama", width=30, note=_("tanpa gelar")),
            Column("gelar_depan", "Gelar Depan", required=False, width=12),
            Column("gelar_belakang", "Gelar Belakang", required=False, width=16),
            Column(
                "pangkat",
                "Pangkat/Golongan",
                width=12,
                note=_("golongan ruang, misalnya III/a"),
                choices=",".join(Pangkat.values),
            ),
            Column("email", "E-mail", width=34, note=_("tautan aktivasi dikirim ke sini")),
            Column(
                "phone", "Nomor HP", required=False, note=_("nomor seluler, +62 atau 08 (opsional)")
            ),
            Column(
                "jabatan",
                "Jabatan",
                required=False,
                width=50,
                note=_("nama jabatan dari sheet Jabatan"),
                choices=f"{JABATAN}!{rows}",
            ),
        ],
    }


def column_letter(sheet: str, key: str) -> str:
    keys = [column.key for column in sheet_columns()[sheet]]
    return get_column_letter(keys.index(key) + 1)


# ---------------------------------------------------------------- the data read


@dataclass
class OrganisasiRow:
    row: int
    short_name: str = ""
    name: str = ""
    pemerintah_daerah: str = ""
    address: str = ""
    city: str = ""
    time_zone: str = ""


@dataclass
class UnitRow:
    row: int
    code: str = ""
    name: str = ""
    kind: str = ""
    parent: str = ""
    fills_form_rkt: bool = False


@dataclass
class JabatanRow:
    row: int
    title: str = ""
    unit: str = ""
    role: str = ""
    heads_unit: bool = False


@dataclass
class PegawaiRow:
    row: int
    nip: str = ""
    nik: str = ""
    name: str = ""
    gelar_depan: str = ""
    gelar_belakang: str = ""
    pangkat: str = ""
    email: str = ""
    phone: str = ""
    jabatan: str = ""


@dataclass
class OpdData:
    organisasi: OrganisasiRow
    units: list[UnitRow] = field(default_factory=list)
    jabatan: list[JabatanRow] = field(default_factory=list)
    pegawai: list[PegawaiRow] = field(default_factory=list)


# ---------------------------------------------------------------- template


HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")


def build_workbook(data: OpdData | None = None) -> bytes:
    """The empty template, or `data` written in its layout (the demo file), as xlsx bytes."""
    columns = sheet_columns()
    workbook = Workbook()
    _write_petunjuk(workbook.active, columns)
    for sheet in DATA_SHEETS:
        ws = workbook.create_sheet(sheet)
        ws.append([column.header for column in columns[sheet]])
        for values in _rows_of(sheet, data):
            ws.append(values)
        _format(ws, columns[sheet])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rows_of(sheet: str, data: OpdData | None) -> list[list]:
    if data is None:
        return []
    roles, kinds = role_labels(), kind_labels()
    if sheet == ORGANISASI:
        o = data.organisasi
        return [[o.short_name, o.name, o.pemerintah_daerah, o.address, o.city, o.time_zone]]
    if sheet == UNIT:
        return [
            [u.code, u.name, kinds.get(u.kind, u.kind), u.parent, _yes_no(u.fills_form_rkt)]
            for u in data.units
        ]
    if sheet == JABATAN:
        return [
            [j.title, j.unit, roles.get(j.role, j.role), _yes_no(j.heads_unit)]
            for j in data.jabatan
        ]
    return [
        [
            p.nip,
            p.nik,
            p.name,
            p.gelar_depan,
            p.gelar_belakang,
            p.pangkat,
            p.email,
            p.phone,
            p.jabatan,
        ]
        for p in data.pegawai
    ]


def _yes_no(flag: bool) -> str:
    return YES if flag else NO


def _format(ws: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center")
        required = _("Wajib") if column.required else _("Opsional")
        header.comment = Comment(f"{required}. {column.note}".strip(" ."), "e-RKT")
        ws.column_dimensions[letter].width = column.width
        if column.kind == DIGITS:
            # Text cells: Excel keeps 15 digits of a number, a NIP has 18.
            for row in range(2, MAX_ROWS + 1):
                ws.cell(row=row, column=index).number_format = "@"
        if column.choices:
            source = column.choices if "!" in column.choices else f'"{column.choices}"'
            validation = DataValidation(type="list", formula1=source, allow_blank=True)
            validation.error = _("Pilih salah satu nilai dari daftar.")
            validation.add(f"{letter}2:{letter}{MAX_ROWS}")
            ws.add_data_validation(validation)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                cell.data_type = "s"
                cell.quotePrefix = True
    ws.freeze_panes = "A2"


def _write_petunjuk(ws: Worksheet, columns: dict[str, list[Column]]) -> None:
    ws.title = PETUNJUK
    for letter, width in (("A", 28), ("B", 12), ("C", 90)):
        ws.column_dimensions[letter].width = width
    ws.append([_("Template Struktur Organisasi Perangkat Daerah e-RKT")])
    ws["A1"].font = Font(bold=True, size=14)
    append_heading(ws, _("Cara mengisi"))
    for number, text in enumerate(rules(), start=1):
        ws.append([f"{number}.", "", text])
    append_heading(ws, _("Sheet dan kolom"))
    ws.append([_("Kolom"), _("Wajib"), _("Keterangan")])
    for sheet in DATA_SHEETS:
        ws.append([_("Sheet %(sheet)s") % {"sheet": sheet}])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        for column in columns[sheet]:
            required = _("wajib") if column.required else _("opsional")
            ws.append([column.header, required, column.note])
    append_heading(ws, _("Peran SOP (kolom Peran SOP)"))
    for label in role_labels().values():
        ws.append([label])
    for (cell,) in ws.iter_rows(min_col=3, max_col=3):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def rules() -> list[str]:
    return [
        _(
            "Isi setiap sheet mulai baris 2; jangan mengubah nama sheet atau judul kolom di "
            "baris 1. Isi nilai, bukan rumus."
        ),
        _("Sheet Organisasi berisi tepat satu baris: perangkat daerah yang didaftarkan."),
        _(
            "Setiap unit mempunyai kode unik; unit induk diisi dengan kode unit lain di berkas "
            "yang sama (kosong untuk unit teratas, misalnya Kepala Dinas)."
        ),
        _(
            "Setiap unit mempunyai tepat satu jabatan dengan Kepala Unit = Ya; unit yang mengisi "
            "Form RKT harus mempunyai kepala unit yang diisi pegawai."
        ),
        _(
            "Setiap peran SOP Penyusunan RKT (Kepala, Sekretaris, Kasubbag Perencanaan, Tim "
            "Perencanaan, Kasubbag/Kabid) harus dipegang oleh jabatan yang diisi pegawai; "
            "tepat satu jabatan berperan Kepala Badan."
        ),
        _(
            "NIP (18 angka: tanggal lahir, TMT CPNS, jenis kelamin, nomor urut) dan NIK "
            "(16 angka) diisi sebagai teks; tanggal lahir dan jenis kelamin keduanya harus "
            "cocok. NIP menjadi nama pengguna."
        ),
        _(
            "NIP, NIK, dan e-mail tidak boleh sama dengan baris lain atau dengan pegawai yang "
            "sudah terdaftar."
        ),
        _("Nomor HP (opsional) adalah nomor seluler Indonesia, diawali +62 atau 08."),
        _(
            "Berkas ditolak seluruhnya bila ada satu kesalahan; daftar kesalahan menyebut sheet, "
            "baris, dan kolomnya. Perbaiki lalu unggah lagi."
        ),
        _(
            "Setelah impor, setiap pegawai menerima e-mail berisi tautan aktivasi sekali pakai "
            "untuk membuat kata sandinya sendiri."
        ),
    ]


# ---------------------------------------------------------------- reading


def read_workbook(content: bytes) -> tuple[OpdData | None, list[CellError]]:
    """The file's rows, typed; the errors of reading (layout, formulas, cell types)."""
    try:
        workbook = open_workbook(content)
    except WorkbookRefused as refused:
        return None, [CellError(_("(berkas)"), None, "", str(refused))]
    reader = _Reader(workbook)
    try:
        data = reader.read()
    finally:
        workbook.close()
    return data, reader.errors


class _Reader:
    def __init__(self, workbook):
        self.workbook = workbook
        self.errors: list[CellError] = []
        self.columns = sheet_columns()

    def error(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.errors.append(CellError(sheet, row, column, message))

    def read(self) -> OpdData | None:
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
        rows = {sheet: self.rows(sheet) for sheet in DATA_SHEETS}
        if any(value is None for value in rows.values()):
            return None
        organisasi = rows[ORGANISASI]
        if len(organisasi) != 1:
            self.error(
                ORGANISASI, None, "", _("Sheet Organisasi harus berisi tepat satu baris data.")
            )
            return None
        return OpdData(
            organisasi=OrganisasiRow(**organisasi[0]),
            units=[UnitRow(**r) for r in rows[UNIT]],
            jabatan=[JabatanRow(**r) for r in rows[JABATAN]],
            pegawai=[PegawaiRow(**r) for r in rows[PEGAWAI]],
        )

    def rows(self, sheet: str) -> list[dict] | None:
        columns = self.columns[sheet]
        result: list[dict] = []
        try:
            for number, values, formulas in sheet_rows(
                self.workbook[sheet], max_rows=MAX_ROWS, max_col=len(columns)
            ):
                for column in formulas:
                    self.error(
                        sheet,
                        number,
                        get_column_letter(column),
                        _("Sel berisi rumus; isi dengan nilai, bukan rumus."),
                    )
                if number == 1:
                    if not self.header_ok(sheet, columns, values):
                        return None
                    continue
                if all(blank_cell(value) for value in values):
                    continue
                result.append(self.parse(sheet, number, columns, values))
        except TooManyRows as too_many:
            self.error(sheet, None, "", too_many.message())
            return None
        except WorkbookRefused as refused:
            self.error(_("(berkas)"), None, "", str(refused))
            return None
        if not result and sheet != ORGANISASI:
            self.error(sheet, None, "", _("Sheet %(sheet)s belum diisi.") % {"sheet": sheet})
        return result

    def parse(self, sheet: str, number: int, columns: list[Column], values: tuple) -> dict:
        row: dict = {"row": number}
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            letter = get_column_letter(index)
            try:
                row[column.key] = _PARSERS[column.kind](value)
            except ValueError as error:
                self.error(sheet, number, letter, str(error))
                row[column.key] = False if column.kind == FLAG else ""
                continue
            if column.required and row[column.key] == "":
                self.error(
                    sheet,
                    number,
                    letter,
                    _("Kolom %(column)s wajib diisi.") % {"column": column.header},
                )
        return row

    def header_ok(self, sheet: str, columns: list[Column], header: tuple) -> bool:
        problems = header_problems([column.header for column in columns], header)
        for letter, message in problems:
            self.error(sheet, 1, letter, message)
        return not problems


def _digits(value) -> str:
    """A NIP or NIK: text. A number longer than 15 digits was already rounded by Excel."""
    if isinstance(value, float):
        raise ValueError(
            _(
                "Diisi sebagai angka, sehingga Excel membulatkannya; format sel sebagai Teks "
                "lalu ketik ulang nomornya."
            )
        )
    return cell_text(value)


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).casefold()
    if text in {"", "tidak", "t", "no", "n", "0"}:
        return False
    if text in {"ya", "y", "yes", "1"}:
        return True
    raise ValueError(_("Isi Ya atau Tidak."))


_PARSERS = {TEXT: cell_text, FLAG: _flag, DIGITS: _digits}
