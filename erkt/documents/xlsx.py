"""XLSX building blocks (openpyxl) that never let a cell become a formula.

A spreadsheet opened in Excel runs a cell starting with = + - @ as a formula (CSV/DDE
injection); text from users (uraian, indikator, names) is therefore written as text.
"""

from __future__ import annotations

import io
import math
import textwrap
import zipfile
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.writer.excel import ExcelWriter

from erkt.documents import metadata

FORMULA_PREFIXES = ("=", "+", "-", "@")
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")


def is_dangerous(text: str) -> bool:
    return text.lstrip(" \t\r\n").startswith(FORMULA_PREFIXES) or text[:1] in ("\t", "\r")


def set_value(cell, value) -> None:
    """Write `value`; a string a spreadsheet would run stays text, shown as typed
    (stored as a string with Excel's quote prefix, like a user typing '=...)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = TYPE_STRING
        if value and is_dangerous(value):
            cell.quotePrefix = True


def new_workbook(title: str = "Dokumen"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    return workbook, sheet


def write_row(
    sheet,
    row_idx: int,
    values: Sequence,
    *,
    bold: bool = False,
    header: bool = False,
    border: bool = True,
    wrap: bool | None = None,
    number_format: str = "#,##0",
) -> None:
    """Write one row. Table cells (bordered) wrap their text; free lines such as titles and
    the signature block (`border=False`) run on across the empty cells to their right."""
    wrap = border if wrap is None else wrap
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row_idx, column=col)
        set_value(cell, value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            cell.number_format = number_format
        cell.alignment = Alignment(wrap_text=wrap, vertical="top")
        if bold or header:
            cell.font = Font(bold=True)
        if header:
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        if border:
            cell.border = BORDER


LINE_HEIGHT = 15  # points, for the default 11 pt font


def fit_row_heights(sheet) -> None:
    """Give rows with wrapped text the height of their longest cell. Spreadsheet programs
    do not always grow a row on opening (LibreOffice keeps the default height), and a
    wrapped indicator would then hide behind the next row."""
    for row in sheet.iter_rows():
        lines = max((_lines(sheet, cell) for cell in row), default=1)
        index = row[0].row
        if lines > 1 and sheet.row_dimensions[index].height is None:
            sheet.row_dimensions[index].height = LINE_HEIGHT * lines


def _lines(sheet, cell) -> int:
    if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
        return 1
    width = sheet.column_dimensions[cell.column_letter].width or 8.43
    per_line = max(1, int(width))
    # Wrapped at word boundaries as the spreadsheet wraps them (a word never splits).
    return sum(
        max(1, len(textwrap.wrap(part, per_line)), math.ceil(len(part) / per_line))
        for part in cell.value.split("\n")
    )


def print_setup(sheet, *, title_rows: str | None = None) -> None:
    """Landscape A4, every column on the page's width, header rows repeated."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows


def describe(workbook, *, title: str, snapshot: dict) -> None:
    """Title, organisation (creator), language and the snapshot's date as the workbook's
    properties, instead of openpyxl's defaults (creator "openpyxl", the clock's time)."""
    properties = workbook.properties
    organisation = metadata.organisation(snapshot)
    when = metadata.issued_at(snapshot).replace(tzinfo=None)
    properties.title = title
    properties.creator = properties.lastModifiedBy = organisation
    properties.category = organisation
    properties.language = metadata.LANGUAGE
    properties.created = properties.modified = when


def to_bytes(workbook, *, title: str = "", snapshot: dict | None = None) -> bytes:
    if snapshot is not None:
        describe(workbook, title=title, snapshot=snapshot)
    for sheet in workbook.worksheets:
        fit_row_heights(sheet)
    buffer = io.BytesIO()
    # ExcelWriter, not workbook.save(): save() stamps "modified" with the clock's time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def append_heading(ws, text: str) -> None:
    """A blank row, then `text` in bold 12 pt: a section of an instructions sheet."""
    ws.append([])
    ws.append([text])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=12)
