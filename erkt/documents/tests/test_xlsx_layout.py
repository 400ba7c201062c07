import io

from openpyxl import load_workbook

from erkt.documents import xlsx


def _reopened(workbook):
    return load_workbook(io.BytesIO(xlsx.to_bytes(workbook))).active


def test_a_long_wrapped_cell_gets_a_row_tall_enough_to_show_it():
    workbook, sheet = xlsx.new_workbook("Uji")
    sheet.column_dimensions["B"].width = 20
    xlsx.write_row(sheet, 1, ["1", "Jumlah Dokumen Hasil Pelaksanaan Mutasi Jabatan " * 3])
    xlsx.write_row(sheet, 2, ["2", "Pendek"])
    sheet = _reopened(workbook)
    assert sheet.row_dimensions[1].height >= 5 * xlsx.LINE_HEIGHT
    assert sheet.row_dimensions[2].height is None


def test_a_title_line_runs_on_instead_of_wrapping_in_its_narrow_column():
    workbook, sheet = xlsx.new_workbook("Uji")
    sheet.column_dimensions["A"].width = 5
    xlsx.write_row(sheet, 1, ["RENCANA KINERJA TAHUNAN (RKT) TAHUN 2027"], border=False)
    sheet = _reopened(workbook)
    assert not sheet["A1"].alignment.wrap_text
    assert sheet.row_dimensions[1].height is None
