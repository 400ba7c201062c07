"""Opening an uploaded .xlsx without letting it take the server's memory or time.

An xlsx is a ZIP archive of XML parts. The upload limit counts compressed bytes, so a
small file can unpack into gigabytes (a "ZIP bomb": 1.5 MB held 3.25 GB for 38 s).
`open_workbook` therefore reads the archive's directory first and refuses a workbook
whose parts are too many, too large once unpacked, compressed implausibly well, or
oddly named; only then does openpyxl open it, in read-only (streaming) mode.
`sheet_rows` streams a sheet's rows and stops at the row limit while reading.

Every refusal is a `WorkbookRefused` whose message (Bahasa Indonesia) is shown as is.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import INLINE_STRING as INLINE_STRING_TAG
from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser, _cast_number
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

# Defaults; each can be set in the settings under the same name.
XLSX_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024  # all parts together, once unpacked
XLSX_MAX_PART_BYTES = 32 * 1024 * 1024  # one part (a sheet, the shared strings)
XLSX_MAX_PARTS = 256
XLSX_MAX_RATIO = 100  # unpacked / packed size of a part larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
ARCHIVE_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".docx", ".pptx", ".jar", ".gz", ".7z", ".rar")


class WorkbookRefused(Exception):
    """The upload is not a workbook that may be opened; str(error) says why, for the user."""


def limit(name: str) -> int:
    return getattr(settings, name, globals()[name])


def check_archive(content: bytes) -> None:
    """Refuse an archive that would unpack into too much, before anything unpacks it."""
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise WorkbookRefused(not_a_workbook()) from error
    if len(entries) > limit("XLSX_MAX_PARTS"):
        raise WorkbookRefused(
            _("Berkas Excel berisi terlalu banyak bagian (%(n)s; paling banyak %(max)s).")
            % {"n": len(entries), "max": limit("XLSX_MAX_PARTS")}
        )
    names = set()
    for entry in entries:
        if odd_entry(entry) or entry.filename in names:
            raise WorkbookRefused(
                _("Berkas Excel berisi bagian yang tidak wajar (%(name)s).")
                % {"name": entry.filename[:80]}
            )
        names.add(entry.filename)
        if entry.file_size > limit("XLSX_MAX_PART_BYTES") or (
            entry.file_size > RATIO_FLOOR
            and entry.file_size > limit("XLSX_MAX_RATIO") * max(entry.compress_size, 1)
        ):
            raise too_large()
    if sum(entry.file_size for entry in entries) > limit("XLSX_MAX_UNCOMPRESSED_BYTES"):
        raise too_large()


def odd_entry(entry: zipfile.ZipInfo) -> bool:
    """Encrypted, unusually compressed, a path leaving the archive, or an archive inside."""
    name = entry.filename
    return (
        bool(entry.flag_bits & 0x1)
        or entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        or name.startswith(("/", "\\"))
        or "\\" in name
        or "\x00" in name
        or ".." in name.split("/")
        or name.casefold().endswith(ARCHIVE_SUFFIXES)
    )


def too_large() -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "Isi berkas Excel terlalu besar setelah dibuka (paling besar %(mb)s MB); berkas "
            "ditolak. Pakai template dari aplikasi dan isi hanya datanya."
        )
        % {"mb": limit("XLSX_MAX_UNCOMPRESSED_BYTES") // (1024 * 1024)}
    )


def not_a_workbook() -> str:
    return _("Berkas bukan berkas Excel .xlsx yang sah.")


def open_workbook(content: bytes) -> Workbook:
    """The checked workbook, opened read-only (formulas kept as formulas); close it after use."""
    check_archive(content)
    try:
        return load_workbook(BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # a malformed upload fails in many ways inside openpyxl
        raise WorkbookRefused(not_a_workbook()) from error


DIMENSION_TAG = f"{{{SHEET_MAIN_NS}}}dimension"
SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"


def _dimensions_from_the_head(self: ReadOnlyWorksheet) -> None:
    """ReadOnlyWorksheet._get_size, reading only what precedes the cells.

    openpyxl looks for a sheet's <dimension> while opening a read-only workbook; when a
    sheet has none it parses the whole sheet into an element tree, every cell kept (a
    crafted sheet of repeated cells took gigabytes before the first row was read). The
    schema puts <dimension> before <sheetData>, so stopping there finds the same one.
    """
    with self._get_source() as source:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == SHEET_DATA_TAG:
                return
            if element.tag == DIMENSION_TAG:
                ref = element.get("ref")
                if ref:
                    bounds = range_boundaries(ref)
                    self._min_column, self._min_row, self._max_column, self._max_row = bounds
                return


ReadOnlyWorksheet._get_size = _dimensions_from_the_head


class TooManyRows(Exception):
    def __init__(self, max_rows: int):
        super().__init__(max_rows)
        self.max_rows = max_rows

    def message(self) -> str:
        return _("Sheet terlalu panjang (lebih dari %(n)s baris).") % {"n": self.max_rows}


def sheet_rows(
    ws: ReadOnlyWorksheet, *, max_rows: int, max_col: int
) -> Iterator[tuple[int, tuple, tuple[int, ...]]]:
    """(row number, values, formula columns) of every row from row 1, streamed.

    `values` holds exactly `max_col` values (None where a cell is empty or missing);
    `formula columns` the numbers of the row's cells holding a formula, in any column.
    Rows missing from the file come as empty rows. TooManyRows as soon as a row past
    `max_rows` is met; the sheet's declared dimension is not trusted. The cells are
    read with openpyxl's own sheet parser (`RowParser`), without a cell object per cell.
    """
    try:
        with ws._get_source() as source:
            parser = RowParser(source, ws, width=max_col)
            empty = (None,) * max_col
            expected = 1
            for number, values, formulas in parser.parse():
                if number > max_rows:
                    raise TooManyRows(max_rows)
                if number < expected:
                    continue  # rows out of order: openpyxl skips them too
                for missing in range(expected, number):
                    yield missing, empty, ()
                expected = number + 1
                yield number, values, formulas
    except (TooManyRows, GeneratorExit):
        raise
    except Exception as error:  # malformed sheet XML, or a part failing its CRC
        raise WorkbookRefused(not_a_workbook()) from error


TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
COLUMN_LETTERS = re.compile(r"[^0-9]*")


class RowParser(WorkSheetParser):
    """openpyxl's sheet parser whose rows are (number, values, formula columns).

    openpyxl makes a dict per cell (WorkSheetParser.parse_cell) and reads an inline
    string through its rich-text object model; that was half of reading a Renstra
    file. The cells of the common kinds (a number without a date format, a shared,
    inline or formula-result string, a boolean, an error, an empty cell) are read here
    with the same result; every other cell (a formula, a date, rich text, no
    coordinate...) goes to parse_cell itself.
    """

    def __init__(self, source, ws: ReadOnlyWorksheet, *, width: int):
        super().__init__(
            source,
            ws._shared_strings,
            data_only=False,
            epoch=ws.parent.epoch,
            date_formats=ws.parent._date_formats,
            timedelta_formats=ws.parent._timedelta_formats,
        )
        self.width = width

    def parse_row(self, row) -> tuple[int, tuple, tuple[int, ...]]:
        number = row.get("r")
        if number is None:
            self.row_counter += 1
        else:
            self.row_counter = _row_number(number)
        width = self.width
        values = [None] * width
        formulas = []
        column = 0
        for element in row:
            value, column = self.cell(element, column)
            if value is _FORMULA:
                formulas.append(column)
                value = self.formula_value
            if column <= width:
                values[column - 1] = value
        self.col_counter = column
        return self.row_counter, tuple(values), tuple(formulas)

    def cell(self, element, column: int) -> tuple:
        """(value, column number) of a <c> element; `column` is the previous cell's."""
        get = element.get
        kind = get("t", "n")
        style = get("s")
        if style:
            style = int(style)  # as parse_cell does, also for the cells read there
        size = len(element)
        if size > 1:
            return self.slow(element, column)  # a formula and its value, anything unusual
        child = element[0] if size else None
        if size == 0 or (child.tag == VALUE_TAG and kind != "inlineStr"):
            text = child.text if size else None
            if (text and kind == "n" and style in self.date_formats) or kind == "d":
                return self.slow(element, column)
        elif child.tag == INLINE_STRING_TAG and kind == "inlineStr" and not child.attrib:
            inline = len(child)
            if inline > 1 or (inline == 1 and child[0].tag != TEXT_TAG):
                return self.slow(element, column)  # rich text
            text = (child[0].text if inline else None) or ""
            kind = "inline"
        else:
            return self.slow(element, column)  # a formula, anything unusual
        # openpyxl's coordinate_to_tuple: letters up to the first digit, then the row.
        coordinate = get("r") or ""
        letters = COLUMN_LETTERS.match(coordinate).group()
        row = coordinate[len(letters) :]
        if not row:
            return self.slow(element, column)  # no coordinate, or an odd one
        int(row)
        column = column_index_from_string(letters)
        if not text:
            return (text if kind == "inline" else None), column
        if kind == "n":
            return _cast_number(text), column
        if kind == "s":
            return self.shared_strings[int(text)], column
        if kind == "b":
            return bool(int(text)), column
        return text, column  # an inline string; "str" (a formula's result), "e" as written

    def slow(self, element, column: int) -> tuple:
        self.col_counter = column
        cell = self.parse_cell(element)
        if cell["data_type"] == "f":
            self.formula_value = cell["value"]
            return _FORMULA, cell["column"]
        return cell["value"], cell["column"]


_FORMULA = object()


def _row_number(text: str) -> int:
    """A <row r="..."> as openpyxl's parse_row reads it."""
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if number.is_integer():
            return int(number)
        raise ValueError(f"{text} is not a valid row number") from None


def blank_cell(value) -> bool:
    """An empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str:
    """A cell as the text a person typed: whole numbers without ".0", dates in ISO
    form, runs of spaces and line breaks as one space."""
    if blank_cell(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return " ".join(str(value).split())


def header_problems(expected: list[str], found: tuple) -> list[tuple[str, str]]:
    """(column letter, message) for each header cell of row 1 that is not the expected
    title (spaces and case aside)."""
    problems = []
    for index, (title, cell) in enumerate(zip(expected, found, strict=True), start=1):
        if " ".join(str(cell or "").split()).casefold() != title.casefold():
            message = _(
                "Judul kolom harus \u201c%(expected)s\u201d, tertulis \u201c%(found)s\u201d."
            ) % {"expected": title, "found": cell or ""}
            problems.append((get_column_letter(index), message))
    return problems
