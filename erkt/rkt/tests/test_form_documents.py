"""Each unit's Form RKT as sent, in PDF, DOCX and XLSX, printed from its snapshot."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from openpyxl import load_workbook

from erkt.documents.models import IssuedDocument
from erkt.documents.registry import providers
from erkt.documents.services import render
from erkt.rkt.documents.forms import FORM, printable_form_document
from erkt.rkt.tests.document_helpers import docx_text, pdf_text
from erkt.rkt.tests.form_fixtures import first_sub_row, form_of, form_process, submit_all, user
from erkt.rkt.unit_forms.services import return_form, save_row, submit_form

__all__ = ["form_process"]
INJECTION = '=HYPERLINK("http://x.test","klik")'


@pytest.fixture
def sent(form_process):
    """Every unit has sent its form (step 5 is open)."""
    submit_all(form_process)
    return form_process


def url(form, fmt: str = "pdf") -> str:
    return reverse("rkt:form_document", args=[form.pk, fmt])


def change_first_row(form, **values) -> None:
    row = first_sub_row(form)
    for name, value in values.items():
        setattr(row, name, value)
    save_row(row, by=user("kabid.mpk"))


def xlsx_values(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_sending_a_form_issues_its_document(sent):
    form = form_of(sent, "MPK")
    document = IssuedDocument.objects.get(process=sent, kind=FORM, key=f"form:{form.pk}")
    assert document.title == "Form RKT Tahun 2027 Bidang Mutasi, Promosi dan Kinerja"
    assert document.snapshot["total"] == "1065376000.00"


def test_each_format_holds_the_rows_and_totals(sent, kabid_mpk):
    form = form_of(sent, "MPK")
    document = printable_form_document(form, by=kabid_mpk)
    row = first_sub_row(form)
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        text = text_of(render(document, fmt).content)
        assert "FORM RENCANA KINERJA TAHUNAN (RKT) TAHUN 2027" in text
        assert "BIDANG MUTASI, PROMOSI DAN KINERJA" in text
        assert row.indikator in text and row.sub_kegiatan.code in text
        assert "1.065.376.000" in text  # the total, written the Indonesian way
        assert "Akhmad Zaini, S.IP., M.Si." in text and "19781205 200312 1 006" in text
    values = xlsx_values(render(document, "xlsx").content)
    assert row.indikator in values and "JUMLAH ANGGARAN" in values
    assert 1065376000 in values  # amounts stay numbers in the spreadsheet


def test_a_document_printed_before_a_return_keeps_the_old_values(sent, tim1, kabid_mpk):
    form = form_of(sent, "MPK")
    before = printable_form_document(form, by=tim1)
    return_form(form, by=tim1, reason="Anggaran mutasi terlalu kecil.")
    change_first_row(form, anggaran=999_888_777, target="7", justifikasi="Rotasi besar 2027.")
    form.refresh_from_db()
    assert printable_form_document(form, by=tim1).pk == before.pk  # returned: as last sent
    submit_form(form, by=kabid_mpk)
    form.refresh_from_db()
    after = printable_form_document(form, by=tim1)
    assert after.pk != before.pk
    before.refresh_from_db()
    assert "999.888.777" not in pdf_text(render(before, "pdf").content)
    assert "999.888.777" in pdf_text(render(after, "pdf").content)
    assert 999888777 in xlsx_values(render(after, "xlsx").content)
    assert 999888777 not in xlsx_values(render(before, "xlsx").content)


def test_formula_like_text_stays_text_in_the_spreadsheet(form_process, kabid_mpk):
    form = form_of(form_process, "MPK")
    change_first_row(form, justifikasi=INJECTION)
    submit_form(form, by=kabid_mpk)
    content = render(printable_form_document(form, by=kabid_mpk), "xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == INJECTION]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_a_form_never_sent_has_nothing_to_print(form_process, client_for, kabid_mpk):
    form = form_of(form_process, "MPK")
    assert client_for(kabid_mpk).get(url(form)).status_code == 404


def test_the_unit_head_downloads_each_format(sent, client_for, kabid_mpk):
    form = form_of(sent, "MPK")
    client = client_for(kabid_mpk)
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
        response = client.get(url(form, fmt))
        assert response.status_code == 200 and response.content.startswith(start)
    assert "Form-RKT-2027-MPK.xlsx" in response["Content-Disposition"]


def test_another_unit_head_gets_404(sent, client_for, kabid_ppik):
    assert client_for(kabid_ppik).get(url(form_of(sent, "MPK"))).status_code == 404


def test_another_unit_head_cannot_open_the_issued_document_by_its_number(
    sent, client_for, kabid_ppik, kabid_mpk, tim1
):
    document = IssuedDocument.objects.get(
        process=sent, kind=FORM, key=f"form:{form_of(sent, 'MPK').pk}"
    )
    for path in (f"/dokumen/{document.pk}/", f"/dokumen/{document.pk}/pdf/"):
        assert client_for(kabid_ppik).get(path).status_code == 404
        assert client_for(kabid_mpk).get(path).status_code == 200
        assert client_for(tim1).get(path).status_code == 200


def test_another_organisation_gets_404(sent, client_for, stranger):
    assert client_for(stranger).get(url(form_of(sent, "MPK"))).status_code == 404


def test_anonymous_is_sent_to_login(sent, client):
    response = client.get(url(form_of(sent, "MPK")))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_posting_is_not_allowed(sent, client_for, kabid_mpk):
    assert client_for(kabid_mpk).post(url(form_of(sent, "MPK"))).status_code == 405


def test_the_archive_provider_returns_every_sending(sent, tim1, kabid_mpk):
    form = form_of(sent, "MPK")
    return_form(form, by=tim1, reason="Perbaiki target.")
    change_first_row(form, target="9")
    submit_form(form, by=kabid_mpk)
    documents = [doc for doc in providers(sent, by=tim1) if doc.kind == FORM]
    assert len(documents) == 6  # five units, MPK sent twice


def test_the_form_page_offers_the_downloads(sent, client_for, kabid_mpk):
    form = form_of(sent, "MPK")
    page = client_for(kabid_mpk).get(reverse("rkt:unit_form", args=[form.pk])).content.decode()
    for fmt in ("pdf", "docx", "xlsx"):
        assert url(form, fmt) in page
