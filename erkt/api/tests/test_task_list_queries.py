"""GET /api/v1/tasks costs a fixed number of queries: per caller, not per task or office."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from erkt.workflow.models import Task
from erkt.workflow.tests.page_helpers import crowd

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("without_step_actions"),
    pytest.mark.database,
]


def listed(api) -> tuple[int, list[dict]]:
    """The query count of the list (after a first call that records the token's use)."""
    api.get("/tasks")
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/tasks")
    assert response.status_code == 200
    return len(queries), response.json()


def twins_of(task: Task, count: int) -> None:
    """`count` more open tasks like `task` (a backlog the Kepala has to work through)."""
    Task.objects.bulk_create(
        Task(
            process_id=task.process_id,
            step_run_id=task.step_run_id,
            position_id=task.position_id,
            opened_on=task.opened_on,
            due_date=task.due_date,
        )
        for _ in range(count)
    )


def test_fifty_open_tasks_cost_as_many_queries_as_one(process, kepala, api_for):
    api = api_for(kepala)
    one, tasks = listed(api)
    assert len(tasks) == 1
    twins_of(Task.objects.get(process=process, status="open"), 49)
    fifty, tasks = listed(api)
    assert len(tasks) == 50
    assert {t["remaining_working_days"] for t in tasks} == {tasks[0]["remaining_working_days"]}
    assert fifty == one


def test_other_busy_offices_add_no_query(process, kepala, api_for):
    api = api_for(kepala)
    alone, tasks = listed(api)
    crowd(2)
    crowd(3)
    crowded, crowded_tasks = listed(api)
    assert crowded_tasks == tasks
    assert crowded == alone


def test_a_kepala_with_open_tasks_in_many_years_costs_as_many_queries(
    process, demo, kepala, api_for
):
    from erkt.workflow.tests.page_helpers import start

    api = api_for(kepala)
    few, _tasks = listed(api)
    for year in range(2027, 2040):
        start(demo, kepala, year=year)
    many, tasks = listed(api)
    assert len(tasks) == 14
    assert many == few
