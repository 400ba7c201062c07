"""The forms overview: which units' forms are in, their totals, and returning one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.rkt.tests.form_fixtures import HEADS, form_of, form_process, submit_all, user
from erkt.rkt.unit_forms.services import return_form, submit_form
from erkt.workflow import actions
from erkt.workflow.models import Task

__all__ = ["form_process"]


def url(process) -> str:
    return reverse("rkt:forms_overview", args=[process.pk])


def test_its_address(form_process):
    assert url(form_process) == f"/rkt/proses/{form_process.pk}/form-rkt/"


def test_it_shows_which_forms_are_in_and_which_are_missing(form_process, client_for, tim1):
    submit_form(form_of(form_process, "MPK"), by=user(HEADS["MPK"]))
    response = client_for(tim1).get(url(form_process))
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 dari 5 masuk" in html
    items = {item.unit.short_name: item for item in response.context["items"]}
    assert list(items) == ["PERENCANAAN", "UMPEG", "PPIK", "PSDM", "MPK"]
    assert items["MPK"].form.is_submitted
    assert not items["PPIK"].form.is_submitted
    assert html.count("belum masuk") == 4
    assert items["MPK"].total == form_of(form_process, "MPK").total_anggaran > 0
    assert items["MPK"].pagu == items["MPK"].total  # issued at the pagu, unchanged
    assert reverse("rkt:unit_form", args=[items["PPIK"].form.pk]) in html


def test_while_collecting_the_tim_may_return_a_sent_form(form_process, client_for, tim1):
    submit_all(form_process)
    response = client_for(tim1).get(url(form_process))
    html = response.content.decode()
    assert "5 dari 5 masuk" in html
    assert html.count("Kembalikan ke unit") == 5
    assert reverse("rkt:unit_form_return", args=[form_of(form_process, "PSDM").pk]) in html


def test_before_collecting_no_form_can_be_returned(form_process, client_for, tim1):
    submit_form(form_of(form_process, "MPK"), by=user(HEADS["MPK"]))
    html = client_for(tim1).get(url(form_process)).content.decode()
    assert "Kembalikan ke unit" not in html
    assert "selama langkah pengumpulan Form RKT berjalan" in html


def test_the_leadership_reads_it_without_returning(form_process, client_for, kepala):
    submit_all(form_process)
    response = client_for(kepala).get(url(form_process))
    assert response.status_code == 200
    assert "Kembalikan ke unit" not in response.content.decode()


def test_a_returned_form_shows_its_reason(form_process, client_for, tim1):
    submit_all(form_process)
    return_form(form_of(form_process, "UMPEG"), by=tim1, reason="Lengkapi justifikasi.")
    html = client_for(tim1).get(url(form_process)).content.decode()
    assert "Dikembalikan" in html
    assert "Lengkapi justifikasi." in html
    assert "4 dari 5 masuk" in html


def test_a_refused_return_is_shown_on_the_overview(form_process, client_for, tim1):
    submit_all(form_process)
    form = form_of(form_process, "MPK")
    response = client_for(tim1).post(reverse("rkt:unit_form_return", args=[form.pk]), {})
    assert response.status_code == 422
    assert response.context["failed"] == form.pk
    assert "Tuliskan alasan pengembalian Form RKT." in response.content.decode()


def test_the_step_5_task_leads_here(form_process, tim1):
    submit_all(form_process)
    task = Task.objects.get(process=form_process, step_run__number=5, status="open")
    assert actions.get("rkt.kumpul_form").links(task, tim1) == [
        ("Rekap Form RKT", url(form_process))
    ]


@pytest.mark.parametrize("name", ["kabid_mpk", "kasubbag_umum"])
def test_a_unit_head_is_refused(request, form_process, client_for, name):
    assert client_for(request.getfixturevalue(name)).get(url(form_process)).status_code == 403


def test_another_organisation_gets_404(form_process, client_for, stranger):
    assert client_for(stranger).get(url(form_process)).status_code == 404


@pytest.mark.database
def test_it_costs_a_fixed_number_of_queries(
    form_process, client_for, tim1, django_assert_max_num_queries
):
    submit_all(form_process)
    client = client_for(tim1)
    with django_assert_max_num_queries(20):
        client.get(url(form_process))
