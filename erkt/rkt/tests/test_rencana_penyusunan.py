from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.org.models import Employee
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.preparation.models import RencanaPenyusunan
from erkt.rkt.preparation.steps import DISPOSISI, RENCANA, SOSIALISASI
from erkt.rkt.tests.preparation_helpers import (
    complete,
    hold_meeting,
    record_disposisi,
    record_rencana,
    task_of,
    to_rencana,
    to_sosialisasi,
    version_now,
)
from erkt.workflow import actions
from erkt.workflow.models import Task

D = datetime.date


@pytest.fixture
def process(rkt_process):
    """Step 2 is open: the Kasubbag Perencanaan plans the preparation."""
    return to_rencana(rkt_process)


def url(process) -> str:
    return reverse("rkt:rencana", args=[process.pk])


def employee(username: str) -> Employee:
    return Employee.objects.get(user__username=username)


def form_data(process, **changes) -> dict:
    data = {f"hari_{run.step.number}": run.step.working_days for run in process.step_runs.all()}
    data["tim"] = [employee("tim1").pk, employee("tim2").pk]
    data["uraian"] = "Nurul menghimpun Form RKT, Ahmad menyusun draft."
    data["version"] = version_now(RencanaPenyusunan, process)
    data.update(changes)
    return data


def test_the_team_defaults_to_the_holders_of_the_tim_perencanaan_positions(
    process, kasubbag_perencanaan, client_for
):
    response = client_for(kasubbag_perencanaan).get(url(process))
    form = response.context["form"]
    assert sorted(form.initial["tim"]) == sorted([employee("tim1").pk, employee("tim2").pk])
    page = response.content.decode()
    assert "Nurul Hikmah, S.E." in page
    assert "Selesai pada" not in page


def test_the_kasubbag_tightens_a_step_and_the_plan_moves(process, kasubbag_perencanaan, client_for):
    assert process.step_runs.get(number=4).planned_due == D(2026, 11, 10)
    data = form_data(process, hari_4=2, hari_8=3)
    response = client_for(kasubbag_perencanaan).post(url(process), data)
    assert response.status_code == 302

    process.refresh_from_db()
    assert process.step_working_days == {"4": 2, "8": 3}
    assert process.step_runs.get(number=4).planned_due == D(2026, 11, 9)
    assert process.planned_end == D(2026, 11, 30)
    rencana = RencanaPenyusunan.objects.get(process=process)
    assert rencana.planned_end == D(2026, 11, 30)
    row = rencana.jadwal.get(number=4)
    assert (row.sop_working_days, row.working_days, row.planned_due) == (3, 2, D(2026, 11, 9))
    assert [(a.name, a.nip) for a in rencana.anggota.all()] == [
        ("Ahmad Syarifuddin, S.A.P.", "199301272019031005"),
        ("Nurul Hikmah, S.E.", "198806042011012003"),
    ]
    assert rencana.anggota.first().title == "Anggota Tim Perencanaan"
    assert AuditEntry.objects.filter(action="rencana.save").exists()


def test_extending_a_step_is_refused_with_a_message_and_nothing_changes(
    process, kasubbag_perencanaan, client_for
):
    planned = list(process.step_runs.values_list("number", "planned_start", "planned_due"))
    response = client_for(kasubbag_perencanaan).post(url(process), form_data(process, hari_5=4))
    assert response.status_code == 422
    assert "Waktu langkah 5 paling lama 3 hari kerja sesuai SOP" in response.content.decode()
    process.refresh_from_db()
    assert process.step_working_days == {}
    assert process.planned_end == D(2026, 12, 3)
    assert list(process.step_runs.values_list("number", "planned_start", "planned_due")) == (
        planned
    )
    assert not RencanaPenyusunan.objects.exists()


def test_zero_days_are_refused(process, kasubbag_perencanaan, client_for):
    response = client_for(kasubbag_perencanaan).post(url(process), form_data(process, hari_6=0))
    assert response.status_code == 422
    assert "Waktu langkah 6 paling sedikit 1 hari kerja" in response.content.decode()


def test_a_plan_without_a_team_is_refused(process, kasubbag_perencanaan, client_for):
    response = client_for(kasubbag_perencanaan).post(url(process), form_data(process, tim=[]))
    assert response.status_code == 422
    assert "Pilih paling sedikit satu anggota Tim Perencanaan" in response.content.decode()
    assert not RencanaPenyusunan.objects.exists()


def test_an_employee_of_another_organisation_cannot_join_the_team(
    process, kasubbag_perencanaan, client_for, other_org
):
    outsider = Employee.objects.filter(organization=other_org).first()
    data = form_data(process, tim=[outsider.pk])
    response = client_for(kasubbag_perencanaan).post(url(process), data)
    assert response.status_code == 422
    assert not RencanaPenyusunan.objects.exists()


def test_a_step_already_opened_keeps_its_waktu_whatever_is_posted(
    process, kasubbag_perencanaan, client_for
):
    client_for(kasubbag_perencanaan).post(url(process), form_data(process, hari_1=9, hari_2=9))
    process.refresh_from_db()
    assert process.step_working_days == {}
    assert RencanaPenyusunan.objects.get(process=process).jadwal.get(number=2).working_days == 1


def test_the_step_cannot_complete_without_the_plan(process, kasubbag_perencanaan, client_for):
    task = task_of(process, RENCANA)
    response = client_for(kasubbag_perencanaan).post(
        reverse("workflow:task_complete", args=[task.pk]), {"note": ""}
    )
    assert response.status_code == 422
    assert "Dokumen Perencanaan dan Program Kerja" in response.content.decode()


def test_a_plan_without_team_members_is_not_the_output(process):
    record_rencana(process, tim=[])
    task = task_of(process, RENCANA)
    assert actions.get(RENCANA).missing_output(task) == "Dokumen Perencanaan dan Program Kerja"


def test_a_tightened_step_is_due_after_its_planned_days_when_it_opens(demo, rkt_process):
    load_demo_renstra(demo)
    to_sosialisasi(rkt_process, working_days={4: 2})
    hold_meeting(rkt_process)
    complete(rkt_process, SOSIALISASI)
    tasks = Task.objects.filter(process=rkt_process, step_run__number=4)
    assert tasks.count() == 5
    # Steps 1-3 were all done on Monday 2 November: step 4 is due on Wednesday, not Thursday.
    assert {(t.opened_on, t.due_date) for t in tasks} == {(D(2026, 11, 2), D(2026, 11, 4))}


def test_the_plan_warns_when_it_ends_after_the_disposition_deadline(
    rkt_process, kasubbag_perencanaan, client_for
):
    record_disposisi(rkt_process, batas_waktu=D(2026, 11, 30))
    complete(rkt_process, DISPOSISI)
    page = client_for(kasubbag_perencanaan).get(url(rkt_process)).content.decode()
    assert "melewati batas waktu disposisi (30 November 2026)" in page
