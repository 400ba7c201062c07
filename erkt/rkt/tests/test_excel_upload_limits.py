"""Excel uploads (Renstra, Form RKT) cannot take the server's memory: bombs and long sheets."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.documents.tests.xlsx_helpers import bomb, long_sheet
from erkt.rkt.renstra_excel import MAX_ROWS, XLSX_MIME, RenstraFileError, import_renstra
from erkt.rkt.tests.conftest import snapshot
from erkt.rkt.tests.form_fixtures import form_of, form_process, rows_state
from erkt.rkt.unit_forms import excel as form_excel
from erkt.rkt.unit_forms.excel import COLUMNS, SHEET

__all__ = ["form_process"]
TOO_LARGE = (
    "Isi berkas Excel terlalu besar setelah dibuka (paling besar 64 MB); berkas ditolak. "
    "Pakai template dari aplikasi dan isi hanya datanya."
)


def refused(organization, content: bytes) -> list:
    before = snapshot(organization)
    with pytest.raises(RenstraFileError) as refusal:
        import_renstra(organization, content)
    assert snapshot(organization) == before
    return [(e.sheet, e.row, e.column, e.message) for e in refusal.value.errors]


def test_a_renstra_zip_bomb_is_refused_and_changes_nothing(demo, renstra, demo_xlsx):
    content = bomb(demo_xlsx, "Indikator", megabytes=200)
    assert len(content) < 2 * 1024 * 1024
    assert refused(demo, content) == [("(berkas)", None, "", TOO_LARGE)]


def test_a_renstra_sheet_over_the_row_limit_is_refused_while_it_is_read(demo, renstra, demo_xlsx):
    # The sheet's XML is broken after its rows: only a reader stopping at the limit says why.
    content = long_sheet(
        demo_xlsx,
        "Tujuan",
        ["Kode Tujuan", "Uraian Tujuan"],
        rows=MAX_ROWS + 20_000,
        broken_end=True,
    )
    errors = refused(demo, content)
    assert errors == [("Tujuan", None, "", "Sheet terlalu panjang (lebih dari 5000 baris).")]


@pytest.fixture
def form(form_process):
    return form_of(form_process, "MPK")


def upload(client, form, content: bytes):
    file = SimpleUploadedFile("form-rkt.xlsx", content, content_type=XLSX_MIME)
    form.refresh_from_db(fields=["version"])  # the version of the page the file is sent from
    data = {"file": file, "version": form.version}
    return client.post(reverse("rkt:unit_form_upload", args=[form.pk]), data)


def download(client, form) -> bytes:
    return client.get(reverse("rkt:unit_form_download", args=[form.pk])).content


def test_a_form_rkt_zip_bomb_is_refused_and_changes_nothing(client_for, kabid_mpk, form):
    client = client_for(kabid_mpk)
    content = bomb(download(client, form), SHEET, megabytes=200)
    before = rows_state(form)
    response = upload(client, form, content)
    assert response.status_code == 422
    assert TOO_LARGE in response.content.decode()
    assert rows_state(form) == before


def test_a_form_rkt_sheet_over_the_row_limit_is_refused_while_it_is_read(
    client_for, kabid_mpk, form
):
    client = client_for(kabid_mpk)
    headers = [header for _name, header, _width in COLUMNS]
    content = long_sheet(
        download(client, form),
        SHEET,
        headers,
        rows=form_excel.MAX_ROWS + 20_000,
        broken_end=True,
    )
    before = rows_state(form)
    response = upload(client, form, content)
    assert response.status_code == 422
    assert "Sheet terlalu panjang (lebih dari 1000 baris)." in response.content.decode()
    assert rows_state(form) == before
