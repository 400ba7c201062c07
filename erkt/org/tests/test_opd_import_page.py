"""The page "Impor perangkat daerah" and the template download: the deployment admin only."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from erkt.org.models import Organization
from erkt.org.opd_excel import DATA_SHEETS, PETUNJUK
from erkt.org.tests.opd_helpers import counts, example_file

pytestmark = [pytest.mark.django_db, pytest.mark.database]
IMPORT, TEMPLATE = reverse("opd_import"), reverse("opd_template")
EXAMPLE = reverse("opd_example")


def upload(content: bytes):
    file = BytesIO(content)
    file.name = "opd.xlsx"
    return {"file": file}


def test_the_administrator_sees_the_page_with_the_rules(client_for, administrator):
    html = client_for(administrator).get(IMPORT).content.decode()
    assert "Impor perangkat daerah dari Excel" in html
    assert "Unduh template struktur organisasi (.xlsx)" in html
    assert "Setiap unit mempunyai tepat satu jabatan dengan Kepala Unit = Ya" in html


@pytest.mark.parametrize("who", ["kepala", "sekretaris", "kasubbag_perencanaan", "stranger"])
def test_it_refuses_anyone_but_a_superuser(client_for, request, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert client.get(IMPORT).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    assert client.get(EXAMPLE).status_code == 403
    before = counts()
    assert client.post(IMPORT, upload(example_file())).status_code == 403
    assert counts() == before


def test_a_staff_account_that_is_not_a_superuser_is_refused(client_for, administrator):
    administrator.is_superuser = False
    administrator.save()
    assert client_for(administrator).post(IMPORT, upload(example_file())).status_code == 403
    assert not Organization.objects.filter(short_name="DISKOMINFO").exists()


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(IMPORT)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_administrator_imports_the_example(client_for, administrator, demo):
    response = client_for(administrator).post(IMPORT, upload(example_file()), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dinas Komunikasi dan Informatika didaftarkan: 7 unit, 9 pegawai" in html
    assert "197106121997031004" in html and 'id="import-result"' in html
    assert Organization.objects.filter(short_name="DISKOMINFO").exists()


def test_a_refused_file_lists_its_errors_and_changes_nothing(client_for, administrator, demo):
    from erkt.org.opd_demo import example_data
    from erkt.org.opd_excel import build_workbook

    data = example_data()
    data.pegawai[3].nip = "199011172015012000"
    before = counts()
    response = client_for(administrator).post(IMPORT, upload(build_workbook(data)))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Berkas ditolak; tidak ada data yang disimpan." in html
    assert (
        '<td class="text-nowrap">Pegawai</td>\n          <td>5</td>\n          <td>A</td>' in html
    )
    assert "Nomor urut pada NIP tidak boleh 000." in html
    assert counts() == before


def test_the_page_speaks_english_too(client_for, administrator):
    client = client_for(administrator)
    client.cookies["django_language"] = "en"
    html = client.get(IMPORT, headers={"accept-language": "en"}).content.decode()
    assert "Import an agency from Excel" in html


def test_the_template_has_the_sheets_notes_and_lists(client_for, administrator):
    response = client_for(administrator).get(TEMPLATE)
    assert response["Content-Disposition"] == 'attachment; filename="template-struktur-opd.xlsx"'
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == [PETUNJUK, *DATA_SHEETS]
    pegawai = workbook["Pegawai"]
    assert [c.value for c in pegawai[1]] == [
        "NIP",
        "NIK",
        "Nama",
        "Gelar Depan",
        "Gelar Belakang",
        "Pangkat/Golongan",
        "E-mail",
        "Nomor HP",
        "Jabatan",
    ]
    assert "18 angka" in pegawai["A1"].comment.text
    assert pegawai["A2"].number_format == "@"  # NIP as text: Excel keeps 15 digits of a number
    lists = {str(v.sqref): v.formula1 for v in workbook["Jabatan"].data_validations.dataValidation}
    assert (
        lists["C2:C2000"]
        == '"Kepala Badan,Sekretaris,Kasubbag Perencanaan,Tim Perencanaan,Kasubbag/Kabid,Staf"'
    )
    assert lists["B2:B2000"] == "Unit!$A$2:$A$2000"
    unit_lists = [v.formula1 for v in workbook["Unit"].data_validations.dataValidation]
    assert '"Ya,Tidak"' in unit_lists


def test_the_user_menu_offers_the_import_to_a_superuser_only(client_for, administrator, kepala):
    assert f'href="{IMPORT}"' in client_for(administrator).get(reverse("home")).content.decode()
    assert f'href="{IMPORT}"' not in client_for(kepala).get(reverse("home")).content.decode()


def test_the_administrator_downloads_the_filled_example(client_for, administrator):
    response = client_for(administrator).get(EXAMPLE)
    assert response["Content-Disposition"].endswith('filename="opd-diskominfo-balangan.xlsx"')
    workbook = load_workbook(BytesIO(response.content))
    assert workbook["Organisasi"]["B2"].value == "Dinas Komunikasi dan Informatika"
