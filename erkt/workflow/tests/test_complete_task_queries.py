"""One completion of a step without content costs a fixed, small number of queries.

Counted outside a test transaction (transactional_db), as a request runs it: the lock
of the process and the task (read with the output check: whether it has a file; 13
queries while that was a query of its own), the task, the step runs, the next step's
tasks and one append of the audit entries to the chain (40 before: a query per
permission check, per task opened, per local calendar read and five per audit entry),
and, after the commit, the one INSERT that queues the notices of the opened tasks for
the worker (erkt.notifications), with the production task backend.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from erkt.audit.models import AuditEntry
from erkt.audit.verify import verify_chain
from erkt.workflow import engine
from erkt.workflow.calendar import WorkingCalendar
from erkt.workflow.models import CalendarDay, Task
from erkt.workflow.tests.conftest import START, assignee, open_task, run_to, upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.database]

COMPLETION = 12
# PostgreSQL appends the audit entries and moves the chain head in one statement (a
# data-modifying WITH, erkt.compiled_writes.insert_then_update): one fewer.
COMPLETION_ON = {"postgresql": COMPLETION - 1}


def completion() -> int:
    return COMPLETION_ON.get(connection.vendor, COMPLETION)


@pytest.fixture(autouse=True)
def database_task_queue(settings):
    """The queue of production: enqueueing is one INSERT, the sending waits for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def completion_queries(task: Task) -> int:
    user = assignee(task)
    upload(task, user)
    with CaptureQueriesContext(connection) as queries:
        engine.complete_task(task, by=user)
    # The transaction's own BEGIN and COMMIT are logged too: not counted.
    return len([q for q in queries if q["sql"] not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT")])


def test_completing_a_step_opening_a_lane_step_costs_twelve_queries(process):
    run_to(process, 2)
    assert completion_queries(open_task(process, 2)) == completion()


def test_completing_a_step_opening_a_task_per_unit_costs_twelve_queries(process):
    run_to(process, 3)
    assert completion_queries(open_task(process, 3)) == completion()
    assert Task.objects.filter(process=process, step_run__number=4, status="open").count() == 5


def test_the_completion_keeps_its_audit_entries_chained(process, demo):
    run_to(process, 3)
    task = open_task(process, 3)
    upload(task, assignee(task))
    before = AuditEntry.objects.filter(organization=demo).count()
    engine.complete_task(task, by=assignee(task))
    actions = list(
        AuditEntry.objects.filter(organization=demo)
        .order_by("seq")[before:]
        .values_list("action", flat=True)
    )
    assert actions == ["task.complete", "step.complete", "step.open"]
    assert verify_chain(demo).ok


def test_a_new_local_holiday_moves_the_next_deadline(process, demo):
    """The local days are kept between completions until the calendar changes."""
    run_to(process, 2)
    completion_queries(open_task(process, 2))  # step 3 opens, the local days are read
    tuesday = START + datetime.timedelta(days=1)
    CalendarDay.objects.create(
        organization=demo, date=tuesday, kind="libur", name="Hari jadi", dasar_hukum="Keputusan"
    )
    completion_queries(open_task(process, 3))
    step_4 = Task.objects.filter(process=process, step_run__number=4).first()
    days = process.working_days_for(step_4.step_run.step)
    national_only = WorkingCalendar(None).add_working_days(START, days)
    assert step_4.opened_on == START
    assert step_4.due_date == WorkingCalendar(None).add_working_days(national_only, 1)
