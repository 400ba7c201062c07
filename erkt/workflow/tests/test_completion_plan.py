"""A completion planned before SQLite's write lock (erkt.workflow.engine, `_completion_plan`):
the same rows and audit entries as the transition read and decided under the lock, and,
when another transition changes what the plan was built from between the plan and the
lock, the transition decided under the lock instead."""

from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.audit.verify import verify_chain
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, NotAllowed
from erkt.workflow.models import Process, StepRun, Task
from erkt.workflow.tests.conftest import assignee, finish, open_task, run_to, upload

# Plans are made on SQLite only (PostgreSQL locks rows, not the database).
pytestmark = [pytest.mark.sqlite]


@pytest.fixture
def planned(monkeypatch):
    """The plans made, in order, and whether each was written as planned."""
    made: list[tuple[engine._CompletionPlan, list[bool]]] = []
    plan_completion = engine._completion_plan

    def recorded(*args):
        plan = plan_completion(*args)
        if plan is not None:
            outcome: list[bool] = []
            holds = plan.holds
            plan.holds = lambda: outcome.append(holds()) or outcome[-1]
            made.append((plan, outcome))
        return plan

    monkeypatch.setattr(engine, "_completion_plan", recorded)
    return made


@pytest.fixture
def meanwhile(monkeypatch):
    """Run a change once, between the next completion's plan and its transaction."""

    def arm(change):
        plan_completion = engine._completion_plan
        pending = [change]

        def then_change(*args):
            plan = plan_completion(*args)
            if pending:
                assert plan is not None, "the completion was not planned"
                pending.pop()()
            return plan

        monkeypatch.setattr(engine, "_completion_plan", then_change)

    return arm


def unplanned(monkeypatch):
    monkeypatch.setattr(engine, "_completion_plan", lambda *args: None)


def entries_since(count: int, organization) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(organization=organization).order_by("seq")[count:])


def test_a_step_without_content_is_completed_as_planned(process, demo, planned):
    task = run_to(process, 2)
    upload(task, assignee(task))
    planned.clear()

    done = engine.complete_task(task, by=assignee(task))

    assert [outcome for _plan, outcome in planned] == [[True]]
    assert done.status == "done"
    assert open_task(process, 3).opened_by_task_id == task.pk
    assert verify_chain(demo).ok


def test_the_plan_writes_what_the_locked_transition_writes(
    seed_sop, kepala, demo, today, monkeypatch
):
    """The same completions (a lane step, the last unit of a per-unit step) in two processes:
    planned in one, read and decided under the lock in the other."""

    def run(year: int) -> tuple[list, list]:
        process = engine.start_process(sop=seed_sop, year=year, by=kepala)
        before = AuditEntry.objects.filter(organization=demo).count()
        run_to(process, 5)
        tasks = Task.objects.filter(process=process).order_by("pk")
        rows = [
            (
                *(t.step_run.number, t.unit_id, t.position_id, t.status, t.pass_number),
                *(t.opened_on, t.due_date, t.note, t.completed_by_id, t.on_behalf_reason),
                t.opened_by_task_id is not None,
            )
            for t in tasks
        ]
        runs = list(
            StepRun.objects.filter(process=process)
            .order_by("number")
            .values_list("number", "status", "passes", "opened_on", "due_date")
        )
        entries = [
            (
                *(e.action, e.user_id, e.position_id, e.acting_kind, e.object_type),
                *(e.object_repr.replace(str(process), "PROCESS"), e.before, e.after, e.reason),
            )
            for e in entries_since(before, demo)
            if e.object_type != "workflow.process"
        ]
        return rows + runs, entries

    planned_rows = run(2027)
    unplanned(monkeypatch)
    locked_rows = run(2028)

    assert planned_rows == locked_rows
    assert verify_chain(demo).ok


def test_a_suspension_between_plan_and_lock_refuses_the_completion(
    process, demo, kepala, planned, meanwhile
):
    task = run_to(process, 2)
    user = assignee(task)
    upload(task, user)
    planned.clear()
    meanwhile(lambda: engine.suspend_process(process, by=kepala, reason="Menunggu arahan"))
    count = AuditEntry.objects.filter(organization=demo).count()

    with pytest.raises(Conflict) as refused:
        engine.complete_task(task, by=user)

    assert "ditangguhkan" in refused.value.message
    assert [outcome for _plan, outcome in planned] == [[False]]
    assert open_task(process, 2).pk == task.pk
    assert [e.action for e in entries_since(count, demo)] == ["process.suspend"]
    assert verify_chain(demo).ok


def test_a_claim_by_another_holder_between_plan_and_lock_refuses_the_completion(
    process, demo, tim1, tim2, planned, meanwhile
):
    task = run_to(process, 5)  # a Tim Perencanaan lane task: tim1 and tim2 hold it
    upload(task, tim2)
    planned.clear()
    meanwhile(lambda: engine.claim_task(task, by=tim1))

    with pytest.raises(NotAllowed) as refused:
        engine.complete_task(task, by=tim2)

    assert tim1.employee.full_name in refused.value.message
    assert [outcome for _plan, outcome in planned] == [[False]]
    assert Task.objects.get(pk=task.pk).status == "open"
    assert verify_chain(demo).ok


def test_the_last_other_unit_finishing_between_plan_and_lock_opens_the_next_step_once(
    process, demo, planned, meanwhile
):
    run_to(process, 4)
    *first, fourth, fifth = Task.objects.filter(process=process, step_run__number=4)
    for task in first:
        finish(task)
    for task in (fourth, fifth):
        upload(task, assignee(task))
    planned.clear()
    # The fourth is planned while the fifth is open: it would only mark itself done.
    meanwhile(lambda: engine.complete_task(fifth, by=assignee(fifth)))

    engine.complete_task(fourth, by=assignee(fourth))

    # The fourth's plan went stale; the fifth's held (the fourth still open then).
    assert [outcome for _plan, outcome in planned] == [[False], [True]]
    assert process.step_runs.get(number=4).status == "done"
    assert Task.objects.filter(process=process, step_run__number=5).count() == 1
    assert process.step_runs.get(number=5).status == "active"
    opened = AuditEntry.objects.filter(organization=demo, action="step.open")
    assert opened.filter(object_repr__startswith=str(process)).count() == 5
    assert verify_chain(demo).ok


def test_a_plan_tightened_between_plan_and_lock_gives_the_tightened_deadline(
    process, demo, kepala, planned, meanwhile
):
    task = run_to(process, 3)
    user = assignee(task)
    upload(task, user)
    assert process.step_runs.get(number=4).step.working_days == 3
    planned.clear()
    meanwhile(lambda: engine.tighten_plan(process, by=kepala, working_days={4: 1}))

    engine.complete_task(task, by=user)

    assert [outcome for _plan, outcome in planned] == [[False]]
    calendar = engine.WorkingCalendar(demo)
    for opened in Task.objects.filter(process=process, step_run__number=4):
        assert opened.due_date == calendar.add_working_days(opened.opened_on, 1)
    assert verify_chain(demo).ok


def test_a_plan_made_on_the_day_before_is_not_written(
    process, demo, planned, time_machine, monkeypatch
):
    task = run_to(process, 2)
    user = assignee(task)
    upload(task, user)
    plan_completion = engine._completion_plan

    def planned_before_midnight(*args):
        plan = plan_completion(*args)
        time_machine.shift(datetime.timedelta(days=1))
        return plan

    monkeypatch.setattr(engine, "_completion_plan", planned_before_midnight)
    planned.clear()

    engine.complete_task(task, by=user)

    assert [outcome for _plan, outcome in planned] == [[False]]
    tomorrow = Process.objects.get(pk=process.pk).start_date + datetime.timedelta(days=1)
    assert open_task(process, 3).opened_on == tomorrow
    assert verify_chain(demo).ok


@pytest.fixture
def database_queue(settings):
    """The production queue: a notice is a row written inside the transition."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_since(count: int) -> list[dict]:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.order_by("enqueued_at").values()[count:]
    return [{k: v for k, v in row.items() if k not in ("id", "enqueued_at")} for row in rows]


def queued_count() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.count()


def test_the_planned_notice_is_the_row_the_locked_transition_queues(
    process, database_queue, planned, monkeypatch
):
    """The notice's row is built before the lock and written under it with the new tasks'
    keys: the row the transition read and decided under the lock queues."""
    task = run_to(process, 2)
    user = assignee(task)
    upload(task, user)
    planned.clear()
    before = queued_count()

    engine.complete_task(task, by=user)

    assert [outcome for _plan, outcome in planned] == [[True]]
    opened = open_task(process, 3)
    (planned_row,) = queued_since(before)
    assert planned_row["args_kwargs"]["args"][0] == [opened.pk]

    upload(opened, assignee(opened))
    unplanned(monkeypatch)
    before = queued_count()
    engine.complete_task(opened, by=assignee(opened))
    (locked_row,) = queued_since(before)
    fourth = sorted(t.pk for t in Task.objects.filter(process=process, step_run__number=4))
    assert locked_row["args_kwargs"]["args"][0] == fourth
    for row in (planned_row, locked_row):
        row["args_kwargs"]["args"][0] = "KEYS"
    assert planned_row == locked_row


def test_a_plan_gone_stale_queues_one_notice(process, kepala, database_queue, planned, meanwhile):
    task = run_to(process, 3)
    user = assignee(task)
    upload(task, user)
    planned.clear()
    meanwhile(lambda: engine.tighten_plan(process, by=kepala, working_days={4: 1}))
    before = queued_count()

    engine.complete_task(task, by=user)

    assert [outcome for _plan, outcome in planned] == [[False]]
    opened = sorted(t.pk for t in Task.objects.filter(process=process, step_run__number=4))
    assert [row["args_kwargs"]["args"][0] for row in queued_since(before)] == [opened]
