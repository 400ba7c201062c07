"""The process list ("Proses") and the Kepala Badan's "Mulai Penyusunan RKT" form."""

import datetime

import pytest
from django.urls import reverse

from erkt.workflow.models import Process
from erkt.workflow.tests.page_helpers import MONDAY, at, seed_sop, start

LIST = reverse("workflow:process_list")
START = reverse("workflow:process_start")


@pytest.fixture
def monday(time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    return MONDAY


def start_data(demo, **overrides) -> dict:
    return {"sop": seed_sop(demo).pk, "year": 2027, "start_date": "2026-11-02", **overrides}


def test_the_kepala_sees_the_start_form_with_its_defaults(client_for, demo, kepala, monday):
    html = client_for(kepala).get(LIST).content.decode()
    assert "Mulai Penyusunan RKT" in html
    assert 'name="year" value="2027"' in html  # next year
    assert 'name="start_date" value="2026-11-02"' in html  # today, WITA
    assert f'<option value="{seed_sop(demo).pk}" selected>' in html


def test_other_users_see_the_list_without_the_form(client_for, kabid_ppik, demo, kepala, monday):
    start(demo, kepala)
    html = client_for(kabid_ppik).get(LIST).content.decode()
    assert "Penyusunan Rencana Kinerja Tahunan (RKT)" in html
    assert 'id="start-process"' not in html


def test_it_lists_running_and_finished_processes(client_for, sekretaris, demo, kepala, monday):
    from erkt.workflow import engine

    engine.cancel_process(start(demo, kepala, year=2026), by=kepala, reason="Salah tahun.")
    start(demo, kepala, year=2027)
    html = client_for(sekretaris).get(LIST).content.decode()
    assert "Berjalan" in html
    assert "Dibatalkan" in html
    assert "1. Disposisi kepada Kasubbag Perencanaan" in html


def test_the_kepala_starts_a_process(client_for, demo, kepala, monday):
    response = client_for(kepala).post(START, start_data(demo))
    process = Process.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("workflow:process", args=[process.pk])
    assert (process.year, process.start_date, process.started_by) == (2027, MONDAY, kepala)


def test_a_past_start_date_records_a_process_begun_on_paper(client_for, demo, kepala, monday):
    client_for(kepala).post(START, start_data(demo, start_date="2026-10-26"))
    assert Process.objects.get().start_date == datetime.date(2026, 10, 26)


def test_a_future_start_date_is_refused_with_the_engines_message(client_for, demo, kepala, monday):
    response = client_for(kepala).post(START, start_data(demo, start_date="2026-11-03"))
    assert response.status_code == 422
    assert "Tanggal mulai tidak boleh melewati hari ini." in response.content.decode()
    assert not Process.objects.exists()


def test_a_second_start_for_the_same_year_is_a_conflict(client_for, demo, kepala, monday):
    start(demo, kepala)
    response = client_for(kepala).post(START, start_data(demo))
    assert response.status_code == 409
    assert "masih berjalan" in response.content.decode()
    assert Process.objects.count() == 1


def test_a_completed_year_is_refused_with_a_clear_message(client_for, demo, kepala, monday):
    Process.objects.filter(pk=start(demo, kepala).pk).update(status=Process.Status.COMPLETED)
    response = client_for(kepala).post(START, start_data(demo))
    assert response.status_code == 409
    assert "sudah selesai (ditandatangani dan diarsipkan)" in response.content.decode()
    assert Process.objects.count() == 1


def test_a_year_that_is_not_a_number_is_refused(client_for, demo, kepala, monday):
    response = client_for(kepala).post(START, start_data(demo, year="dua ribu"))
    assert response.status_code == 422
    assert not Process.objects.exists()


def test_another_user_may_not_start_a_process(client_for, demo, sekretaris, monday):
    response = client_for(sekretaris).post(START, start_data(demo))
    assert response.status_code == 403
    assert "Hanya Kepala Badan yang dapat memulai pelaksanaan SOP." in response.content.decode()
    assert not Process.objects.exists()


def test_an_administrator_starts_for_the_kepala_only_with_a_reason(
    client_for, demo, administrator, monday
):
    client = client_for(administrator)
    assert "Alasan bertindak atas nama" in client.get(LIST).content.decode()
    refused = client.post(START, start_data(demo))
    assert refused.status_code == 422
    assert not Process.objects.exists()
    client.post(START, start_data(demo, on_behalf_reason="Kepala Badan dinas luar."))
    assert Process.objects.get().started_by == administrator


def test_the_kepala_is_not_asked_for_an_on_behalf_reason(client_for, kepala, monday):
    assert "on_behalf_reason" not in client_for(kepala).get(LIST).content.decode()


def test_the_sop_of_another_organisation_cannot_be_chosen(client_for, demo, stranger, monday):
    response = client_for(stranger).post(START, start_data(demo))
    assert response.status_code == 422
    assert not Process.objects.exists()


def test_the_list_shows_only_the_processes_of_the_users_organisation(
    client_for, demo, kepala, stranger, monday
):
    start(demo, kepala)
    html = client_for(stranger).get(LIST).content.decode()
    assert "Belum ada pelaksanaan SOP." in html
