"""Editing the local calendar moves the open deadlines it touches, logs and tells people."""

import datetime

import pytest
from django.core import mail

from erkt.audit.models import AuditEntry
from erkt.workflow.models import CalendarDay, Task
from erkt.workflow.tests.page_helpers import MONDAY, at, open_task, start

pytestmark = pytest.mark.database

URL = "/admin/workflow/calendarday/"
D = datetime.date
TUESDAY = MONDAY + datetime.timedelta(days=1)  # step 1 (one working day) is due then


@pytest.fixture
def process(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    return start(demo, kepala)


def add_day(client, day: datetime.date, kind: str = "libur"):
    response = client.post(
        URL + "add/",
        {
            "date": day.isoformat(),
            "kind": kind,
            "name": "Hari Jadi Kabupaten Balangan",
            "dasar_hukum": "Keputusan Bupati Balangan Nomor 188.45/1/2026",
        },
    )
    assert response.status_code == 302
    return CalendarDay.objects.get(date=day)


def test_a_new_local_day_off_in_the_window_moves_the_deadline(
    process, kepala, administrator, client_for
):
    task = open_task(process, 1)
    assert task.due_date == TUESDAY
    add_day(client_for(administrator), TUESDAY)

    task.refresh_from_db()
    assert task.due_date == TUESDAY + datetime.timedelta(days=1)
    assert task.step_run.due_date == task.due_date
    entry = AuditEntry.objects.get(action="task.recompute_due", object_id=str(task.pk))
    assert entry.before == {"due_date": "2026-11-03"}
    assert entry.after == {"due_date": "2026-11-04"}
    [message] = mail.outbox
    assert message.to == [kepala.email]
    assert "4 November 2026" in message.subject
    assert "Hari Jadi Kabupaten Balangan" in message.body


def test_deleting_the_day_off_moves_the_deadline_back(process, administrator, client_for):
    client = client_for(administrator)
    day = add_day(client, TUESDAY)
    response = client.post(f"{URL}{day.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert open_task(process, 1).due_date == TUESDAY
    assert AuditEntry.objects.filter(action="task.recompute_due").count() == 2


def test_a_working_saturday_brings_a_deadline_forward(
    demo, kepala, administrator, client_for, time_machine
):
    friday = D(2026, 11, 6)
    time_machine.move_to(at(friday), tick=False)
    process = start(demo, kepala)
    assert open_task(process, 1).due_date == D(2026, 11, 9)
    add_day(client_for(administrator), D(2026, 11, 7), kind="kerja")
    assert open_task(process, 1).due_date == D(2026, 11, 7)


def test_a_day_outside_every_window_changes_nothing(process, administrator, client_for):
    add_day(client_for(administrator), D(2026, 11, 20))
    assert open_task(process, 1).due_date == TUESDAY
    assert not AuditEntry.objects.filter(action="task.recompute_due").exists()
    assert mail.outbox == []


def test_a_done_task_keeps_its_due_date(process, kepala, administrator, client_for):
    from erkt.workflow.tests.page_helpers import finish

    finish(open_task(process, 1))
    done = Task.objects.get(process=process, step_run__number=1)
    add_day(client_for(administrator), TUESDAY)
    done.refresh_from_db()
    assert done.due_date == TUESDAY
