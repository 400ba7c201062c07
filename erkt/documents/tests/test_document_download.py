import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.documents.tests.conftest import NOTA

pytestmark = pytest.mark.django_db


@pytest.fixture
def nota(demo, kepala, nota_snapshot):
    return issue(
        kind=NOTA,
        key="nota:1",
        title="Nota",
        snapshot=nota_snapshot,
        organization=demo,
        by=kepala,
    )


def _get(client, nota, fmt):
    return client.get(f"/dokumen/{nota.pk}/{fmt}/")


def test_the_pdf_holds_the_kop_the_table_and_the_signatory(client_for, tim1, kepala, nota):
    response = _get(client_for(tim1), nota, "pdf")
    assert response.status_code == 200
    assert 'filename="Nota-Anggaran.pdf"' in response["Content-Disposition"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "BADAN KEPEGAWAIAN" in text.upper()
    assert "1.250.000" in text
    assert kepala.employee.full_name in text
    assert "Paringin, 29 November 2026" in text


def test_the_docx_is_landscape_with_a_repeating_header_row(client_for, tim1, nota):
    response = _get(client_for(tim1), nota, "docx")
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[1]
    assert [cell.text for cell in table.rows[0].cells] == ["No", "Uraian", "Jumlah (Rp)"]
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert table.rows[1].cells[2].text == "1.250.000"


def test_the_xlsx_writes_formula_like_text_as_text(client_for, tim1, nota):
    response = _get(client_for(tim1), nota, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["B3"]
    assert cell.value == '=HYPERLINK("x")'
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_a_stored_pdf_is_served_instead_of_a_new_rendering(
    client_for, tim1, nota, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    nota.store_pdf(b"%PDF-1.7 signed bytes", kind=IssuedDocument.PdfKind.DIGITAL, filename="n.pdf")
    response = _get(client_for(tim1), nota, "pdf")
    assert response.content == b"%PDF-1.7 signed bytes"


def test_another_organisation_gets_404(client_for, stranger, nota):
    assert _get(client_for(stranger), nota, "pdf").status_code == 404
    assert client_for(stranger).get(f"/dokumen/{nota.pk}/").status_code == 404


def test_an_unknown_format_is_404(client_for, tim1, nota):
    assert _get(client_for(tim1), nota, "odt").status_code == 404


def test_anonymous_is_sent_to_the_login_page(client, nota):
    response = _get(client, nota, "pdf")
    assert response.status_code == 302
    assert "/login" in response["Location"] or "masuk" in response["Location"]


def test_the_detail_page_offers_every_format(client_for, tim1, nota):
    response = client_for(tim1).get(f"/dokumen/{nota.pk}/")
    assert response.status_code == 200
    for fmt in ("pdf", "docx", "xlsx"):
        assert f"/dokumen/{nota.pk}/{fmt}/" in response.content.decode()
