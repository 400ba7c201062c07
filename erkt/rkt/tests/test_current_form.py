""" "Form RKT" in the menu: it leads each user to the form they work on in the running process."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from erkt.org.models import Employee, Position, Role, Unit
from erkt.rkt.tests.form_fixtures import form_of, form_process
from erkt.workflow import engine

__all__ = ["form_process"]

URL = "/rkt/form-rkt/"


@pytest.fixture
def staf(demo):
    """A pegawai of the Subbag Umum without a unit to head nor a planning role."""
    user = get_user_model().objects.create_user("staf.umum", password="demo1234")
    employee = Employee.objects.create(organization=demo, user=user, name="Rahmadi")
    unit = Unit.objects.get(organization=demo, short_name="UMPEG")
    position = Position.objects.create(
        organization=demo, unit=unit, title="Pengadministrasi Umum", role=Role.STAF
    )
    position.holders.add(employee)
    return user


def test_its_address(db):
    assert reverse("rkt:unit_form_current") == URL


@pytest.mark.parametrize("planner", ["tim1", "kasubbag_perencanaan", "sekretaris", "kepala"])
def test_the_planners_and_the_leadership_go_to_the_overview(
    request, client_for, form_process, planner
):
    response = client_for(request.getfixturevalue(planner)).get(URL)
    assert response.status_code == 302
    assert response.url == reverse("rkt:forms_overview", args=[form_process.pk])


@pytest.mark.parametrize(("head", "unit"), [("kabid_ppik", "PPIK"), ("kasubbag_umum", "UMPEG")])
def test_a_unit_head_goes_to_the_form_of_their_unit(request, client_for, form_process, head, unit):
    response = client_for(request.getfixturevalue(head)).get(URL)
    assert response.status_code == 302
    assert response.url == reverse("rkt:unit_form", args=[form_of(form_process, unit).pk])


def test_before_the_forms_are_issued_it_says_so_on_the_rkt_index(client_for, kabid_ppik, demo):
    response = client_for(kabid_ppik).get(URL, follow=True)
    assert response.redirect_chain == [(reverse("rkt:drafts:index"), 302)]
    message = str(next(iter(response.context["messages"])))
    assert message == "Belum ada Form RKT pada proses RKT yang sedang berjalan."


def test_a_cancelled_process_has_no_current_form(client_for, tim1, kepala, form_process):
    engine.cancel_process(form_process, by=kepala, reason="Salah tahun.")
    response = client_for(tim1).get(URL)
    assert response.url == reverse("rkt:drafts:index")


def test_a_kepala_of_another_office_sees_none_of_bkpsdm_forms(client_for, stranger, form_process):
    response = client_for(stranger).get(URL)
    assert response.url == reverse("rkt:drafts:index")


def test_a_pegawai_without_form_work_is_refused(client_for, staf, form_process):
    assert client_for(staf).get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_answers_only_get(client_for, tim1):
    assert client_for(tim1).post(URL).status_code == 405
