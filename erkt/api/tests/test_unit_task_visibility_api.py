"""A per-unit task through the API: for the unit's head and those who oversee every unit;
another unit's head gets a JSON 404, like the unit's Form RKT."""

from __future__ import annotations

import pytest

from erkt.api.tests.helpers import advance_to, assert_error, open_task, output_file
from erkt.workflow import engine

pytestmark = pytest.mark.usefixtures("without_step_actions")

READERS = ["kabid_ppik", "kasubbag_perencanaan", "tim1", "sekretaris", "kepala", "administrator"]
OTHERS = ["kabid_psdm", "kasubbag_umum", "stranger"]
TABLE = [*[(who, 200) for who in READERS], *[(who, 404) for who in OTHERS]]


@pytest.fixture
def world(process, kabid_ppik):
    advance_to(process, 4)
    task = open_task(process, 4, "PPIK")
    attachment = engine.add_attachment(task, by=kabid_ppik, file=output_file("ppik.pdf"))
    return {"process": process, "task": task, "attachment": attachment}


def urls(world) -> dict[str, str]:
    task, attachment = world["task"], world["attachment"]
    return {
        "detail": f"/tasks/{task.pk}",
        "download": f"/tasks/{task.pk}/attachments/{attachment.pk}",
        "eligible": f"/tasks/{task.pk}/eligible",
    }


@pytest.mark.parametrize("url", ["detail", "download", "eligible"])
@pytest.mark.parametrize(("who", "expected"), TABLE)
def test_a_unit_task_through_the_api(request, api_for, world, who, url, expected):
    response = api_for(request.getfixturevalue(who)).get(urls(world)[url])
    if expected == 404:
        assert_error(response, 404)
    else:
        assert response.status_code == expected


def test_another_unit_head_cannot_upload_to_the_task(api_for, world, kabid_psdm):
    api = api_for(kabid_psdm)
    task = world["task"]
    response = api.upload(f"/tasks/{task.pk}/attachments", {"file": output_file("lain.pdf")})
    assert_error(response, 404)
    assert task.attachments.count() == 1


def test_another_unit_head_cannot_complete_the_task(api_for, world, kabid_psdm):
    task = world["task"]
    assert_error(api_for(kabid_psdm).post(f"/tasks/{task.pk}/complete", {}), 404)
    task.refresh_from_db()
    assert task.status == "open"


def test_the_process_shows_a_unit_head_only_its_own_unit_task(api_for, world, kabid_psdm):
    body = api_for(kabid_psdm).get(f"/processes/{world['process'].pk}").json()
    units = {task["unit"] for task in body["tasks"] if task["step"] == 4}
    assert units == {"PSDM"}


def test_the_process_shows_the_planning_line_every_unit_task(api_for, world, tim1):
    body = api_for(tim1).get(f"/processes/{world['process'].pk}").json()
    units = {task["unit"] for task in body["tasks"] if task["step"] == 4}
    assert units == {"PERENCANAAN", "UMPEG", "PPIK", "PSDM", "MPK"}
