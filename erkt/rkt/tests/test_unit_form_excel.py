"""The Form RKT as Excel: download it, fill it offline, upload it back (all or nothing)."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from erkt.rkt.models import Pagu
from erkt.rkt.renstra_excel import XLSX_MIME
from erkt.rkt.tests.conftest import spoil
from erkt.rkt.tests.form_fixtures import YEAR, first_sub_row, form_of, form_process, rows_state
from erkt.rkt.unit_forms.excel import COLUMNS, SHEET
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.services import submit_form

__all__ = ["form_process"]
HEADERS = [header for _name, header, _width in COLUMNS]


@pytest.fixture
def form(form_process) -> FormRkt:
    return form_of(form_process, "MPK")


@pytest.fixture
def client(client_for, kabid_mpk):
    return client_for(kabid_mpk)


def upload_errors(response) -> list[tuple[str, str, str]]:
    """The (sheet, row, column) of each line of the page's table of upload errors."""
    html = response.content.decode()
    table = html[html.index('id="upload-errors"') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>", body)


def download(client, form: FormRkt) -> bytes:
    response = client.get(reverse("rkt:unit_form_download", args=[form.pk]))
    assert response.status_code == 200
    return response.content


def upload(client, form: FormRkt, content: bytes, **extra):
    file = SimpleUploadedFile("form-rkt.xlsx", content, content_type=XLSX_MIME)
    form.refresh_from_db(fields=["version"])  # the version of the page the file is sent from
    data = {"file": file, "version": form.version}
    return client.post(reverse("rkt:unit_form_upload", args=[form.pk]), data, **extra)


def sheet(content: bytes):
    return load_workbook(BytesIO(content))[SHEET]


def test_the_download_holds_every_row_with_its_codes(client, form):
    response = client.get(reverse("rkt:unit_form_download", args=[form.pk]))
    assert response["Content-Type"] == XLSX_MIME
    assert response["Content-Disposition"] == 'attachment; filename="form-rkt-2027-mpk.xlsx"'
    ws = sheet(response.content)
    assert [cell.value for cell in ws[1]] == HEADERS
    assert ws.max_row == 1 + form.rows.count()
    values = [cell.value for cell in ws[3]]
    sub = first_sub_row(form)
    assert values[:3] == [2, "5.03.02.2.02", "5.03.02.2.02.0001"]
    assert values[5:8] == [
        "dokumen",
        4,
        int(Pagu.objects.get(sub_kegiatan=sub.sub_kegiatan, year=YEAR).amount),
    ]
    assert values[9] == sub.renstra_indikator_id


def test_the_download_lists_the_units_kegiatan_and_pagu(client, form):
    petunjuk = load_workbook(BytesIO(download(client, form)))["Petunjuk"]
    codes = [row[0] for row in petunjuk.iter_rows(values_only=True)]
    assert "5.03.02.2.04.0003" in codes
    assert "5.03.02.2.01.0001" not in codes  # PPIK's


def test_text_that_looks_like_a_formula_stays_text(client, form):
    row = first_sub_row(form)
    form.rows.filter(pk=row.pk).update(
        sasaran_kegiatan='=HYPERLINK("http://contoh.invalid","klik")',
        indikator="+62 dokumen",
        justifikasi="@SUM(A1)",
    )
    ws = sheet(download(client, form))
    for column in ("D", "E", "I"):
        cell = ws[f"{column}3"]
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert ws["D3"].value.startswith("=HYPERLINK")


def test_a_filled_file_replaces_the_rows(client, form, kabid_mpk):
    def fill(workbook):
        ws = workbook[SHEET]
        ws["G3"] = 6
        ws["H3"] = "150.000.000"
        ws["I3"] = "Rotasi besar 2027."
        ws.delete_rows(4)
        ws.append(
            [
                None,
                "5.03.02.2.04",
                None,
                "Meningkatnya kinerja ASN",
                "Indeks kinerja ASN",
                "indeks",
                "85,5",
                0,
                None,
                None,
            ]
        )

    count = form.rows.count()
    response = upload(client, form, spoil(download(client, form), fill), follow=True)
    assert f"Form RKT diunggah: {count} baris." in response.content.decode()
    rows = list(form.rows.select_related("kegiatan", "sub_kegiatan"))
    sub = next(row for row in rows if row.code == "5.03.02.2.02.0001")
    assert (sub.target, sub.anggaran, sub.justifikasi) == (
        "6",
        Decimal(150_000_000),
        "Rotasi besar 2027.",
    )
    assert sub.renstra_indikator is not None
    added = next(row for row in rows if row.indikator == "Indeks kinerja ASN")
    assert (added.target, added.renstra_indikator, added.sub_kegiatan) == ("85,5", None, None)
    assert not form.rows.filter(sub_kegiatan__code="5.03.02.2.02.0002").exists()
    assert form.rows.count() == count


def test_a_file_with_errors_is_refused_whole_with_sheet_row_and_column(client, form):
    def break_it(workbook):
        ws = workbook[SHEET]
        ws["B2"] = "5.03.02.2.01"  # PPIK's kegiatan
        ws["G3"] = "empat"
        ws["H4"] = -5
        ws["H5"] = "=H4*2"
        ws["C6"] = "5.03.02.2.02.0001"  # under another kegiatan than B6 (5.03.02.2.04)
        ws["J7"] = 99999

    before = rows_state(form)
    response = upload(client, form, spoil(download(client, form), break_it))
    assert response.status_code == 422
    assert upload_errors(response) == [
        ("Form RKT", "2", "B"),
        ("Form RKT", "3", "G"),
        ("Form RKT", "4", "H"),
        ("Form RKT", "5", "H"),
        ("Form RKT", "6", "C"),
        ("Form RKT", "7", "J"),
    ]
    html = response.content.decode()
    assert "Berkas ditolak; tidak ada yang berubah." in html
    assert "Kode kegiatan 5.03.02.2.01 bukan kegiatan unit ini dalam Renstra." in html
    assert "Target \u201cempat\u201d bukan angka" in html
    assert "Anggaran tidak boleh negatif." in html
    assert "Sel berisi rumus" in html
    assert rows_state(form) == before


def test_a_changed_header_is_refused(client, form):
    before = rows_state(form)
    response = upload(
        client, form, spoil(download(client, form), lambda wb: wb[SHEET].cell(1, 7, "Sasaran"))
    )
    assert response.status_code == 422
    assert [(row, column) for _sheet, row, column in upload_errors(response)] == [("1", "G")]
    assert "Judul kolom harus \u201cTarget\u201d" in response.content.decode()
    assert rows_state(form) == before


def test_a_file_without_rows_is_refused(client, form):
    before = rows_state(form)
    content = spoil(download(client, form), lambda wb: wb[SHEET].delete_rows(2, 100))
    response = upload(client, form, content)
    assert response.status_code == 422
    assert "Sheet Form RKT tidak berisi baris data." in response.content.decode()
    assert rows_state(form) == before


def test_a_file_that_is_not_excel_is_refused(client, form):
    before = rows_state(form)
    response = upload(client, form, b"bukan excel")
    assert response.status_code == 422
    assert "Berkas bukan berkas Excel .xlsx yang sah." in response.content.decode()
    assert rows_state(form) == before


def test_a_sent_form_takes_no_upload(client, form, kabid_mpk):
    content = download(client, form)
    submit_form(form, by=kabid_mpk)
    before = rows_state(form)
    assert upload(client, form, content).status_code == 409
    assert rows_state(form) == before


def test_the_tim_downloads_but_cannot_upload(client_for, tim1, form):
    client = client_for(tim1)
    content = download(client, form)
    assert upload(client, form, content).status_code == 403
