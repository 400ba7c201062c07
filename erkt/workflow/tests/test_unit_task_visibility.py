"""A per-unit task, its files and its history: for the unit's head and those who oversee
every unit; another unit's head (or any other pegawai) is answered 404, like the unit's
Form RKT.

The state: RKT 2027 at step 4 (a task per unit), the PPIK task holding a file its Kabid
uploaded.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.models import Task
from erkt.workflow.tests.page_helpers import MONDAY, at, open_task, pdf, run_to, start

SECRET_FILE = "rencana-ppik.pdf"


@pytest.fixture
def world(demo, kepala, kabid_ppik, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 4)
    task = open_task(process, 4, "PPIK")
    attachment = engine.add_attachment(task, by=kabid_ppik, file=pdf(SECRET_FILE))
    return {"process": process, "task": task, "attachment": attachment}


READERS = ["kabid_ppik", "kasubbag_perencanaan", "tim1", "tim2", "sekretaris", "kepala"]
OTHERS = ["kabid_psdm", "kabid_mpk", "kasubbag_umum"]
TABLE = [
    *[(who, 200) for who in READERS],
    ("administrator", 200),
    *[(who, 404) for who in OTHERS],
    ("stranger", 404),
]


@pytest.mark.parametrize(("who", "expected"), TABLE)
def test_the_task_page_of_a_unit(request, client_for, world, who, expected):
    client = client_for(request.getfixturevalue(who))
    response = client.get(reverse("workflow:task", args=[world["task"].pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(("who", "expected"), TABLE)
def test_the_file_of_a_unit_task(request, client_for, world, who, expected):
    client = client_for(request.getfixturevalue(who))
    response = client.get(reverse("workflow:attachment", args=[world["attachment"].pk]))
    assert response.status_code == expected


@pytest.mark.parametrize("who", OTHERS)
def test_another_unit_head_cannot_upload_to_the_task(request, client_for, world, who):
    client = client_for(request.getfixturevalue(who))
    response = client.post(
        reverse("workflow:task_upload", args=[world["task"].pk]), {"file": pdf("lain.pdf")}
    )
    assert response.status_code == 404
    assert world["task"].attachments.count() == 1


def test_the_process_page_shows_a_unit_head_only_its_own_unit_task(client_for, world, kabid_psdm):
    html = client_for(kabid_psdm).get(reverse("workflow:process", args=[world["process"].pk]))
    html = html.content.decode()
    own = open_task(world["process"], 4, "PSDM")
    assert reverse("workflow:task", args=[own.pk]) in html
    assert reverse("workflow:task", args=[world["task"].pk]) not in html
    assert reverse("workflow:attachment", args=[world["attachment"].pk]) not in html
    assert SECRET_FILE not in html


def test_the_process_page_shows_the_planning_line_every_unit_task(
    client_for, world, kasubbag_perencanaan
):
    client = client_for(kasubbag_perencanaan)
    html = client.get(reverse("workflow:process", args=[world["process"].pk])).content.decode()
    for task in Task.objects.filter(process=world["process"], step_run__number=4):
        assert reverse("workflow:task", args=[task.pk]) in html
    assert SECRET_FILE in html


def test_the_history_of_a_unit_task_is_left_out_for_another_unit(
    client_for, world, kabid_ppik, kabid_psdm
):
    engine.complete_task(world["task"], by=kabid_ppik, note="Form RKT PPIK terkirim.")
    url = reverse("workflow:process", args=[world["process"].pk])
    assert SECRET_FILE in client_for(kabid_ppik).get(url).content.decode()
    assert SECRET_FILE not in client_for(kabid_psdm).get(url).content.decode()


def test_a_later_task_shows_a_unit_head_no_other_units_files(client_for, world, kabid_psdm, tim1):
    run_to(world["process"], 5)
    lane = open_task(world["process"], 5)
    url = reverse("workflow:task", args=[lane.pk])
    download = reverse("workflow:attachment", args=[world["attachment"].pk])
    assert download in client_for(tim1).get(url).content.decode()
    html = client_for(kabid_psdm).get(url).content.decode()
    assert download not in html
    assert SECRET_FILE not in html
