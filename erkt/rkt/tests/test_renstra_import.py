"""Importing a Renstra workbook: a good file is stored whole, a bad one is refused whole."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from erkt.rkt import renstra_data
from erkt.rkt.demo import demo_renstra_data
from erkt.rkt.models import Renstra
from erkt.rkt.renstra_data import RenstraDataError, renstra_data_of, replace_renstra
from erkt.rkt.renstra_excel import RenstraFileError, build_workbook, import_renstra
from erkt.rkt.tests.conftest import row_of, snapshot, spoil
from erkt.rkt.tests.form_fixtures import form_process
from erkt.rkt.unit_forms.models import FormRktRow

pytestmark = pytest.mark.database

__all__ = ["form_process"]


def refused(organization, content: bytes) -> list:
    """The errors of a refused import, after checking that it changed nothing."""
    before = snapshot(organization)
    with pytest.raises(RenstraFileError) as refusal:
        import_renstra(organization, content)
    assert snapshot(organization) == before
    return [(e.sheet, e.row, e.column, e.message) for e in refusal.value.errors]


def test_a_good_file_becomes_the_renstra_of_its_period(demo, demo_xlsx, kasubbag_perencanaan):
    renstra, data = import_renstra(demo, demo_xlsx, by=kasubbag_perencanaan)
    assert (renstra.period_start, renstra.period_end) == (2025, 2029)
    assert renstra.imported_by == kasubbag_perencanaan
    assert renstra_data_of(renstra) == demo_renstra_data()
    assert data.counts()["iku"] == 5


def test_a_good_file_replaces_the_renstra_of_the_same_period(demo, renstra, demo_xlsx):
    def raise_first_target(workbook):
        workbook["Indikator"]["F2"] = 99.5

    new, _data = import_renstra(demo, spoil(demo_xlsx, raise_first_target))
    assert list(Renstra.objects.filter(organization=demo)) == [new]
    first = new.sasaran.get(code="SS1").indikator.first()
    assert first.targets_by_year[2025] == Decimal("99.5")


def test_it_refuses_an_unknown_code(demo, renstra, demo_xlsx):
    def point_to_a_missing_program(workbook):
        ws = workbook["Kegiatan"]
        ws.cell(row_of(ws, "5.03.02.2.02"), 2).value = "5.03.09"

    errors = refused(demo, spoil(demo_xlsx, point_to_a_missing_program))
    row = row_of(_sheet(demo_xlsx, "Kegiatan"), "5.03.02.2.02")
    assert ("Kegiatan", row, "B", "Kode 5.03.09 tidak ada di sheet Program.") in errors


def test_it_refuses_a_sub_kegiatan_outside_the_tree_of_its_kegiatan(demo, renstra, demo_xlsx):
    def move_to_another_kegiatan(workbook):
        ws = workbook["Sub Kegiatan"]
        ws.cell(row_of(ws, "5.03.02.2.02.0001"), 2).value = "5.03.02.2.01"

    errors = refused(demo, spoil(demo_xlsx, move_to_another_kegiatan))
    row = row_of(_sheet(demo_xlsx, "Sub Kegiatan"), "5.03.02.2.02.0001")
    message = "Kode sub kegiatan 5.03.02.2.02.0001 tidak berada di bawah kegiatan 5.03.02.2.01."
    assert ("Sub Kegiatan", row, "A", message) in errors


def test_it_refuses_an_indicator_without_a_target_for_a_year(demo, renstra, demo_xlsx):
    def forget_2027(workbook):
        workbook["Indikator"]["H3"] = None

    errors = refused(demo, spoil(demo_xlsx, forget_2027))
    assert errors == [("Indikator", 3, "H", "Target tahun 2027 wajib diisi.")]


def test_it_refuses_a_duplicate_row(demo, renstra, demo_xlsx):
    def repeat_a_program(workbook):
        ws = workbook["Program"]
        ws.append([cell.value for cell in ws[2]])

    errors = refused(demo, spoil(demo_xlsx, repeat_a_program))
    assert errors == [
        ("Program", 4, "A", "Baris duplikat: kode program 5.03.01 sudah ada di baris 2.")
    ]


def test_it_refuses_text_where_a_number_belongs(demo, renstra, demo_xlsx):
    def write_pagu_in_words(workbook):
        workbook["Sub Kegiatan"]["F2"] = "85 juta"

    errors = refused(demo, spoil(demo_xlsx, write_pagu_in_words))
    assert len(errors) == 1
    sheet, row, column, message = errors[0]
    assert (sheet, row, column) == ("Sub Kegiatan", 2, "F")
    assert message.startswith("Harus berupa angka, bukan teks \u201c85 juta\u201d")


def test_it_refuses_a_workbook_with_a_renamed_sheet(demo, renstra, demo_xlsx):
    def rename(workbook):
        workbook["Program"].title = "Program 2025"

    errors = refused(demo, spoil(demo_xlsx, rename))
    assert len(errors) == 1
    sheet, row, column, message = errors[0]
    assert (sheet, row, column) == ("Program", None, "")
    assert message.startswith("Sheet Program tidak ada (sheet di berkas: Petunjuk, Renstra")


def test_it_refuses_a_sheet_with_a_renamed_column(demo, renstra, demo_xlsx):
    def rename(workbook):
        workbook["Kegiatan"]["D1"] = "Bidang"

    errors = refused(demo, spoil(demo_xlsx, rename))
    assert errors == [
        (
            "Kegiatan",
            1,
            "D",
            "Judul kolom harus \u201cUnit Penanggung Jawab\u201d, tertulis \u201cBidang\u201d.",
        )
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7 not a workbook",
        b"",
        b"Kode;Nama\n5.03.02;Program Kepegawaian Daerah\n",
    ],
    ids=["pdf", "empty", "csv"],
)
def test_it_refuses_a_file_that_is_not_an_xlsx(demo, renstra, content):
    errors = refused(demo, content)
    assert errors == [("(berkas)", None, "", "Berkas bukan berkas Excel .xlsx yang sah.")]


def test_it_refuses_a_zip_that_is_not_a_workbook(demo, renstra):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "bukan excel")
    errors = refused(demo, buffer.getvalue())
    assert errors == [("(berkas)", None, "", "Berkas bukan berkas Excel .xlsx yang sah.")]


def test_it_refuses_a_formula(demo, renstra, demo_xlsx):
    def compute_a_target(workbook):
        workbook["Indikator"]["G2"] = "=F2+2"

    errors = refused(demo, spoil(demo_xlsx, compute_a_target))
    assert errors == [("Indikator", 2, "G", "Sel berisi rumus; isi dengan nilai, bukan rumus.")]


def test_it_lists_every_problem_of_every_sheet_at_once(demo, renstra, demo_xlsx):
    def spoil_three_sheets(workbook):
        workbook["Tujuan"]["B2"] = None
        workbook["Kegiatan"]["D2"] = "BIDANG-X"
        workbook["Indikator"]["E3"] = "n/a"

    errors = refused(demo, spoil(demo_xlsx, spoil_three_sheets))
    assert [(sheet, row, column) for sheet, row, column, _m in errors] == [
        ("Tujuan", 2, "B"),
        ("Kegiatan", 2, "D"),
        ("Indikator", 3, "E"),
    ]
    assert errors[1][3] == (
        "Unit BIDANG-X tidak dikenal; isi singkatan unit (lihat sheet Petunjuk)."
    )


def test_it_refuses_a_period_overlapping_another_renstra(demo, renstra):
    data = demo_renstra_data()
    data.period_start = 2027
    for row in data.indikator:
        row.targets = {year + 2: value for year, value in row.targets.items()}
    for row in data.sub_kegiatan:
        row.pagu = {year + 2: amount for year, amount in row.pagu.items()}

    errors = refused(demo, build_workbook(demo, period_start=2027, data=data))
    assert errors == [
        (
            "Renstra",
            2,
            "B",
            "Periode 2027-2031 tumpang tindih dengan Renstra 2025-2029 yang sudah ada.",
        )
    ]


def test_it_refuses_iku_on_a_program_indicator(demo, renstra, demo_xlsx):
    def mark_program_indicator(workbook):
        ws = workbook["Indikator"]
        ws.cell(row_of(ws, "5.03.01"), 11).value = "Ya"

    errors = refused(demo, spoil(demo_xlsx, mark_program_indicator))
    row = row_of(_sheet(demo_xlsx, "Indikator"), "5.03.01")
    assert errors == [("Indikator", row, "K", "IKU hanya untuk indikator sasaran.")]


def _sheet(content: bytes, name: str):
    return load_workbook(BytesIO(content))[name]


def test_an_import_is_written_to_the_audit_log(demo, renstra, demo_xlsx, tim1):
    from erkt.audit.models import AuditEntry

    new, _data = import_renstra(demo, demo_xlsx, by=tim1)
    entry = AuditEntry.objects.filter(organization=demo).order_by("-seq").first()
    assert (entry.action, entry.user, entry.object_id) == ("renstra.replace", tim1, str(new.pk))
    assert entry.before["counts"]["sub_kegiatan"] == entry.after["counts"]["sub_kegiatan"] == 30
    assert Decimal(entry.after["pagu"]["2027"]) == new.pagu_by_year[2027]


def test_a_refused_import_leaves_no_audit_entry(demo, renstra, demo_xlsx):
    from erkt.audit.models import AuditEntry

    count = AuditEntry.objects.count()
    refused(demo, spoil(demo_xlsx, lambda workbook: workbook["Tujuan"].delete_rows(2)))
    assert AuditEntry.objects.count() == count


IN_USE = "Renstra 2025-2029 sudah dipakai oleh Form RKT tahun 2027; impor ditolak."


def test_it_refuses_to_replace_a_renstra_the_form_rkt_use(demo, form_process, demo_xlsx):
    rows = list(FormRktRow.objects.values_list("pk", "kegiatan_id", "sub_kegiatan_id"))
    assert rows
    errors = refused(demo, demo_xlsx)
    assert errors == [("Renstra", 2, "B", IN_USE)]
    assert list(FormRktRow.objects.values_list("pk", "kegiatan_id", "sub_kegiatan_id")) == rows


def test_it_still_imports_the_next_period_while_the_forms_use_the_current_one(demo, form_process):
    data = demo_renstra_data()
    data.period_start = 2030
    for row in data.indikator:
        row.targets = {year + 5: value for year, value in row.targets.items()}
    for row in data.sub_kegiatan:
        row.pagu = {year + 5: amount for year, amount in row.pagu.items()}

    new, _data = import_renstra(demo, build_workbook(demo, period_start=2030, data=data))
    assert new.period_label == "2030-2034"
    assert Renstra.objects.filter(organization=demo).count() == 2


def test_a_form_rkt_issued_while_the_import_waited_refuses_it_too(demo, form_process, monkeypatch):
    # The check ran before the forms existed; the delete then meets the forms' rows.
    monkeypatch.setattr(renstra_data, "validate", lambda organization, data: [])
    before = snapshot(demo)
    with pytest.raises(RenstraDataError) as refusal:
        replace_renstra(demo, demo_renstra_data())
    assert [error.message for error in refusal.value.errors] == [IN_USE]
    assert snapshot(demo) == before
