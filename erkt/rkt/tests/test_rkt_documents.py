"""The Draft RKT version documents and the final RKT in PDF, DOCX and XLSX, from snapshots."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from erkt.documents import registry
from erkt.documents.services import render
from erkt.rkt.documents import rkt_render
from erkt.rkt.documents.rkt import DRAFT, FINAL, final_pdf_with_box, issue_version_document
from erkt.rkt.documents.rkt_snapshot import version_snapshot
from erkt.rkt.drafts.corrections import record_verdict
from erkt.rkt.drafts.versions import freeze_final, make_next_version
from erkt.rkt.templatetags.rkt_format import rupiah
from erkt.rkt.tests.drafts_helpers import (
    HEADS,
    finish_unit_reviews,
    form_total,
    latest,
    open_task,
    row_of,
    user,
)

MM = 72 / 25.4


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(content)).pages]


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def final(at_step_9):
    """Version 2 frozen as the final RKT 2027 by the Kepala Badan."""
    freeze_final(at_step_9, by=user("kepala"))
    return latest(at_step_9)


@pytest.fixture
def corrected(at_step_7):
    """Version 1 with PPIK's target correction (and a comment a spreadsheet would run)."""
    draft = latest(at_step_7)
    row = row_of(draft, unit__short_name="PPIK", sub_kegiatan_code__gt="")
    correction = record_verdict(
        open_task(at_step_7, 7, "PPIK"),
        by=user(HEADS["PPIK"]),
        row_key=row.key,
        verdict="koreksi",
        field="target",
        comment='=HYPERLINK("http://contoh.invalid","klik")',
        proposed_value="175",
    )
    finish_unit_reviews(at_step_7)
    return at_step_7, row, correction


def test_the_draft_pdf_shows_the_version_its_rows_and_the_total_on_landscape_pages(compiled):
    draft = latest(compiled)
    content = rkt_render.pdf(version_snapshot(draft))
    reader = PdfReader(BytesIO(content))
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    text = flat("\n".join(pdf_pages(content)))
    assert "DRAFT RENCANA KINERJA TAHUNAN (RKT) TAHUN 2027" in text
    assert "PEMERINTAH KABUPATEN BALANGAN" in text
    assert "Versi 1 · disusun 5 Januari 2026" in text
    assert "Indeks Profesionalitas ASN" in text and "5.03.02.2.01.0001" in text
    assert f"JUMLAH ANGGARAN SELURUH PROGRAM {rupiah(form_total(compiled))}" in text
    assert "Tidak ada koreksi atas versi ini." in text


def test_the_table_header_is_repeated_on_every_page_of_the_table(compiled):
    pages = pdf_pages(rkt_render.pdf(version_snapshot(latest(compiled))))
    table_pages = [page for page in pages if "5.03.0" in page]
    assert len(table_pages) > 1
    for page in table_pages:
        assert "Indikator Kinerja" in page and "Anggaran (Rp)" in page


def test_the_final_rkt_carries_the_kepala_badans_signature_block(final):
    kepala = user("kepala").employee
    snapshot = version_snapshot(final)
    text = flat("\n".join(pdf_pages(rkt_render.pdf(snapshot))))
    assert "RENCANA KINERJA TAHUNAN (RKT) TAHUN 2027" in text
    assert "DRAFT" not in text
    assert "Paringin, 5 Januari 2026" in text
    assert "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan," in (
        text
    )
    assert kepala.full_name in text
    assert f"NIP. {kepala.nip_display}" in text
    assert kepala.get_pangkat_display().split(" (")[0] in text and f"({kepala.pangkat})" in text


def test_the_final_pdf_reports_where_its_fixed_signature_box_lies(final):
    content, box = final_pdf_with_box(version_snapshot(final))
    page_count = len(PdfReader(BytesIO(content)).pages)
    page, x1, y1, x2, y2 = box
    assert page == page_count - 1
    assert x2 - x1 == pytest.approx(100 * MM, abs=1)
    assert y2 - y1 == pytest.approx(34 * MM, abs=1)
    assert x1 > 297 * MM / 2  # on the right half, where the Kepala signs


def test_the_docx_is_landscape_with_a_repeating_header_and_the_numbers(final, compiled):
    content = rkt_render.docx(version_snapshot(final))
    document = Document(BytesIO(content))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "No")
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    text = docx_text(content)
    assert "RENCANA KINERJA TAHUNAN (RKT) TAHUN 2027" in text
    assert "Indeks Profesionalitas ASN" in text and "Sasaran Strategis: " in text
    assert rupiah(form_total(compiled)) in text
    assert "Paringin, 5 Januari 2026" in text
    assert f"NIP. {user('kepala').employee.nip_display}" in text


def test_no_merged_cell_of_the_docx_spans_several_lines(compiled):
    document = Document(BytesIO(rkt_render.docx(version_snapshot(latest(compiled)))))
    for table in document.tables:
        assert not table._tbl.xpath(".//w:vMerge")


def test_the_xlsx_holds_every_row_with_numeric_anggaran_and_the_total(compiled):
    draft = latest(compiled)
    workbook = load_workbook(BytesIO(rkt_render.xlsx(version_snapshot(draft))))
    sheet = workbook["RKT 2027"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(list(rkt_render.XLSX_HEADERS))
    body = [row for row in values[header + 1 :] if isinstance(row[0], int)]
    assert len(body) == draft.rows.count()
    total_row = next(row for row in values if row[0] == "JUMLAH ANGGARAN SELURUH PROGRAM")
    assert Decimal(str(total_row[-1])) == form_total(compiled)
    # Program and kegiatan lines carry their subtotals: the sub kegiatan lines sum to the total.
    sub_kegiatan = [row for row in body if row[10]]
    assert sum(Decimal(str(row[-1] or 0)) for row in sub_kegiatan) == form_total(compiled)
    assert any(row[3] == "Indeks Profesionalitas ASN" and row[5] == "76" for row in body)
    programs = {row[0]: row[2] for row in workbook["Rekap Program"].iter_rows(values_only=True)}
    assert Decimal(str(programs["5.03.02"])) == form_total(
        compiled, kegiatan__program__code="5.03.02"
    )


def test_the_final_xlsx_ends_with_the_signature(final):
    workbook = load_workbook(BytesIO(rkt_render.xlsx(version_snapshot(final))))
    texts = [c.value for row in workbook["RKT 2027"].iter_rows() for c in row if c.value]
    assert "Paringin, 5 Januari 2026" in texts
    assert f"NIP. {user('kepala').employee.nip_display}" in texts
    assert "Koreksi" not in workbook.sheetnames


def test_text_a_spreadsheet_would_run_is_written_as_text(corrected, compiled):
    _process, _row, correction = corrected
    snapshot = version_snapshot(latest(compiled))
    snapshot["rows"][0]["indikator"] = "+SUM(1,2)"
    snapshot["rows"][1]["satuan"] = " @cmd"
    sheet = load_workbook(BytesIO(rkt_render.xlsx(snapshot)))
    cells = [c for ws in sheet.worksheets for row in ws.iter_rows() for c in row]
    by_value = {c.value: c for c in cells if isinstance(c.value, str)}
    for value in (correction.comment, "+SUM(1,2)", " @cmd"):
        assert by_value[value].data_type == "s"
    assert not [c for c in cells if c.data_type == "f"]


def test_the_draft_document_lists_its_corrections_and_what_became_of_them(corrected):
    process, row, correction = corrected
    make_next_version(
        process, by=user("kasubbag.perencanaan"), decisions={correction.pk: ("accept", "")}
    )
    first = process.drafts.get(number=1)
    text = flat("\n".join(pdf_pages(rkt_render.pdf(version_snapshot(first)))))
    assert "KOREKSI ATAS DRAFT RKT TAHUN 2027 VERSI 1" in text
    assert f"{row.target} → 175" in text and "Diterima" in text
    assert "Ditindaklanjuti pada versi 2" in text
    docx = docx_text(rkt_render.docx(version_snapshot(first)))
    assert "Koreksi · Target" in docx and "Ditindaklanjuti pada versi 2" in docx


def test_a_version_1_document_still_shows_version_1_after_version_2_exists(corrected):
    process, row, correction = corrected
    first = process.drafts.get(number=1)
    issued = issue_version_document(first, by=user("tim1"))
    second = make_next_version(
        process, by=user("kasubbag.perencanaan"), decisions={correction.pk: ("accept", "")}
    )
    assert second.rows.get(key=row.key).target == "175"
    old = flat("\n".join(pdf_pages(render(issued, "pdf").content)))
    assert "Versi 1 ·" in old and "Versi 2" not in old
    assert "Terbuka" in old and "Menunggu keputusan Kasubbag Perencanaan" in old
    reissued = issue_version_document(first, by=user("tim1"))
    assert reissued.pk != issued.pk  # the correction was decided since: a new issue
    assert reissued.snapshot["version"] == 1
    assert [r["target"] for r in reissued.snapshot["rows"] if r["key"] == row.key] == [row.target]
    new = issue_version_document(second, by=user("tim1"))
    assert [r["target"] for r in new.snapshot["rows"] if r["key"] == row.key] == ["175"]
    assert render(new, "xlsx").filename == "Draft-RKT-2027-versi-2-BKPSDM.xlsx"


def test_issuing_twice_without_changes_reuses_the_document(compiled):
    draft = latest(compiled)
    first = issue_version_document(draft, by=user("tim1"))
    assert issue_version_document(draft, by=user("kepala")).pk == first.pk
    assert first.kind == DRAFT and first.title == "Draft RKT Tahun 2027 versi 1"


def test_the_final_rkt_is_issued_once_whatever_changes_afterwards(final):
    document = issue_version_document(final, by=user("kepala"))
    assert document.kind == FINAL and document.title == "RKT Tahun 2027"
    organization = final.process.organization
    organization.address = "Alamat baru"
    organization.save(update_fields=["address"])
    again = issue_version_document(final, by=user("kepala"))
    assert again.pk == document.pk
    assert "Alamat baru" not in flat("\n".join(pdf_pages(render(again, "pdf").content)))


@pytest.mark.database
def test_the_renderers_read_nothing_but_the_snapshot(final, django_assert_num_queries):
    snapshot = version_snapshot(final)
    with django_assert_num_queries(0):
        for fmt in registry.get(FINAL).formats:
            assert registry.get(FINAL).renderer(fmt)(snapshot)


def test_the_archive_provider_issues_every_versions_document(final):
    documents = registry.providers(final.process, by=user("tim1"))
    mine = [d for d in documents if d.kind in (DRAFT, FINAL)]
    assert [(d.kind, d.snapshot["version"]) for d in mine] == [(DRAFT, 1), (FINAL, 2)]
