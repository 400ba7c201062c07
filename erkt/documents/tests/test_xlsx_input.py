"""Opening an uploaded workbook: ZIP bombs and odd archives are refused before unpacking."""

from __future__ import annotations

import tracemalloc
import zipfile
from datetime import date, datetime, time, timedelta
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from erkt.documents.tests.xlsx_helpers import (
    SHEET_HEAD,
    SHEET_TAIL,
    bomb,
    long_sheet,
    sheet_part,
    small_workbook,
    with_part,
)
from erkt.documents.xlsx_input import TooManyRows, WorkbookRefused, open_workbook, sheet_rows

TOO_LARGE = (
    "Isi berkas Excel terlalu besar setelah dibuka (paling besar 64 MB); berkas ditolak. "
    "Pakai template dari aplikasi dan isi hanya datanya."
)


def refusal(content: bytes) -> str:
    with pytest.raises(WorkbookRefused) as refused:
        open_workbook(content)
    return str(refused.value)


def with_entries(content: bytes, entries: dict[str, bytes]) -> bytes:
    buffer = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(content)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        for name, data in entries.items():
            target.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_anything_unpacks():
    content = bomb(small_workbook(), "Data", megabytes=200)
    assert len(content) < 1024 * 1024
    tracemalloc.start()
    try:
        message = refusal(content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == TOO_LARGE
    assert peak < 5 * 1024 * 1024


def test_a_part_packed_implausibly_well_is_refused_even_under_the_size_limits():
    assert refusal(bomb(small_workbook(), "Data", megabytes=8)) == TOO_LARGE


def test_a_workbook_over_the_total_unpacked_size_is_refused(settings):
    settings.XLSX_MAX_UNCOMPRESSED_BYTES = 10_000
    message = refusal(small_workbook())
    assert message.startswith("Isi berkas Excel terlalu besar setelah dibuka (paling besar 0 MB)")


def test_a_workbook_of_too_many_parts_is_refused():
    parts = {f"xl/media/image{n}.png": b"x" for n in range(300)}
    message = refusal(with_entries(small_workbook(), parts))
    assert message == "Berkas Excel berisi terlalu banyak bagian (309; paling banyak 256)."


@pytest.mark.parametrize(
    "name",
    ["../../etc/cron.d/x", "/xl/abs.xml", "xl\\worksheets\\x.xml", "xl/embeddings/inner.zip"],
)
def test_a_workbook_with_an_odd_part_is_refused(name):
    message = refusal(with_entries(small_workbook(), {name: b"x"}))
    assert message == f"Berkas Excel berisi bagian yang tidak wajar ({name})."


def test_a_workbook_with_a_part_given_twice_is_refused():
    with pytest.warns(UserWarning, match="Duplicate name"):
        content = with_entries(small_workbook(), {"xl/workbook.xml": b"<x/>"})
    assert refusal(content) == "Berkas Excel berisi bagian yang tidak wajar (xl/workbook.xml)."


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 broken", b"%PDF-1.7"])
def test_a_file_that_is_no_archive_is_not_a_workbook(content):
    assert refusal(content) == "Berkas bukan berkas Excel .xlsx yang sah."


def test_a_legal_workbook_opens_read_only_and_streams_its_rows():
    workbook = open_workbook(small_workbook())
    assert workbook.read_only
    rows = list(sheet_rows(workbook["Data"], max_rows=2, max_col=3))
    assert rows == [(1, ("Kode", "Nama", None), ()), (2, ("T1", "Tujuan", None), ())]


def test_reading_stops_at_the_row_limit_without_reading_the_rest():
    content = long_sheet(small_workbook(), "Data", ["Kode"], rows=20_000, broken_end=True)
    with pytest.raises(TooManyRows) as too_many:
        list(sheet_rows(open_workbook(content)["Data"], max_rows=1000, max_col=1))
    assert too_many.value.message() == "Sheet terlalu panjang (lebih dari 1000 baris)."
    # Read to its end, the same sheet is broken: the limit stopped the reading before it.
    with pytest.raises(WorkbookRefused):
        list(sheet_rows(open_workbook(content)["Data"], max_rows=100_000, max_col=1))


# One row per kind of cell; RowParser reads the common kinds itself, the rest through
# openpyxl's parse_cell. Row 9 has no coordinates, row 11 comes before row 10.
EVERY_KIND_OF_CELL = (
    '<row r="1"><c r="A1"><v>7</v></c><c r="B1"><v>1.5</v></c><c r="C1"><v>2E3</v></c>'
    '<c r="D1" s="0"><v>-4</v></c><c r="E1"><v></v></c><c r="F1" s="0"/></row>'
    '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c>'
    '<c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="str"><v>hasil</v></c>'
    '<c r="E2" t="str"><v></v></c><c r="F2" t="d"><v>2025-01-02T00:00:00</v></c></row>'
    '<row r="3"><c r="A3" t="inlineStr"><is><t>satu  dua</t></is></c>'
    '<c r="B3" t="inlineStr"><is><t/></is></c><c r="C3" t="inlineStr"><is/></c>'
    '<c r="D3" t="inlineStr"/><c r="E3" t="inlineStr"><v>7</v></c>'
    '<c r="F3" t="inlineStr"><is><r><t>ka</t></r><r><rPr><b/></rPr><t>ya</t></r></is></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>'
    '<c r="B4"><f>SUM(A1:A2)</f><v>8</v></c><c r="C4"><f t="shared" ref="C4:C5" si="0">A1*2</f>'
    '<v>14</v></c><c r="D4" t="str"><f>"a"</f><v>a</v></c><c r="H4"><f>1+1</f></c></row>'
    '<row r="5"><c r="C5"><f t="shared" si="0"/></c><c r="a5"><v>1</v></c>'
    '<c r="AA5"><v>9</v></c></row>'
    '<row r="7.0"><c r="A7"><v>7</v></c><c r="B7"><v>1</v><v>2</v></c></row>'
    '<row><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c><c r="E8"><v>5</v></c>'
    "<c><v>6</v></c></row>"
    '<row r="11"><c r="A11"><v>11</v></c></row><row r="10"><c r="A10"><v>10</v></c></row>'
)


def typed(rows: list[tuple]) -> list[tuple]:
    """The rows with each value's type: True and 1, 1 and 1.0 are different cells."""
    return [tuple((type(value), value) for value in row) for row in rows]


def test_the_rows_hold_what_openpyxl_reads_for_every_kind_of_cell():
    content = small_workbook()
    sheet = SHEET_HEAD + EVERY_KIND_OF_CELL.encode() + SHEET_TAIL
    content = with_part(content, sheet_part(content, "Data"), [sheet])
    expected = list(
        load_workbook(BytesIO(content), read_only=True)["Data"].iter_rows(
            max_col=6, values_only=True
        )
    )
    rows = list(sheet_rows(open_workbook(content)["Data"], max_rows=100, max_col=6))
    assert typed([values for _number, values, _formulas in rows]) == typed(expected)
    assert [number for number, _values, _formulas in rows] == list(range(1, 12))
    assert rows[2][1][:3] == ("satu  dua", "", "")
    assert rows[3][1][1:4] == ("=SUM(A1:A2)", "=A1*2", '="a"')
    assert rows[4][1][2] == "=A2*2"
    assert [formulas for _number, _values, formulas in rows if formulas] == [(2, 3, 4, 8), (3,)]
    assert rows[1][1][5] == datetime(2025, 1, 2)


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A1" t="s"><v>5</v></c>',  # a shared string that is not there
        '<c r="Z1" t="b"><v>x</v></c>',  # beyond the columns read, still a cell
        '<c r="A1"><v>satu</v></c>',
        '<c r="1A"><v>1</v></c>',
        '<c r="A1x"><v>1</v></c>',
        '<c r="A1" s="x"><v>1</v></c>',
    ],
)
def test_a_malformed_cell_refuses_the_workbook(cell):
    content = small_workbook()
    sheet = SHEET_HEAD + f'<row r="1">{cell}</row>'.encode() + SHEET_TAIL
    content = with_part(content, sheet_part(content, "Data"), [sheet])
    with pytest.raises(WorkbookRefused):
        list(sheet_rows(open_workbook(content)["Data"], max_rows=100, max_col=3))


def test_numbers_formatted_as_dates_are_read_as_openpyxl_reads_them():
    workbook = Workbook()
    workbook.active.title = "Data"
    workbook.active.append(
        [date(2025, 1, 2), datetime(2025, 1, 2, 3, 4), time(1, 2), timedelta(hours=5), 3]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    expected = next(
        load_workbook(BytesIO(buffer.getvalue()), read_only=True)["Data"].iter_rows(
            values_only=True
        )
    )
    rows = list(sheet_rows(open_workbook(buffer.getvalue())["Data"], max_rows=5, max_col=5))
    assert typed([rows[0][1]]) == typed([expected]) and rows[0][::2] == (1, ())
    assert expected[0] == datetime(2025, 1, 2) and expected[3] == timedelta(hours=5)
