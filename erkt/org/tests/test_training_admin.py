"""The employee's pendidikan and diklat/pelatihan in the admin, scoped to the organisation."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from erkt.org.models import Employee, Pendidikan, Training

pytestmark = pytest.mark.django_db


@pytest.fixture
def disdik_admin(stranger):
    """The Kepala of Dinas Pendidikan as a staff user (not superuser) allowed the org admin."""
    stranger.is_staff = True
    stranger.save(update_fields=["is_staff"])
    stranger.user_permissions.set(Permission.objects.filter(content_type__app_label="org"))
    return stranger


def _change(employee: Employee) -> str:
    return reverse("admin:org_employee_change", args=[employee.pk])


def _post_data(employee: Employee, training: str) -> dict:
    return {
        "organization": employee.organization_id,
        "name": employee.name,
        "gelar_depan": employee.gelar_depan,
        "gelar_belakang": employee.gelar_belakang,
        "nip": employee.nip or "",
        "pangkat": employee.pangkat,
        "nik": employee.nik or "",
        "pendidikan": Pendidikan.S2,
        "user": employee.user_id or "",
        "trainings-TOTAL_FORMS": "1",
        "trainings-INITIAL_FORMS": "0",
        "trainings-MIN_NUM_FORMS": "0",
        "trainings-MAX_NUM_FORMS": "1000",
        "trainings-0-name": training,
        "trainings-0-year": "2025",
        "trainings-0-certificate_number": "800/9/2025",
    }


def test_the_administrator_records_a_training_and_the_pendidikan(client_for, administrator):
    tim2 = Employee.objects.get(user__username="tim2")
    page = client_for(administrator).get(_change(tim2)).content.decode()
    assert "Pelatihan Dasar CPNS Golongan III" in page  # the demo's training, inline
    response = client_for(administrator).post(
        _change(tim2), _post_data(tim2, "Bimtek Penyusunan RKT")
    )
    assert response.status_code == 302
    tim2.refresh_from_db()
    assert tim2.pendidikan == Pendidikan.S2
    assert tim2.trainings.filter(name="Bimtek Penyusunan RKT", year=2025).exists()


def test_an_administrator_of_another_office_cannot_touch_them(client_for, disdik_admin, demo):
    tim2 = Employee.objects.get(user__username="tim2")
    before = Training.objects.count()
    client = client_for(disdik_admin)
    assert client.get(_change(tim2)).status_code == 302  # "does not exist": to the index
    response = client.post(_change(tim2), _post_data(tim2, "Bimtek Penyusunan RKT"))
    assert response.status_code == 302
    assert Training.objects.count() == before
    tim2.refresh_from_db()
    assert tim2.pendidikan == Pendidikan.S1
    own = Employee.objects.get(user=disdik_admin)
    assert client.get(_change(own)).status_code == 200


def test_the_employee_list_filters_by_pendidikan(client_for, administrator):
    response = client_for(administrator).get(
        reverse("admin:org_employee_changelist"), {"pendidikan__exact": "S3"}
    )
    assert [e.user.username for e in response.context["cl"].result_list] == ["kepala"]
