"""Exporting a Renstra: the template's layout, readable back, and safe to open."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from erkt.rkt.demo import demo_renstra_data
from erkt.rkt.models import Renstra
from erkt.rkt.renstra_data import renstra_data_of, replace_renstra
from erkt.rkt.renstra_excel import XLSX_MIME, export_renstra, import_renstra

INJECTIONS = {
    "uraian": '=HYPERLINK("http://contoh.invalid","klik")',
    "formula": "+CMD|' /C calc'!A0",
    "sumber_data": "@SUM(1+1)",
    "satuan": "-",
}


def test_an_export_imports_back_to_the_same_renstra(demo, renstra):
    _filename, _mimetype, content = export_renstra(renstra)
    again, _data = import_renstra(demo, content)
    assert again.pk != renstra.pk
    assert renstra_data_of(again) == demo_renstra_data()


def test_it_names_the_file_after_the_office_and_period(renstra):
    filename, mimetype, _content = export_renstra(renstra)
    assert filename == "renstra-bkpsdm-2025-2029.xlsx"
    assert mimetype == XLSX_MIME


def test_text_that_looks_like_a_formula_is_written_as_text(demo):
    data = demo_renstra_data()
    for field, text in INJECTIONS.items():
        setattr(data.indikator[0], field, text)
    renstra = replace_renstra(demo, data)

    _filename, _mimetype, content = export_renstra(renstra)
    row = load_workbook(BytesIO(content))["Indikator"][2]
    cells = {"uraian": row[1], "satuan": row[2], "formula": row[11], "sumber_data": row[12]}
    for field, cell in cells.items():
        assert (cell.value, cell.data_type) == (INJECTIONS[field], "s")
        assert cell.quotePrefix

    again, _data = import_renstra(demo, content)
    first = again.sasaran.get(code="SS1").indikator.first()
    assert {field: getattr(first, field) for field in INJECTIONS} == INJECTIONS


@pytest.mark.parametrize("user", ["kabid_ppik", "kepala", "tim1"])
def test_every_pegawai_of_the_office_can_download_it(request, client_for, renstra, user):
    response = client_for(request.getfixturevalue(user)).get(
        reverse("rkt:renstra_export", args=[renstra.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_MIME
    assert 'filename="renstra-bkpsdm-2025-2029.xlsx"' in response["Content-Disposition"]
    assert load_workbook(BytesIO(response.content)).sheetnames[:2] == ["Petunjuk", "Renstra"]


def test_another_organisation_gets_404(client_for, stranger, renstra):
    url = reverse("rkt:renstra_export", args=[renstra.pk])
    assert client_for(stranger).get(url).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, renstra):
    response = client.get(reverse("rkt:renstra_export", args=[renstra.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_only_answers_get(client_for, kasubbag_perencanaan, renstra):
    url = reverse("rkt:renstra_export", args=[renstra.pk])
    assert client_for(kasubbag_perencanaan).post(url).status_code == 405
    assert Renstra.objects.count() == 1
