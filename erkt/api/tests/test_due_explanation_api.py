"""The API's task answer says why its due date falls where it does."""

import datetime

import pytest

from erkt.api.tests.helpers import at, open_task
from erkt.workflow import engine
from erkt.workflow.models import CalendarDay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_step_actions")]


@pytest.fixture
def lebaran_process(seed_sop, kepala, time_machine):
    """Started on Tuesday 17 March 2026: step 1 is due after Nyepi and Lebaran."""
    time_machine.move_to(at(datetime.date(2026, 3, 17)), tick=False)
    return engine.start_process(sop=seed_sop, year=2026, by=kepala)


def test_a_task_explains_the_lebaran_holidays_its_due_date_skipped(
    lebaran_process, kepala, api_for
):
    task = open_task(lebaran_process, 1)
    answer = api_for(kepala).get(f"/tasks/{task.pk}").json()
    assert answer["due_date"] == "2026-03-25"
    assert answer["due_explanation"].startswith(
        "1 hari kerja; dilewati: Rab 18 Mar (Cuti Bersama Hari Suci Nyepi), "
    )
    assert answer["due_explanation"].endswith(
        "Sen 23 Mar, Sel 24 Mar (Cuti Bersama Hari Raya Idul Fitri)"
    )


def test_the_work_list_explains_each_due_date(lebaran_process, kepala, api_for):
    [task] = api_for(kepala).get("/tasks").json()
    assert "Hari Raya Idul Fitri" in task["due_explanation"]


def test_the_work_list_explains_in_the_caller_s_language(lebaran_process, kepala, api_for):
    api = api_for(kepala)
    [indonesian] = api.get("/tasks").json()
    [english] = api.client.get("/api/v1/tasks", headers={"accept-language": "en"}).json()
    assert indonesian["due_explanation"].startswith("1 hari kerja; dilewati: Rab 18 Mar (")
    assert english["due_explanation"].startswith("1 working day; skipped: Wed 18 Mar (")
    [again] = api.get("/tasks").json()
    assert again["due_explanation"] == indonesian["due_explanation"]


def test_the_work_list_names_a_local_day_off_recorded_after_an_earlier_answer(
    lebaran_process, kepala, api_for
):
    api = api_for(kepala)
    [before] = api.get("/tasks").json()
    assert "Hari Jadi" not in before["due_explanation"]
    CalendarDay.objects.create(
        organization=lebaran_process.organization, date=datetime.date(2026, 3, 25),
        kind=CalendarDay.Kind.LIBUR, name="Hari Jadi Kabupaten Balangan",
    )  # fmt: skip
    [after] = api.get("/tasks").json()
    assert "(Hari Jadi Kabupaten Balangan)" in after["due_explanation"]
