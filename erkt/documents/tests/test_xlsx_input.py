"""Opening an uploaded workbook: ZIP bombs and odd archives are refused before unpacking."""

from __future__ import annotations

import tracemalloc
import zipfile
from io import BytesIO

import pytest

from erkt.documents.tests.xlsx_helpers import bomb, long_sheet, small_workbook
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
