"""Plt./Plh. in the admin: the office's administrator names one; another office's sees none."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.org.models import Employee, Substitution, Unit

ADD = "/admin/org/substitution/add/"


def psdm_head():
    return Unit.objects.get(organization__short_name="BKPSDM", short_name="PSDM").head_position


def data() -> dict:
    return {
        "position": psdm_head().pk,
        "kind": "plh",
        "substitute": Employee.objects.get(user__username="kabid.mpk").pk,
        "start_date": "2026-03-02",
        "end_date": "2026-03-13",
        "sp_number": "800/009/BKPSDM/2026",
        "sp_date": "2026-02-27",
    }


@pytest.fixture
def disdik_admin(stranger):
    stranger.is_staff = True
    stranger.save(update_fields=["is_staff"])
    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="org"))
    return stranger


def test_its_address():
    assert reverse("admin:org_substitution_add") == ADD


def test_the_administrator_names_a_plh_in_the_admin(client_for, administrator):
    response = client_for(administrator).post(ADD, data())
    assert response.status_code == 302
    substitution = Substitution.objects.get()
    assert substitution.created_by == administrator
    assert AuditEntry.objects.filter(action="substitution.create", user=administrator).exists()


def test_the_admin_refuses_an_overlap(client_for, administrator):
    client = client_for(administrator)
    client.post(ADD, data())
    response = client.post(ADD, {**data(), "start_date": "2026-03-13", "end_date": "2026-03-20"})
    assert response.status_code == 200
    assert "tidak boleh tumpang tindih" in response.content.decode()
    assert Substitution.objects.count() == 1


def test_another_offices_administrator_cannot_name_one_here(client_for, demo, disdik_admin):
    response = client_for(disdik_admin).post(ADD, data())
    assert response.status_code == 200  # the form again: BKPSDM's jabatan is no choice
    assert not Substitution.objects.exists()


def test_another_offices_administrator_does_not_see_ours(client_for, administrator, disdik_admin):
    client_for(administrator).post(ADD, data())
    html = client_for(disdik_admin).get("/admin/org/substitution/").content.decode()
    assert "800/009/BKPSDM/2026" not in html
