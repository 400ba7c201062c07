"""The Plt./Plh. page: an administrator names either, a holder a Plh. for their own jabatan."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.org.models import Employee, Substitution, Unit

URL = "/plt-plh/"
TODAY = datetime.date(2026, 3, 2)  # a Monday


@pytest.fixture(autouse=True)
def today(time_machine):
    moment = datetime.datetime(2026, 3, 2, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar"))
    time_machine.move_to(moment, tick=False)


def head(unit: str):
    return Unit.objects.get(organization__short_name="BKPSDM", short_name=unit).head_position


def employee(username: str) -> Employee:
    return Employee.objects.get(user__username=username)


def data(unit: str, substitute: str, kind: str = "plh", **extra) -> dict:
    return {
        "position": head(unit).pk,
        "kind": kind,
        "substitute": employee(substitute).pk,
        "start_date": "2026-03-02",
        "end_date": "2026-03-13",
        "sp_number": "800.1.11.1/012/BKPSDM/2026",
        "sp_date": "2026-02-27",
        **extra,
    }


def test_its_address():
    assert reverse("substitutions") == URL


def test_the_holder_names_a_plh_for_their_own_jabatan(client_for, kabid_psdm):
    response = client_for(kabid_psdm).post(URL, data("PSDM", "kabid.mpk"))
    assert response.status_code == 302
    substitution = Substitution.objects.get()
    assert (substitution.kind, substitution.substitute, substitution.created_by) == (
        "plh",
        employee("kabid.mpk"),
        kabid_psdm,
    )
    entry = AuditEntry.objects.get(action="substitution.create")
    assert entry.user == kabid_psdm and entry.after["sp_number"] == "800.1.11.1/012/BKPSDM/2026"
    html = client_for(kabid_psdm).get(URL).content.decode()
    assert "Tunjuk Plh." in html and employee("kabid.mpk").full_name in html


def test_the_page_lists_it_for_the_substitute_too(client_for, kabid_psdm, kabid_mpk):
    client_for(kabid_psdm).post(URL, data("PSDM", "kabid.mpk"))
    html = client_for(kabid_mpk).get(URL).content.decode()
    assert "800.1.11.1/012/BKPSDM/2026" in html


def test_a_holder_cannot_name_a_plt(client_for, kabid_psdm):
    response = client_for(kabid_psdm).post(URL, data("PSDM", "kabid.mpk", kind="plt"))
    assert response.status_code == 422
    assert not Substitution.objects.exists()


def test_it_refuses_a_kabid_naming_a_plh_for_another_bidang(client_for, kabid_ppik):
    response = client_for(kabid_ppik).post(URL, data("PSDM", "kabid.mpk"))
    assert response.status_code == 422
    assert "position" in response.context["form"].errors  # not a choice of theirs
    assert not Substitution.objects.exists()


def test_a_holder_cannot_name_a_plh_for_a_past_range(client_for, kabid_psdm):
    response = client_for(kabid_psdm).post(URL, data("PSDM", "kabid.mpk", start_date="2026-02-23"))
    assert response.status_code == 422
    assert "mulai hari ini atau sesudahnya" in response.content.decode()
    assert not Substitution.objects.exists()


def test_the_administrator_names_a_plt_for_any_jabatan(client_for, administrator):
    response = client_for(administrator).post(URL, data("KABAN", "sekretaris", kind="plt"))
    assert response.status_code == 302
    assert Substitution.objects.get().title.startswith("Plt. Kepala")


def test_an_overlap_is_refused_with_a_clear_message(client_for, administrator):
    client = client_for(administrator)
    client.post(URL, data("PSDM", "kabid.mpk"))
    response = client.post(URL, data("PSDM", "kabid.ppik", start_date="2026-03-10"))
    assert response.status_code == 422
    assert "tidak boleh tumpang tindih" in response.content.decode()
    assert Substitution.objects.count() == 1


def test_an_administrator_of_another_office_cannot_name_one_here(
    client_for, demo, other_org, django_user_model
):
    other_admin = django_user_model.objects.get(username="kepala.disdik")
    other_admin.is_staff = True
    other_admin.save(update_fields=["is_staff"])
    response = client_for(other_admin).post(URL, data("PSDM", "kabid.mpk"))
    assert response.status_code == 422  # BKPSDM's jabatan are no choice of theirs
    assert not Substitution.objects.exists()


def test_a_user_outside_every_office_gets_404(client_for, demo, django_user_model):
    outsider = django_user_model.objects.create_user("luar", password="x")
    assert client_for(outsider).get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client, demo):
    response = client.get(URL)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_it_refuses_other_methods(client_for, kabid_psdm):
    assert client_for(kabid_psdm).put(URL).status_code == 405
