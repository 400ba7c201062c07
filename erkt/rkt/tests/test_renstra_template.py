"""The Renstra template: documented, in the layout the import reads, for the right period."""

from __future__ import annotations

from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from erkt.rkt.renstra_excel import XLSX_MIME, RenstraFileError, build_workbook, read_renstra

SHEETS = [
    "Petunjuk",
    "Renstra",
    "Tujuan",
    "Sasaran",
    "Program",
    "Kegiatan",
    "Sub Kegiatan",
    "Indikator",
]


def download(client, **params):
    response = client.get(reverse("rkt:renstra_template"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIME
    return response, load_workbook(BytesIO(response.content))


def test_it_documents_every_sheet_and_the_units(client_for, kabid_ppik):
    _response, workbook = download(client_for(kabid_ppik), tahun_awal=2025)
    assert workbook.sheetnames == SHEETS
    petunjuk = " ".join(
        str(cell.value) for row in workbook["Petunjuk"].iter_rows() for cell in row if cell.value
    )
    for text in (
        "Kode Sub Kegiatan",
        "Target 2029",
        "Pagu 2025 (Rp)",
        "Permendagri 90/2019",
        "PERENCANAAN",
        "Bidang Mutasi, Promosi dan Kinerja",
    ):
        assert text in petunjuk


def test_its_year_columns_follow_the_asked_period(client_for, tim1):
    response, workbook = download(client_for(tim1), tahun_awal=2030)
    assert 'filename="template-renstra-2030-2034.xlsx"' in response["Content-Disposition"]
    assert [c.value for c in workbook["Renstra"][2]][1:] == [2030, 2034]
    headers = [c.value for c in workbook["Indikator"][1]]
    assert headers[5:10] == [f"Target {year}" for year in range(2030, 2035)]


@time_machine.travel("2026-03-02 09:00 +0800", tick=False)
def test_it_defaults_to_the_period_of_the_renstra_in_force(client_for, tim1, renstra):
    response, _workbook = download(client_for(tim1))
    assert 'filename="template-renstra-2025-2029.xlsx"' in response["Content-Disposition"]


def test_an_empty_template_is_refused_as_empty_not_as_broken(demo):
    with pytest.raises(RenstraFileError) as refusal:
        read_renstra(demo, build_workbook(demo, period_start=2025))
    assert {(e.sheet, e.message) for e in refusal.value.errors} == {
        ("Tujuan", "Sheet ini belum berisi data."),
        ("Program", "Sheet ini belum berisi data."),
    }


def test_another_organisation_gets_its_own_units(client_for, stranger, demo):
    _response, workbook = download(client_for(stranger), tahun_awal=2025)
    petunjuk = [row[0].value for row in workbook["Petunjuk"].iter_rows()]
    assert "PAUD-SD" in petunjuk
    assert "PPIK" not in petunjuk


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("rkt:renstra_template"))
    assert response.status_code == 302


def test_it_only_answers_get(client_for, tim1):
    assert client_for(tim1).post(reverse("rkt:renstra_template")).status_code == 405
