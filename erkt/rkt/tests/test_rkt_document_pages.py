"""What the pages of the RKT documents show and what their files say about themselves:
subtotals as in the PDF, print setup of every sheet, one table layout per DOCX table,
page numbers, metadata (title, organisation, id-ID, the snapshot's date)."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from erkt.documents import xlsx as excel
from erkt.rkt.documents import form_render, rkt_render
from erkt.rkt.documents.rkt_snapshot import version_snapshot
from erkt.rkt.drafts.corrections import add_review_comment, record_verdict
from erkt.rkt.drafts.versions import freeze_final
from erkt.rkt.templatetags.rkt_format import rupiah
from erkt.rkt.tests.drafts_helpers import HEADS, finish_unit_reviews, latest, open_task, row_of
from erkt.rkt.tests.drafts_helpers import user as demo_user

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The children of w:tblPr in the order of the schema (CT_TblPr).
TBLPR_ORDER = [
    f"{W}{name}"
    for name in [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    ]
]
ORGANISATION = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"


@pytest.fixture
def final(at_step_9):
    freeze_final(at_step_9, by=demo_user("kepala"))
    return latest(at_step_9)


@pytest.fixture
def reviewed(at_step_7):
    """Version 2 under the Sekretaris's review: a PPIK anggaran correction on version 1 and
    the Sekretaris's comment on a PPIK row of version 2."""
    draft = latest(at_step_7)
    row = row_of(draft, unit__short_name="PPIK", sub_kegiatan_code__gt="")
    record_verdict(
        open_task(at_step_7, 7, "PPIK"),
        by=demo_user(HEADS["PPIK"]),
        row_key=row.key,
        verdict="koreksi",
        field="anggaran",
        comment="Sesuaikan dengan pagu.",
        proposed_value=rupiah(row.anggaran + 20_000_000),
    )
    finish_unit_reviews(at_step_7)
    return draft, row


def docx_xml(content: bytes, part: str = "word/document.xml"):
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return etree.fromstring(archive.read(part))


def sheet_values(content: bytes, name: str):
    return load_workbook(BytesIO(content))[name]


# DOCX ------------------------------------------------------------------------------------


def test_every_docx_table_has_one_layout_in_the_schemas_order(final, compiled):
    for snapshot in (version_snapshot(final), version_snapshot(latest(compiled))):
        tables = docx_xml(rkt_render.docx(snapshot)).iter(f"{W}tbl")
        for table in tables:
            properties = table.find(f"{W}tblPr")
            assert len(properties.findall(f"{W}tblLayout")) <= 1
            order = [TBLPR_ORDER.index(child.tag) for child in properties]
            assert order == sorted(order)


def test_the_docx_pages_are_numbered_n_of_m(final):
    content = rkt_render.docx(version_snapshot(final))
    footer = Document(BytesIO(content)).sections[0].footer
    assert footer.paragraphs[0].text.startswith("Halaman ")
    xml = etree.tostring(footer._element).decode()
    assert " PAGE " in xml and " NUMPAGES " in xml


def test_the_final_docx_has_the_column_numbers_and_the_program_recap(final):
    snapshot = version_snapshot(final)
    document = Document(BytesIO(rkt_render.docx(snapshot)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "No")
    assert [cell.text for cell in table.rows[1].cells] == [str(n) for n in range(1, 9)]
    assert table.rows[1]._tr.xpath("./w:trPr/w:tblHeader")  # repeated with the headers
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Rekapitulasi anggaran per program" in text
    recap = next(t for t in document.tables if t.rows[0].cells[1].text == "Program")
    programs = {row.cells[0].text: row.cells[2].text for row in recap.rows[1:]}
    assert programs["5.03.02"] and programs[""] == rupiah(Decimal(snapshot["total"]))


def test_the_signature_block_stands_apart_from_the_table_above(final):
    body = docx_xml(rkt_render.docx(version_snapshot(final))).find(f"{W}body")
    children = list(body)
    signature = [child for child in children if child.tag == f"{W}tbl"][-1]
    before = children[children.index(signature) - 1]
    assert before.tag == f"{W}p"
    spacing = before.find(f"{W}pPr/{W}spacing")
    assert spacing is not None and int(spacing.get(f"{W}before")) > 0


def test_the_docx_describes_itself_as_the_organisations_indonesian_document(final):
    snapshot = version_snapshot(final)
    content = rkt_render.docx(snapshot)
    properties = Document(BytesIO(content)).core_properties
    assert properties.title == "RKT Tahun 2027"
    assert properties.author == ORGANISATION
    assert properties.language == "id-ID"
    assert properties.created.date().isoformat() == "2026-01-05"  # the day it was signed
    assert properties.created == properties.modified
    app = docx_xml(content, "docProps/app.xml")
    company = app.find(
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company"
    )
    assert company.text == ORGANISATION
    languages = docx_xml(content, "word/styles.xml").iter(f"{W}lang")
    assert {lang.get(f"{W}val") for lang in languages} == {"id-ID"}
    again = Document(BytesIO(rkt_render.docx(snapshot))).core_properties
    assert (again.created, again.modified) == (properties.created, properties.modified)


def test_the_draft_correction_names_the_sekretaris_by_jabatan(at_step_9):
    draft = latest(at_step_9)
    row = row_of(draft, unit__short_name="PPIK", sub_kegiatan_code__gt="")
    add_review_comment(
        open_task(at_step_9, 9),
        by=demo_user("sekretaris"),
        row_key=row.key,
        field="target",
        comment="Sesuaikan dengan RPJMD.",
        proposed_value="99",
    )
    snapshot = version_snapshot(draft)
    item = next(c for c in snapshot["corrections"] if c["comment"] == "Sesuaikan dengan RPJMD.")
    assert item["author_jabatan"] == "Sekretaris"
    document = Document(BytesIO(rkt_render.docx(snapshot)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(text.startswith(f"{item['source']}\nSekretaris · ") for text in cells)
    assert not any(f"\n{item['unit']} · Hj. Siti Rahmah" in text for text in cells)
    pdf = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(rkt_render.pdf(snapshot))).pages
    )
    assert "Sekretaris · Hj. Siti Rahmah" in " ".join(pdf.split())


# XLSX ------------------------------------------------------------------------------------


def test_kegiatan_and_program_lines_carry_their_subtotals(compiled):
    snapshot = version_snapshot(latest(compiled))
    sheet = sheet_values(rkt_render.xlsx(snapshot), "RKT 2027")
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    body = [row for row in rows if isinstance(row[0], int) and row[6]]
    kegiatan = [row for row in body if row[8] and not row[10]]
    programs = [row for row in body if not row[8]]
    assert kegiatan and programs
    for line in kegiatan:
        subs = [row[13] or 0 for row in body if row[8] == line[8] and row[10]]
        assert Decimal(str(line[13])) == sum(Decimal(str(value)) for value in subs) > 0
    for line in programs:
        subs = [row[13] or 0 for row in body if row[6] == line[6] and row[10]]
        assert Decimal(str(line[13])) == sum(Decimal(str(value)) for value in subs)


def test_the_grand_total_label_spans_the_text_columns(compiled):
    sheet = sheet_values(rkt_render.xlsx(version_snapshot(latest(compiled))), "RKT 2027")
    total = next(
        row[0].row for row in sheet.iter_rows() if row[0].value == "JUMLAH ANGGARAN SELURUH PROGRAM"
    )
    assert f"A{total}:M{total}" in {str(merged) for merged in sheet.merged_cells.ranges}


@pytest.mark.parametrize("name", ["RKT 2027", "Rekap Program", "Koreksi"])
def test_every_sheet_prints_landscape_on_the_pages_width(reviewed, name):
    draft, _row = reviewed
    sheet = sheet_values(rkt_render.xlsx(version_snapshot(draft)), name)
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows


def test_nilai_semula_and_usulan_share_the_rupiah_format(reviewed):
    draft, row = reviewed
    sheet = sheet_values(rkt_render.xlsx(version_snapshot(draft)), "Koreksi")
    header = [cell.value for cell in sheet[1]]
    line = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("Bagian")].value)
    old, new = line[header.index("Nilai Semula")], line[header.index("Usulan")]
    assert Decimal(str(old.value)) == row.anggaran
    assert Decimal(str(new.value)) == row.anggaran + 20_000_000
    assert old.number_format == new.number_format == "#,##0"


def test_the_xlsx_describes_itself(compiled):
    snapshot = version_snapshot(latest(compiled))
    properties = load_workbook(BytesIO(rkt_render.xlsx(snapshot))).properties
    assert properties.title == "Draft RKT Tahun 2027 versi 1"
    assert properties.creator == properties.lastModifiedBy == ORGANISATION
    assert properties.language == "id-ID"
    assert properties.created == properties.modified
    assert snapshot["created_on"] == "5 Januari 2026"
    assert properties.created.date().isoformat() == "2026-01-05"


def test_a_row_is_as_tall_as_its_text_wrapped_at_word_boundaries():
    workbook, sheet = excel.new_workbook("Uji")
    sheet.column_dimensions["A"].width = 20
    # 44 characters, but no two words share a line of 20: three lines, not two.
    excel.write_row(sheet, 1, ["abcdefghijklmnop abcdefghijklmnop abcdefghij"])
    loaded = load_workbook(BytesIO(excel.to_bytes(workbook)))["Uji"]
    assert loaded.row_dimensions[1].height >= 3 * excel.LINE_HEIGHT


# Form RKT --------------------------------------------------------------------------------


def test_the_form_pdf_prints_no_zero_under_a_kegiatan_subtotal(at_step_6):
    from erkt.documents.models import IssuedDocument

    document = IssuedDocument.objects.filter(kind="rkt.form").first()
    snapshot = document.snapshot
    own_lines = [
        row
        for program in snapshot["programs"]
        for kegiatan in program["kegiatan"]
        for row in kegiatan["rows"]
        if row["code"] == kegiatan["code"] and not Decimal(row["anggaran"])
    ]
    assert own_lines  # the kegiatan's own indicator lines hold no anggaran
    numbered = form_render.numbered(snapshot)
    printed = [
        row["anggaran"]
        for program in numbered["programs"]
        for kegiatan in program["kegiatan"]
        for row in kegiatan["rows"]
        if row["code"] == kegiatan["code"]
    ]
    assert "0" not in printed
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(form_render.form_pdf(snapshot))).pages
    )
    assert " 0 " not in f" {' '.join(text.split())} "


def test_the_final_rkt_files_are_dated_the_day_it_was_signed(final):
    snapshot = version_snapshot(final)
    snapshot = {**snapshot, "created_on": "2 Januari 2026"}  # made before it was signed
    snapshot["signature"] = {**snapshot["signature"], "place_date": "Paringin, 9 Januari 2026"}
    properties = Document(BytesIO(rkt_render.docx(snapshot))).core_properties
    assert properties.created.date().isoformat() == "2026-01-09"
    workbook = load_workbook(BytesIO(rkt_render.xlsx(snapshot)))
    assert workbook.properties.created.date().isoformat() == "2026-01-09"
