"""POST /api/v1/tasks/{id}/complete costs a fixed number of queries: the caller (the token
with its user, employee and Pemkab membership in one query), the task found in the
caller's organisation, the engine's completion (12, with the lock, the checks, the audit
entries and the next step's deadline) and, for the answer,
the task as the engine returned it with its attachments read in one query (three before:
the task re-read with its relations, its attachments and their uploaders)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from erkt.workflow import engine
from erkt.workflow.models import Task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("without_step_actions"),
    pytest.mark.database,
]

# 12 of the engine (its notices queued by one INSERT after the commit), 2 before it, 1 after
# it, 1 of the caller (BEGIN and COMMIT not counted). 18 while the token and the employee
# were two queries; 17 while the output check (whether the task has a file) was a query of
# its own.
COMPLETION = 16
# PostgreSQL appends the audit entries and moves the chain head in one statement: one fewer.
COMPLETION_ON = {"postgresql": COMPLETION - 1}


@pytest.fixture(autouse=True)
def database_task_queue(settings):
    """The queue of production: enqueueing is one INSERT, the sending waits for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_completing_a_step_without_content_costs_sixteen_queries(process, kepala, api_for):
    api = api_for(kepala)
    task = Task.objects.get(process=process, status="open")
    upload = SimpleUploadedFile("keluaran.pdf", b"%PDF-1.4 isi", "application/pdf")
    engine.add_attachment(task, by=kepala, file=upload)
    api.get("/tasks")  # the token's first use is recorded here
    with CaptureQueriesContext(connection) as queries:
        response = api.post(f"/tasks/{task.pk}/complete", {})
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    counted = [q for q in queries if q["sql"] not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT")]
    assert len(counted) == COMPLETION_ON.get(connection.vendor, COMPLETION)
