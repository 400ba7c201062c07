"""GET /api/v1/monitoring: the Pemantauan page's data as JSON, under the same rule."""

from __future__ import annotations

import datetime
import json

import pytest

from erkt.api.tests.helpers import advance_to, assert_error, at, open_task
from erkt.workflow import engine

pytestmark = pytest.mark.usefixtures("without_step_actions")

D = datetime.date


@pytest.fixture
def at_step_5(process, time_machine):
    """Started Friday 1 August 2025, at step 5 (opened that day, due 6 August), seen on
    Monday 11 August: three working days late."""
    advance_to(process, 5)
    time_machine.move_to(at(D(2025, 8, 11)), tick=False)
    return process


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("kepala", 200),
        ("sekretaris", 200),
        ("kasubbag_perencanaan", 200),
        ("tim1", 200),
        ("administrator", 200),
        ("kabid_ppik", 403),
        ("kasubbag_umum", 403),
    ],
)
def test_the_planning_line_and_the_administrator_may_read_it(
    request, api_for, at_step_5, who, status
):
    response = api_for(request.getfixturevalue(who)).get("/monitoring")
    if status == 200:
        assert response.status_code == 200
    else:
        assert_error(response, status)


def test_anonymous_callers_need_a_token(anonymous_api, at_step_5):
    assert_error(anonymous_api.get("/monitoring"), 401)


def test_another_organisation_sees_only_its_own(api_for, at_step_5, stranger):
    api = api_for(stranger)
    body = api.get("/monitoring").json()
    assert body["holders"] == [] and body["processes"] == [] and body["process"] is None
    assert_error(api.get("/monitoring", process=at_step_5.pk), 404)


def test_a_process_that_is_not_a_number_is_refused_in_indonesian(api_for, at_step_5, kepala):
    detail = assert_error(api_for(kepala).get("/monitoring", process="x"), 422)
    assert "process" in detail


def test_it_says_who_holds_what_and_what_is_late(api_for, at_step_5, tim1, tim2):
    task = open_task(at_step_5, 5)
    engine.claim_task(task, by=tim1)

    body = api_for(tim1).get("/monitoring").json()
    assert body["today"] == "2025-08-11"
    [holder] = body["holders"]
    assert holder["employee"] == tim1.employee.pk
    assert holder["positions"] == ["Anggota Tim Perencanaan"]
    [held] = holder["tasks"]
    assert held["id"] == task.pk and held["claimed_by"] == tim1.employee.full_name
    assert (held["due_date"], held["remaining_working_days"], held["late"]) == (
        "2025-08-06",
        -3,
        True,
    )
    assert [late["id"] for late in body["late"]] == [task.pk]


def test_it_measures_the_steps_across_the_weekend_and_the_cuti_bersama(
    api_for, process, kepala, time_machine
):
    # Friday 1 August 2025; Monday 18 August is cuti bersama, 17 August a Sunday.
    advance_to(process, 4)
    time_machine.move_to(at(D(2025, 8, 4)), tick=False)
    advance_to(process, 5)  # step 4 (every unit): Friday to Monday
    time_machine.move_to(at(D(2025, 8, 15)), tick=False)
    advance_to(process, 6)  # step 5: opened Monday 4 August
    time_machine.move_to(at(D(2025, 8, 19)), tick=False)
    advance_to(process, 7)  # step 6: opened Friday 15, done Tuesday 19 August

    body = api_for(kepala).get("/monitoring", process=process.pk).json()
    assert body["process"]["id"] == process.pk
    rows = {(row["step"], row["unit"]): row for row in body["durations"]}
    ppik = rows[(4, "PPIK")]
    assert [p["working_days"] for p in ppik["passes"]] == [1]
    assert ppik["late_count"] == 0 and ppik["working_days"] == 3
    step_5 = rows[(5, None)]
    assert step_5["passes"][0]["working_days"] == 9 and step_5["late_count"] == 1
    step_6 = rows[(6, None)]
    assert step_6["passes"][0] | {"task": 0} == {
        "task": 0,
        "process": process.pk,
        "pass_number": 1,
        "opened_on": "2025-08-15",
        "due_date": "2025-08-21",
        "completed_on": "2025-08-19",
        "working_days": 1,
        "suspended_working_days": 0,
        "done": True,
        "late": False,
    }
    assert (step_6["average"], step_6["maximum"]) == (1.0, 1)
    assert body["history"][0]["passes"] == [] and body["completed_processes"] == []


def test_its_answer_is_what_the_schema_makes_of_it(api_for, process, kepala, tim1, time_machine):
    """The answer is written without ninja's validation (erkt.api.prebuilt): it must be
    exactly what MonitoringOut makes of the same data, durations and history included."""
    from erkt.api.monitoring import MonitoringOut, monitoring_data
    from erkt.api.prebuilt import validated
    from erkt.workflow.monitoring import monitoring

    advance_to(process, 4)
    time_machine.move_to(at(D(2025, 8, 4)), tick=False)
    advance_to(process, 6)
    engine.claim_task(open_task(process, 6), by=tim1)
    time_machine.move_to(at(D(2025, 8, 19)), tick=False)

    response = api_for(kepala).get("/monitoring", process=process.pk)
    assert response["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["holders"] and body["durations"][0]["passes"]
    data = monitoring_data(monitoring(process.organization, process.pk))
    # The same bytes: keys in the schema's order, every value as the schema writes it.
    assert response.content.decode() == json.dumps(validated(MonitoringOut, data))
