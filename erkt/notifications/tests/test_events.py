"""Each event tells the right people, in the app and by e-mail (the queue runs at once here).

The steps run with the engine's default behaviour (a note and a file); the queued jobs
run after the commit, as in production (django_capture_on_commit_callbacks).
"""

from __future__ import annotations

import datetime

import pytest

from erkt.notifications.tests.helpers import mails_to, notices_of
from erkt.org.models import Employee, Substitution, Unit
from erkt.workflow import engine, reminders
from erkt.workflow.events import process_event
from erkt.workflow.models import Notification
from erkt.workflow.tests.page_helpers import MONDAY, at, finish, open_task, run_to, start

Kind = Notification.Kind
DAY = datetime.timedelta(days=1)


@pytest.fixture
def monday(demo, time_machine, without_step_actions, settings):
    settings.ERKT_PUBLIC_URL = "https://erkt.balangankab.go.id"
    time_machine.move_to(at(MONDAY), tick=False)


def test_a_new_task_tells_its_holder_in_the_app_and_by_e_mail(
    monday, demo, kepala, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        process = start(demo, kepala)
    task = open_task(process, 1)
    [notice] = notices_of("kepala", Kind.OPENED)
    assert (notice.task, notice.pass_number, notice.read_at) == (task, 1, None)
    [message] = mails_to(mailoutbox, "kepala")
    assert message.subject == "[e-RKT] Tugas baru: langkah 1"
    assert "Tugas berikut menunggu Anda." in message.body
    assert f"https://erkt.balangankab.go.id/tugas/{task.pk}/" in message.body
    assert "Batas waktu: 3 November 2026" in message.body


def test_a_lane_task_tells_every_holder_of_its_role(
    monday, demo, kepala, mailoutbox, django_capture_on_commit_callbacks
):
    process = start(demo, kepala)
    run_to(process, 4)
    for task in open_task_list(process, 4):
        with django_capture_on_commit_callbacks(execute=True):
            finish(task)
    assert [n.task.step_run.number for n in notices_of("tim1", Kind.OPENED)] == [5]
    assert [n.task.step_run.number for n in notices_of("tim2", Kind.OPENED)] == [5]
    assert not notices_of("kasubbag.umum", Kind.OPENED)


def test_a_per_unit_step_tells_each_unit_head_of_their_own_task(
    monday, demo, kepala, django_capture_on_commit_callbacks
):
    process = start(demo, kepala)
    run_to(process, 3)
    with django_capture_on_commit_callbacks(execute=True):
        finish(open_task(process, 3))
    [notice] = notices_of("kabid.ppik", Kind.OPENED)
    assert notice.task == open_task(process, 4, "PPIK")
    assert notice.facts["unit"] == notice.task.unit.name


def test_a_per_unit_task_also_tells_the_plh_standing_in_for_its_unit_head(
    monday, demo, kepala, administrator, django_capture_on_commit_callbacks
):
    process = start(demo, kepala)
    run_to(process, 3)
    ppik = Unit.objects.get(organization=demo, short_name="PPIK")
    substitution = Substitution(
        position=ppik.head_position,
        substitute=Employee.objects.get(user__username="kabid.mpk"),
        kind=Substitution.Kind.PLH,
        start_date=MONDAY,
        end_date=MONDAY + 10 * DAY,
        sp_number="800.1.11.1/009/BKPSDM/2026",
        sp_date=MONDAY,
        created_by=administrator,
    )
    substitution.full_clean()
    substitution.save()
    with django_capture_on_commit_callbacks(execute=True):
        finish(open_task(process, 3))
    ppik_task = open_task(process, 4, "PPIK")
    assert [n.task for n in notices_of("kabid.ppik", Kind.OPENED)] == [ppik_task]
    assert ppik_task in [n.task for n in notices_of("kabid.mpk", Kind.OPENED)]
    assert not [n for n in notices_of("kabid.psdm", Kind.OPENED) if n.task == ppik_task]


def test_a_form_returned_tells_the_unit_head_the_reason(
    monday, demo, kepala, tim1, mailoutbox, django_capture_on_commit_callbacks
):
    process = start(demo, kepala)
    run_to(process, 5)
    ppik = Unit.objects.get(organization=demo, short_name="PPIK")
    with django_capture_on_commit_callbacks(execute=True):
        engine.reopen_unit_task(
            process, step_number=4, unit=ppik, by=tim1, reason="Target IKU 2 belum diisi."
        )
    [notice] = notices_of("kabid.ppik", Kind.RETURNED)
    assert notice.pass_number == 2
    [message] = mails_to(mailoutbox, "kabid.ppik")
    assert message.subject == "[e-RKT] Dikembalikan untuk diperbaiki: langkah 4"
    assert "Target IKU 2 belum diisi." in message.body
    assert "Nurul Hikmah" in message.body  # tim1, who returned it


def test_a_decision_tidak_tells_the_reopened_step_its_note(
    monday, demo, kepala, sekretaris, mailoutbox, django_capture_on_commit_callbacks
):
    process = start(demo, kepala)
    run_to(process, 9)
    with django_capture_on_commit_callbacks(execute=True):
        finish(open_task(process, 9), sekretaris, decision="tidak", note="Pagu program 2 lewat.")
    [notice] = notices_of("kasubbag.perencanaan", Kind.REJECTED)
    assert notice.task == open_task(process, 8)
    [message] = mails_to(mailoutbox, "kasubbag.perencanaan")
    assert message.subject == "[e-RKT] Keputusan tidak: langkah 8 dibuka kembali"
    assert "Pagu program 2 lewat." in message.body


def test_due_tomorrow_late_and_escalated_are_notices_too(monday, demo, kepala, time_machine):
    process = start(demo, kepala)
    run_to(process, 5)  # the Tim Perencanaan: due Thursday
    time_machine.move_to(at(MONDAY + 2 * DAY), tick=False)
    reminders.remind()
    assert [n.kind for n in notices_of("tim1")] == [Kind.REMINDER]
    time_machine.move_to(at(MONDAY + 4 * DAY), tick=False)
    reminders.remind()
    [late] = notices_of("tim1", Kind.ESCALATION)
    [escalated] = notices_of("kasubbag.perencanaan", Kind.ESCALATION)
    assert (late.to_superior, escalated.to_superior) == (False, True)
    assert "Nurul Hikmah" in escalated.facts["actors"]


def test_a_process_event_tells_everyone_of_the_office(
    monday, demo, kepala, mailoutbox, django_capture_on_commit_callbacks
):
    process = start(demo, kepala)
    with django_capture_on_commit_callbacks(execute=True):
        process_event.send(None, process=process, kind=Kind.SIGNED, by=kepala, facts={})
    signed = Notification.objects.filter(process=process, kind=Kind.SIGNED)
    assert signed.count() == 9  # the nine demo people with a jabatan, not the administrator
    [message] = mails_to(mailoutbox, "kabid.mpk")
    assert message.subject == f"[e-RKT] {process} telah ditandatangani"
    assert f"/proses/{process.pk}/" in message.body


def test_an_event_queued_twice_notifies_once(
    monday, demo, kepala, mailoutbox, django_capture_on_commit_callbacks
):
    from erkt.notifications.jobs import announce_tasks_opened

    with django_capture_on_commit_callbacks(execute=True):
        process = start(demo, kepala)
    task = open_task(process, 1)
    announce_tasks_opened.call([task.pk], Kind.OPENED, "", kepala.pk)
    assert len(notices_of("kepala", Kind.OPENED)) == 1
    assert len(mails_to(mailoutbox, "kepala")) == 1


def open_task_list(process, number):
    return list(process.tasks.filter(step_run__number=number, status="open"))
