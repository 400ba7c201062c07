"""GET /tasks read as plain rows (erkt.api.task_rows) answers what the ORM's tasks make of
TaskOut: a Kepala's list across years, late, due today and on time, with files, a claimant
and a completer, in both languages."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import translation

from erkt.api.prebuilt import validated
from erkt.api.schemas import TaskOut
from erkt.api.tasks import task_data
from erkt.api.tests.helpers import START, WITA
from erkt.org.models import Employee
from erkt.workflow.models import Task
from erkt.workflow.pages import open_tasks_for, unit_order
from erkt.workflow.tests.page_helpers import start

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("without_step_actions"),
    pytest.mark.database,
]


def orm_answer(user, language: str) -> str:
    """TaskOut's validation of task_data for open_tasks_for(user) in Task.Meta's order
    (the latest process first; no unit before the units), as ninja would write it."""

    def order(task: Task) -> tuple:
        process = task.process
        latest = (-process.year, -process.start_date.toordinal(), -process.pk)
        return (*latest, task.step_run.number, task.pass_number, unit_order(task), task.pk)

    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        data = [task_data(task) for task in sorted(open_tasks_for(user), key=order)]
        return json.dumps(validated(list[TaskOut], data, request))


def move(task: Task, opened_on: datetime.date, due_date: datetime.date) -> None:
    Task.objects.filter(pk=task.pk).update(opened_on=opened_on, due_date=due_date)


def test_a_kepalas_long_list_is_what_the_orm_makes_of_it(process, demo, kepala, api_for):
    api = api_for(kepala)
    for year, day in ((2027, START), (2028, START - datetime.timedelta(days=40)), (2029, START)):
        start(demo, kepala, year=year, on=day)
    tasks = list(Task.objects.filter(status="open").order_by("pk"))
    assert len(tasks) == 4
    # Late across the weekend of 17 August and its cuti bersama; late with a due date
    # before the opening (no explanation); due today; on time.
    move(tasks[0], datetime.date(2025, 7, 14), datetime.date(2025, 7, 21))
    move(tasks[1], START, START - datetime.timedelta(days=3))
    move(tasks[2], START - datetime.timedelta(days=2), START)
    Employee.objects.filter(user=kepala).update(gelar_depan="Dr.", gelar_belakang="<M.Si.>")
    # Not a state the engine leaves (a claimant of the Kepala's own step, a completer on an
    # open task), but each column is read all the same.
    Task.objects.filter(pk=tasks[3].pk).update(
        claimed_by=kepala.employee,
        completed_by=kepala,
        # Microseconds, which the answer cuts to milliseconds as ninja's encoder does.
        completed_at=datetime.datetime(2025, 8, 1, 23, 59, 59, 987654, tzinfo=WITA),
        note="<script>alert(1)</script>",
    )
    for task, name in ((tasks[3], "b.pdf"), (tasks[3], "a.pdf"), (tasks[1], "c.pdf")):
        file = SimpleUploadedFile(name, b"%PDF-1.4 isi", "application/pdf")
        assert api.upload(f"/tasks/{task.pk}/attachments", {"file": file}).status_code == 201

    for language in ("id", "en"):
        response = api.client.get("/api/v1/tasks", HTTP_ACCEPT_LANGUAGE=language)
        assert response.content.decode() == orm_answer(kepala, language)

    listed = json.loads(response.content)
    assert [t["overdue"] for t in listed].count(True) == 2
    assert [a["name"] for t in listed for a in t["attachments"]] == ["b.pdf", "a.pdf", "c.pdf"]
    name = Employee.objects.get(user=kepala).name
    assert {t["claimed_by"] for t in listed} == {None, f"Dr. {name}, <M.Si.>"}
    assert {t["completed_at"] for t in listed} == {None, "2025-08-01T23:59:59.987+08:00"}


def test_one_task_is_what_the_schema_makes_of_it(process, kepala, kabid_ppik, bappeda, api_for):
    """GET /tasks/{id} (its files read as rows) for an open task with files, a done one
    with a completer and an upload time of its own, for a member, a unit head and the
    Pemkab reader, in both languages."""
    from erkt.api.tasks import tasks_with_relations
    from erkt.api.tests.helpers import advance_to

    api = api_for(kepala)
    first = Task.objects.get(process=process, status="open")
    for name in ("<b>.pdf", "a.pdf"):
        file = SimpleUploadedFile(name, b"%PDF-1.4 isi", "application/pdf")
        assert api.upload(f"/tasks/{first.pk}/attachments", {"file": file}).status_code == 201
    advance_to(process, 4)
    later = Task.objects.get(process=process, status="open", unit__short_name="PPIK")
    Task.objects.filter(pk=first.pk).update(
        completed_at=datetime.datetime(2025, 8, 4, 7, 30, 0, 123456, tzinfo=datetime.UTC)
    )
    for reader in (kepala, kabid_ppik, bappeda):
        reader_api = api_for(reader)
        for task_id in (first.pk, later.pk):
            request = RequestFactory().get("/")
            request.user = reader
            for language in ("id", "en"):
                response = reader_api.client.get(
                    f"/api/v1/tasks/{task_id}", HTTP_ACCEPT_LANGUAGE=language
                )
                with translation.override(language):
                    task = tasks_with_relations().get(pk=task_id)
                    expected = json.dumps(validated(TaskOut, task_data(task), request))
                assert response.content.decode() == expected
    assert api.get(f"/tasks/{first.pk}").json()["completed_at"] == "2025-08-04T15:30:00.123+08:00"
    files = api.get(f"/tasks/{first.pk}").json()["attachments"]
    assert [file["name"] for file in files] == ["<b>.pdf", "a.pdf", "output.pdf"]
