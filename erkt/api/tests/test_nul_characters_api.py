"""A NUL character in any text of an API request answers 422, on PostgreSQL as on SQLite."""

from __future__ import annotations

import pytest

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import assert_error, open_task, output_file
from erkt.workflow import engine

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("without_step_actions"),
    pytest.mark.database,
]


def test_a_nul_in_the_username_of_the_token_endpoint_answers_422(anonymous_api, kepala):
    response = anonymous_api.post("/auth/token", {"username": "kepala\x00", "password": "x"})
    assert "NUL" in assert_error(response, 422)
    assert not ApiToken.objects.exists()


def test_a_nul_in_a_note_answers_422_and_the_task_stays_open(process, kepala, api_for):
    task = open_task(process, 1)
    engine.add_attachment(task, by=kepala, file=output_file())
    response = api_for(kepala).post(
        f"/tasks/{task.pk}/complete", {"decision": "", "note": "catatan\x00"}
    )
    assert_error(response, 422)
    task.refresh_from_db()
    assert (task.status, task.note) == ("open", "")


def test_a_nul_in_a_query_parameter_answers_422(kepala, api_for):
    assert_error(api_for(kepala).get("/tasks", status="open\x00"), 422)
