"""The process page's and the API's process read (erkt.workflow.pages.process_parts,
history_of): compiled shapes compared with the ORM queries they replaced, row for row,
for a reader who sees every task and for a unit head who sees some (SQLite and
PostgreSQL: marked `database`)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.test import RequestFactory
from django.urls import reverse

from erkt.api import processes as api_processes
from erkt.audit.log import append_entries
from erkt.audit.models import AuditEntry
from erkt.org.models import Unit
from erkt.workflow import pages
from erkt.workflow.models import Attachment, Process, StepRun, Task
from erkt.workflow.permissions import visible_tasks
from erkt.workflow.tests.page_helpers import (
    MONDAY,
    assignee,
    at,
    crowd,
    open_task,
    pdf,
    run_to,
    start,
)

pytestmark = pytest.mark.database


@pytest.fixture
def at_step_7(demo, kepala, time_machine):
    """RKT 2027 at step 7 (five unit tasks open), beside RKT 2028 at step 3: the other
    process's entries and files must stay out."""
    time_machine.move_to(at(MONDAY), tick=False)
    other = start(demo, kepala, year=2028)
    run_to(other, 3)
    process = start(demo, kepala)
    run_to(process, 7)
    return process


def former_history(process: Process, tasks: list[Task], runs: list[StepRun]) -> list[int]:
    """The entries' pks as the page read them before: by lists of the visible ids."""
    return list(
        AuditEntry.objects.filter(
            Q(object_type="workflow.process", object_id=str(process.pk))
            | Q(object_type="workflow.task", object_id__in=[str(t.pk) for t in tasks])
            | Q(object_type="workflow.steprun", object_id__in=[str(r.pk) for r in runs]),
            organization_id=process.organization_id,
        )
        .order_by("-seq")
        .values_list("pk", flat=True)
    )


def shown(entries: list[AuditEntry]) -> list[AuditEntry]:
    return [e for e in entries if e.action not in pages.QUIET_ACTIONS or e.reason]


@pytest.mark.parametrize("reader", ["kasubbag_perencanaan", "kabid_mpk"])
def test_the_history_is_what_the_lists_of_ids_read(request, reader, at_step_7):
    user = request.getfixturevalue(reader)
    parts = pages.process_parts(at_step_7, user)
    lines = pages.history_of(at_step_7, parts)
    every = AuditEntry.objects.in_bulk(former_history(at_step_7, parts.tasks, parts.runs))
    expected = shown([every[pk] for pk in former_history(at_step_7, parts.tasks, parts.runs)])
    assert [line.entry.pk for line in lines] == [entry.pk for entry in expected]
    assert len(lines) > 10
    unit_tasks = {t.unit_id for t in parts.tasks if t.unit_id}
    assert len(unit_tasks) == (5 if reader == "kasubbag_perencanaan" else 1)


@pytest.mark.parametrize("reader", ["kasubbag_perencanaan", "kabid_mpk"])
def test_the_files_are_what_the_prefetch_read(request, reader, at_step_7):
    for unit in ("MPK", "PPIK"):
        task = open_task(at_step_7, 7, unit)
        for name in ("b.pdf", "a.pdf"):
            Attachment.objects.create(
                task=task, file=pdf(name), original_name=name, size=3, uploaded_by=task_user(task)
            )
    user = request.getfixturevalue(reader)
    parts = pages.process_parts(at_step_7, user)
    visible = Task.objects.filter(visible_tasks(user, at_step_7.organization_id))
    expected = {
        task.pk: [a.pk for a in task.attachments.order_by(*pages.ATTACHMENT_ORDER)]
        for task in visible.filter(process=at_step_7)
    }
    assert {pk: [a.pk for a in files] for pk, files in parts.files.items()} == expected
    added = [a.original_name for files in parts.files.values() for a in files if a.size == 3]
    assert added == (["b.pdf", "a.pdf"] * (2 if reader == "kasubbag_perencanaan" else 1))
    assert all(a.task.pk == pk for pk, files in parts.files.items() for a in files)


def task_user(task: Task):
    return task.process.started_by


def test_the_api_reads_the_process_as_the_page_does(kabid_mpk, at_step_7):
    request = RequestFactory().get("/")
    request.user = kabid_mpk
    from_api = api_processes.get_process(request, at_step_7.pk)
    from_page = pages.get_process(kabid_mpk, at_step_7.pk)
    assert from_api == from_page == at_step_7
    assert from_api.sop_version.judul == at_step_7.sop_version.judul


def test_names_with_markup_are_escaped_in_every_row(client_for, kasubbag_perencanaan, at_step_7):
    task = open_task(at_step_7, 7, "MPK")
    Unit.objects.filter(pk=task.unit_id).update(name="<script>unit()</script>")
    done = at_step_7.tasks.get(step_run__number=1)
    Attachment.objects.create(
        task=done,
        file=pdf("x.pdf"),
        original_name="<script>file()</script>.pdf",
        size=3,
        uploaded_by=task_user(done),
    )
    response = client_for(kasubbag_perencanaan).get(
        reverse("workflow:process", args=[at_step_7.pk])
    )
    html = response.content.decode()
    assert "<script>unit()" not in html and "<script>file()" not in html
    assert "&lt;script&gt;unit()&lt;/script&gt;" in html
    assert "&lt;script&gt;file()&lt;/script&gt;.pdf" in html


def test_the_history_of_another_process_is_left_out_beside_busy_offices(
    kasubbag_perencanaan, at_step_7
):
    crowd(2)
    parts = pages.process_parts(at_step_7, kasubbag_perencanaan)
    lines = pages.history_of(at_step_7, parts)
    keys = {("workflow.process", str(at_step_7.pk))}
    keys |= {("workflow.task", str(t.pk)) for t in parts.tasks}
    keys |= {("workflow.steprun", str(r.pk)) for r in parts.runs}
    assert {(line.entry.object_type, line.entry.object_id) for line in lines} <= keys
    assert all(line.entry.organization_id == at_step_7.organization_id for line in lines)


def test_the_history_names_the_actor_as_the_audit_entry_does(kepala, at_step_7):
    """The history reads plain values (pages.HistoryEntry): its `who` is AuditEntry.who for
    a Plh., an account without an employee and an entry without a user."""
    account = get_user_model().objects.create_user("tanpa.pegawai")
    kinds = [
        {"user": kepala, "user_repr": "kepala", "acting_kind": "plh", "acting_for": "Siti"},
        {"user": account, "user_repr": "tanpa.pegawai"},
        {"user": None, "user_repr": "sistem"},
    ]
    append_entries(
        [
            AuditEntry(
                organization_id=at_step_7.organization_id,
                created_at=at_step_7.started_at,
                action="process.note",
                object_type="workflow.process",
                object_id=str(at_step_7.pk),
                after={"file": "<b>.pdf"},
                **kind,
            )
            for kind in kinds
        ]
    )
    lines = pages.history_of(at_step_7, pages.process_parts(at_step_7, kepala))
    entries = AuditEntry.objects.select_related("user__employee").in_bulk(
        [line.entry.pk for line in lines]
    )
    assert [line.who for line in lines] == [entries[line.entry.pk].who for line in lines]
    assert [line.who for line in lines[:3]] == [
        "sistem",
        "tanpa.pegawai",
        f"Plh. {kepala.employee.full_name} atas nama Siti",
    ]
    assert lines[0].file_name == "<b>.pdf"


RUN_VALUES = (
    "number",
    "status",
    "passes",
    "planned_start",
    "planned_due",
    "opened_on",
    "due_date",
    "completed_at",
    "overdue",
    "remaining_working_days",
    "planned_explanation",
)
TASK_VALUES = (
    "process_id",
    "step_run_id",
    "unit_id",
    "position_id",
    "claimed_by_id",
    "completed_by_id",
    "status",
    "pass_number",
    "opened_on",
    "due_date",
    "completed_at",
    "decision",
    "note",
    "return_reason",
    "on_behalf_reason",
    "withdraw_reason",
    "is_open",
    "overdue",
    "remaining_working_days",
    "due_explanation",
)
FILE_VALUES = ("task_id", "original_name", "size", "content_type", "uploaded_at")


def test_the_plain_values_hold_what_the_models_hold(kasubbag_perencanaan, at_step_7, time_machine):
    """The step runs, tasks and files process_parts reads as values (pages.RunRow, TaskRow,
    FileRow) answer what the page, the Gantt and the API read of the models, deadlines
    included: one task claimed, one file, on a day a unit task is late."""
    claimed = open_task(at_step_7, 7, "MPK")
    Task.objects.filter(pk=claimed.pk).update(claimed_by=assignee(claimed).employee)
    done = at_step_7.tasks.get(step_run__number=1)
    Attachment.objects.create(
        task=done, file=pdf("x.pdf"), original_name="x.pdf", size=3, uploaded_by=task_user(done)
    )
    time_machine.move_to(at(claimed.due_date + datetime.timedelta(days=7)), tick=False)
    process = Process.objects.get(pk=at_step_7.pk)
    parts = pages.process_parts(process, kasubbag_perencanaan)
    runs = StepRun.objects.filter(process=process).select_related("step__actor").in_bulk()
    for run in parts.runs:
        model = runs[run.pk]
        assert [getattr(run, name) for name in RUN_VALUES] == [
            getattr(model, name) for name in RUN_VALUES
        ]
        step = model.step
        actor = step.actor.name if step.actor_id else None
        assert (run.step.uraian, run.step.per_unit, run.step.actor_id) == (
            step.uraian,
            step.per_unit,
            step.actor_id,
        )
        assert (run.step.actor.name if run.step.actor else None) == actor
    tasks = Task.objects.filter(process=process).in_bulk()
    assert any(task.overdue for task in parts.tasks) and any(t.claimed_by for t in parts.tasks)
    for task in parts.tasks:
        model = tasks[task.pk]
        assert [getattr(task, name) for name in TASK_VALUES] == [
            getattr(model, name) for name in TASK_VALUES
        ]
        assert task.step_run.pk == model.step_run_id and task.process is process
        assert task.position.title == model.position.title
        if model.unit_id:
            unit = model.unit
            assert (task.unit.name, task.unit.short_name, task.unit.order) == (
                unit.name,
                unit.short_name,
                unit.order,
            )
        if model.claimed_by_id:
            assert task.claimed_by.full_name == model.claimed_by.full_name
        if model.completed_by_id:
            assert task.completed_by.get_username() == model.completed_by.get_username()
    files = parts.files[done.pk]
    assert files[-1].original_name == "x.pdf"
    for file in files:
        model = Attachment.objects.get(pk=file.pk)
        assert [getattr(file, name) for name in FILE_VALUES] == [
            getattr(model, name) for name in FILE_VALUES
        ]
        assert file.uploaded_by.get_username() == model.uploaded_by.get_username()
