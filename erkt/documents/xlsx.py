"""XLSX building blocks (openpyxl) that never let a cell become a formula.

A spreadsheet opened in Excel runs a cell starting with = + - @ as a formula (CSV/DDE
injection); text from users (uraian, indikator, names) is therefore written as text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

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
    number_format: str = "#,##0",
) -> None:
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row_idx, column=col)
        set_value(cell, value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            cell.number_format = number_format
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold or header:
            cell.font = Font(bold=True)
        if header:
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        if border:
            cell.border = BORDER


def to_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
