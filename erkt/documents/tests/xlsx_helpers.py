"""Crafted .xlsx files for the upload limits: ZIP bombs and over-long sheets."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook, load_workbook

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
)
SHEET_TAIL = b"</sheetData></worksheet>"
CHUNK = b"<c><v>1</v></c>" * 65536  # about 1 MB


def sheet_part(content: bytes, title: str) -> str:
    """The name of the ZIP part holding the sheet `title` (openpyxl's layout)."""
    index = load_workbook(BytesIO(content), read_only=True).sheetnames.index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def with_part(content: bytes, name: str, chunks: Iterable[bytes]) -> bytes:
    """The archive `content` with the part `name` replaced by `chunks`, written streamed."""
    buffer = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if entry.filename != name:
                target.writestr(entry, source.read(entry))
        with target.open(name, "w", force_zip64=True) as part:
            for chunk in chunks:
                part.write(chunk)
    return buffer.getvalue()


def bomb(content: bytes, sheet: str, megabytes: int = 200) -> bytes:
    """`content` whose `sheet` is one row of `megabytes` MB of repeated cells."""

    def chunks():
        yield SHEET_HEAD + b'<row r="2">'
        for _ in range(megabytes):
            yield CHUNK
        yield b"</row>" + SHEET_TAIL

    return with_part(content, sheet_part(content, sheet), chunks())


def long_sheet(
    content: bytes, sheet: str, header: list[str], rows: int, *, broken_end: bool = False
) -> bytes:
    """`content` whose `sheet` holds `header` and then `rows` rows of one cell each.

    With `broken_end` the sheet's XML stops in the middle of a tag after those rows: a
    reader that stops at its row limit never meets it, one that reads everything fails.
    """

    def chunks():
        cells = "".join(f'<c t="inlineStr"><is><t>{text}</t></is></c>' for text in header)
        yield SHEET_HEAD + f'<row r="1">{cells}</row>'.encode()
        for number in range(2, rows + 2):
            yield f'<row r="{number}"><c><v>{number}</v></c></row>'.encode()
        yield b'<row r="0"><c t="broken' if broken_end else SHEET_TAIL

    return with_part(content, sheet_part(content, sheet), chunks())


def small_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.title = "Data"
    workbook.active.append(["Kode", "Nama"])
    workbook.active.append(["T1", "Tujuan"])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
