"""The import page: only the planners (and the administrator) replace the Renstra."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.rkt.models import Renstra
from erkt.rkt.renstra_excel import XLSX_MIME
from erkt.rkt.tests.conftest import snapshot, spoil
from erkt.rkt.tests.form_fixtures import form_process

pytestmark = pytest.mark.database

URL = "/rkt/renstra/impor/"

__all__ = ["form_process"]


def upload(content: bytes, name: str = "renstra.xlsx") -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type=XLSX_MIME)}


def test_its_address(db):
    assert reverse("rkt:renstra_import") == URL


@pytest.mark.parametrize("user", ["kasubbag_perencanaan", "tim1", "tim2", "administrator"])
def test_the_planners_and_the_administrator_open_it(request, client_for, user):
    response = client_for(request.getfixturevalue(user)).get(URL)
    assert response.status_code == 200
    assert reverse("rkt:renstra_template") in response.content.decode()


@pytest.mark.parametrize("user", ["kabid_ppik", "kasubbag_umum", "sekretaris", "kepala"])
def test_other_roles_are_refused(request, client_for, demo_xlsx, user):
    client = client_for(request.getfixturevalue(user))
    assert client.get(URL).status_code == 403
    assert client.post(URL, upload(demo_xlsx)).status_code == 403
    assert not Renstra.objects.exists()


def test_a_good_file_is_imported_and_counted(client_for, tim1, demo, demo_xlsx):
    response = client_for(tim1).post(URL, upload(demo_xlsx), follow=True)
    renstra = Renstra.objects.get(organization=demo)
    assert response.redirect_chain == [(reverse("rkt:renstra_detail", args=[renstra.pk]), 302)]
    assert renstra.imported_by == tim1
    message = (
        "Renstra 2025-2029 diimpor: 1 tujuan, 2 sasaran strategis, 48 indikator (5 IKU), "
        "2 program, 10 kegiatan, 30 sub kegiatan."
    )
    alert = 'class="alert alert-success alert-dismissible fade show" role="alert">\n'
    assert f"{alert}      {message}\n" in response.content.decode()


def test_a_bad_file_is_refused_with_its_errors_and_nothing_changes(
    client_for, kasubbag_perencanaan, demo, renstra, demo_xlsx
):
    def spoil_two_cells(workbook):
        workbook["Sub Kegiatan"]["F2"] = "85 juta"
        workbook["Indikator"]["G2"] = "=F2+2"

    before = snapshot(demo)
    response = client_for(kasubbag_perencanaan).post(URL, upload(spoil(demo_xlsx, spoil_two_cells)))
    assert response.status_code == 422
    assert snapshot(demo) == before
    html = response.content.decode()
    assert "Berkas ditolak; tidak ada data yang diubah." in html
    assert [(e.sheet, e.row, e.column) for e in response.context["errors"]] == [
        ("Sub Kegiatan", 2, "F"),
        ("Indikator", 2, "G"),
    ]
    assert "<td>Sel berisi rumus; isi dengan nilai, bukan rumus.</td>" in html
    row = '<td class="text-nowrap">Sub Kegiatan</td> <td>2</td> <td>F</td>'
    assert row in " ".join(html.split())


def test_a_renstra_in_use_by_the_form_rkt_is_not_replaced(
    client_for, tim1, demo, form_process, demo_xlsx
):
    before = snapshot(demo)
    response = client_for(tim1).post(URL, upload(demo_xlsx))
    assert response.status_code == 422
    message = "Renstra 2025-2029 sudah dipakai oleh Form RKT tahun 2027; impor ditolak."
    assert message in response.content.decode()
    assert snapshot(demo) == before


def test_a_file_that_is_not_a_workbook_is_refused(client_for, tim1, demo):
    response = client_for(tim1).post(URL, upload(b"%PDF-1.7", "renstra.pdf"))
    assert response.status_code == 422
    assert "Berkas bukan berkas Excel .xlsx yang sah." in response.content.decode()
    assert not Renstra.objects.exists()


def test_submitting_without_a_file_is_refused(client_for, tim1, demo):
    response = client_for(tim1).post(URL, {})
    assert response.status_code == 422
    assert response.context["form"].errors["file"]
    assert not Renstra.objects.exists()


def test_a_planner_of_another_office_cannot_use_bkpsdm_units(
    client_for, other_org, demo, renstra, demo_xlsx
):
    from django.contrib.auth import get_user_model

    planner = get_user_model().objects.get(username="kasubbag.disdik")
    before = snapshot(demo)
    response = client_for(planner).post(URL, upload(demo_xlsx))
    assert response.status_code == 422
    assert "Unit PERENCANAAN tidak dikenal" in response.content.decode()
    assert snapshot(demo) == before
    assert not Renstra.objects.filter(organization=other_org).exists()


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_answers_only_get_and_post(client_for, tim1):
    assert client_for(tim1).put(URL).status_code == 405
