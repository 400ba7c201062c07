"""The SOP list: every signed-in pegawai sees the SOPs of their own organisation."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

from erkt.sop.io import load_definition
from erkt.sop.tests.helpers import seed_definition

URL = reverse("sop:list")
TITLE = "Penyusunan Rencana Kinerja Tahunan (RKT)"


def test_a_kabid_sees_the_active_sop_of_the_office(client_for, kabid_ppik):
    response = client_for(kabid_ppik).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert TITLE in html
    assert f'href="{reverse("sop:detail", args=["penyusunan-rkt"])}"' in html


def test_the_administrator_sees_the_list_too(client_for, administrator):
    assert client_for(administrator).get(URL).status_code == 200


def test_it_shows_the_nomor_versi_and_tanggal_efektif_of_the_active_version(
    client_for, kepala, demo
):
    data = seed_definition()
    data["identity"]["judul"] = "Penyusunan RKT (revisi 2025)"
    data["identity"]["nomor"] = "800/045/BKPSDM/2025"
    data["identity"]["tanggal_efektif"] = datetime.date(2025, 1, 2)
    load_definition(demo, data)

    response = client_for(kepala).get(URL)

    rows = response.context["rows"]
    numbers = {sop.code: version.number for sop, version in rows}
    assert numbers == {"penyusunan-rkt": 2, "penyusunan-renstra": 1}
    html = response.content.decode()
    assert "Penyusunan RKT (revisi 2025)" in html
    assert TITLE not in html
    assert "800/045/BKPSDM/2025" in html
    assert "2 Januari 2025" in html


def test_an_sop_without_an_active_version_is_listed_as_not_yet_approved(client_for, kepala, demo):
    data = seed_definition()
    data["code"] = "penyusunan-rpjmd"
    data["identity"]["judul"] = "Penyusunan RPJMD"
    load_definition(demo, data, activate=False)

    html = client_for(kepala).get(URL).content.decode()

    assert "penyusunan-rpjmd" in html
    assert "belum disahkan" in html
    assert "Penyusunan RPJMD" not in html


def test_a_stranger_does_not_see_the_sop_of_bkpsdm(client_for, stranger, demo):
    response = client_for(stranger).get(URL)

    assert response.status_code == 200
    assert TITLE not in response.content.decode()


def test_a_stranger_sees_the_sop_of_their_own_organisation(client_for, stranger, demo, other_org):
    data = seed_definition()
    data["identity"]["judul"] = "Penyusunan RKT Dinas Pendidikan"
    load_definition(other_org, data)

    html = client_for(stranger).get(URL).content.decode()

    assert "Penyusunan RKT Dinas Pendidikan" in html
    assert TITLE not in html


def test_a_user_outside_every_organisation_gets_404(client_for, db):
    outsider = get_user_model().objects.create_user("tamu")
    assert client_for(outsider).get(URL).status_code == 404


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_post_is_not_allowed(client_for, kepala):
    assert client_for(kepala).post(URL).status_code == 405
