"""Reminders before a due date and escalations after it (erkt.workflow.reminders)."""

from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.org.models import Position, Role
from erkt.workflow import engine, reminders
from erkt.workflow.models import Notification
from erkt.workflow.tests.page_helpers import MONDAY, at, finish, open_task, run_to, start

DAY = datetime.timedelta(days=1)
TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = (MONDAY + n * DAY for n in range(1, 5))


def address(username: str) -> str:
    return f"{username}@bkpsdm.balangankab.go.id.test"


def recipients(outbox) -> list[str]:
    return sorted(to for message in outbox for to in message.to)


@pytest.fixture
def step_4(demo, kepala, time_machine):
    """Step 4 (each unit fills its Form RKT, 3 working days), opened Monday, due Thursday."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 4)
    return process


@pytest.fixture
def step_5(demo, kepala, time_machine):
    """Step 5 (Tim Perencanaan collects the forms, 3 working days), opened Monday."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 5)
    return process


def test_a_task_due_tomorrow_reminds_its_holder_once(step_4, time_machine, mailoutbox):
    time_machine.move_to(at(WEDNESDAY), tick=False)
    summary = reminders.remind()
    ppik = [m for m in mailoutbox if m.to == [address("kabid.ppik")]]
    assert len(ppik) == 1
    assert summary.reminders == 5  # the head of each of the five units
    mailoutbox.clear()
    assert reminders.remind().reminders == 0
    assert mailoutbox == []


def test_no_reminder_while_the_due_date_is_further_away(step_4, time_machine, mailoutbox):
    time_machine.move_to(at(TUESDAY), tick=False)
    assert reminders.remind().reminders == 0
    assert mailoutbox == []


def test_a_one_day_step_is_reminded_on_its_due_date_not_the_day_it_opened(
    demo, kepala, time_machine, mailoutbox
):
    time_machine.move_to(at(MONDAY), tick=False)
    start(demo, kepala)  # step 1, the Kepala's disposisi: due Tuesday
    reminders.remind()
    assert mailoutbox == []
    time_machine.move_to(at(TUESDAY), tick=False)
    reminders.remind()
    assert recipients(mailoutbox) == [address("kepala")]
    assert "jatuh tempo hari ini" in mailoutbox[0].body


def test_a_weekend_before_the_due_date_moves_the_reminder_to_friday(
    demo, kepala, time_machine, mailoutbox
):
    time_machine.move_to(at(WEDNESDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 4)  # opened Wednesday, due Monday 9 November
    time_machine.move_to(at(THURSDAY), tick=False)
    assert reminders.remind().reminders == 0
    time_machine.move_to(at(FRIDAY), tick=False)
    assert reminders.remind().reminders == 5
    time_machine.move_to(at(FRIDAY + DAY), tick=False)
    assert reminders.remind().days_off == ["BKPSDM"]
    assert len(mailoutbox) == 5


def test_cuti_bersama_and_natal_move_the_reminder_before_them(
    demo, kepala, time_machine, mailoutbox
):
    monday = datetime.date(2026, 12, 21)  # 24 December cuti bersama, 25 December Natal
    time_machine.move_to(at(monday), tick=False)
    process = start(demo, kepala)
    run_to(process, 4)
    assert open_task(process, 4, "PPIK").due_date == datetime.date(2026, 12, 28)
    time_machine.move_to(at(monday + DAY), tick=False)
    assert reminders.remind().reminders == 0
    time_machine.move_to(at(monday + 2 * DAY), tick=False)
    assert reminders.remind().reminders == 5
    time_machine.move_to(at(monday + 3 * DAY), tick=False)
    assert reminders.remind().days_off == ["BKPSDM"]


def test_a_claimed_lane_task_reminds_only_its_claimant(step_5, tim1, time_machine, mailoutbox):
    engine.claim_task(open_task(step_5, 5), by=tim1)
    time_machine.move_to(at(WEDNESDAY), tick=False)
    reminders.remind()
    assert recipients(mailoutbox) == [address("tim1")]


def test_a_late_kabid_task_escalates_to_the_kabid_and_the_kepala(step_4, time_machine, mailoutbox):
    time_machine.move_to(at(FRIDAY), tick=False)
    reminders.remind()
    ppik = open_task(step_4, 4, "PPIK")
    sent = Notification.objects.filter(task=ppik, kind=Notification.Kind.ESCALATION)
    assert sorted(sent.values_list("recipient__username", "to_superior")) == [
        ("kabid.ppik", False),
        ("kepala", True),
    ]


def test_a_late_subbag_task_escalates_to_the_sekretaris(step_4, time_machine, mailoutbox):
    time_machine.move_to(at(FRIDAY), tick=False)
    reminders.remind()
    umpeg = open_task(step_4, 4, "UMPEG")
    sent = Notification.objects.filter(task=umpeg, kind=Notification.Kind.ESCALATION)
    assert sorted(sent.values_list("recipient__username", flat=True)) == [
        "kasubbag.umum",
        "sekretaris",
    ]


def test_a_late_tim_task_escalates_to_the_kasubbag_perencanaan(step_5, time_machine, mailoutbox):
    time_machine.move_to(at(FRIDAY), tick=False)
    summary = reminders.remind()
    assert summary.escalations == 3
    assert recipients(mailoutbox) == [
        address("kasubbag.perencanaan"),
        address("tim1"),
        address("tim2"),
    ]
    superior = next(m for m in mailoutbox if m.to == [address("kasubbag.perencanaan")])
    assert "unit yang Anda bawahi" in superior.body
    assert "Nurul Hikmah" in superior.body  # tim1, who is responsible


def test_an_escalation_is_sent_once_per_task_pass(step_5, time_machine, mailoutbox):
    time_machine.move_to(at(FRIDAY), tick=False)
    reminders.remind()
    time_machine.move_to(at(FRIDAY + 3 * DAY), tick=False)
    assert reminders.remind().escalations == 0
    assert len(mailoutbox) == 3


def test_a_superior_who_also_holds_the_task_gets_one_message(
    step_5, kasubbag_perencanaan, time_machine, mailoutbox
):
    tim = Position.objects.get(organization=step_5.organization, role=Role.TIM_PERENCANAAN)
    tim.holders.add(kasubbag_perencanaan.employee)
    time_machine.move_to(at(FRIDAY), tick=False)
    reminders.remind()
    assert recipients(mailoutbox).count(address("kasubbag.perencanaan")) == 1


def test_the_escalation_names_process_step_unit_due_date_lateness_and_link(
    step_4, settings, time_machine, mailoutbox
):
    settings.ERKT_PUBLIC_URL = "https://erkt.balangankab.go.id/"
    time_machine.move_to(at(MONDAY + 7 * DAY), tick=False)  # two working days late
    reminders.remind()
    ppik = open_task(step_4, 4, "PPIK")
    message = next(m for m in mailoutbox if m.to == [address("kabid.ppik")])
    assert message.subject == "[e-RKT] Terlambat 2 hari kerja: langkah 4"
    assert str(step_4) in message.body
    assert f"4. {ppik.step.uraian}" in message.body
    assert ppik.unit.name in message.body
    assert "Batas waktu: 5 November 2026" in message.body
    assert "Keterlambatan: 2 hari kerja" in message.body
    assert f"https://erkt.balangankab.go.id/tugas/{ppik.pk}/" in message.body


def test_a_completed_task_sends_nothing(step_4, time_machine, mailoutbox):
    ppik = finish(open_task(step_4, 4, "PPIK"))
    time_machine.move_to(at(FRIDAY), tick=False)
    assert reminders.remind().escalations == 8  # the other four units
    assert address("kabid.ppik") not in recipients(mailoutbox)
    assert not ppik.notifications.exists()


def test_a_cancelled_process_sends_nothing(step_4, kepala, time_machine, mailoutbox):
    engine.cancel_process(step_4, by=kepala, reason="Salah tahun.")
    time_machine.move_to(at(FRIDAY), tick=False)
    summary = reminders.remind()
    assert (summary.reminders, summary.escalations) == (0, 0)
    assert mailoutbox == []


def test_a_recipient_without_an_e_mail_address_is_skipped_and_counted(
    step_5, tim2, time_machine, mailoutbox
):
    tim2.email = ""
    tim2.save(update_fields=["email"])
    time_machine.move_to(at(WEDNESDAY), tick=False)
    summary = reminders.remind()
    assert recipients(mailoutbox) == [address("tim1")]
    assert summary.skipped == [f"Ahmad Syarifuddin, S.A.P. ({open_task(step_5, 5)})"]
    # The reminder still reaches them in the app (the bell), never by e-mail.
    notice = Notification.objects.get(recipient=tim2)
    assert not notice.deliveries.exists()


def test_each_sent_notification_is_in_the_audit_log(step_5, time_machine, mailoutbox):
    time_machine.move_to(at(FRIDAY), tick=False)
    reminders.remind()
    entries = AuditEntry.objects.filter(action="notification.escalation")
    assert sorted(e.after["recipient"] for e in entries) == [
        "kasubbag.perencanaan",
        "tim1",
        "tim2",
    ]


def test_one_failing_task_does_not_stop_the_others(step_4, time_machine, mailoutbox, monkeypatch):
    ppik = open_task(step_4, 4, "PPIK")
    build = reminders.build_message

    def broken_for_ppik(task, *args, **kwargs):
        if task.pk == ppik.pk:
            raise ValueError("alamat rusak")
        return build(task, *args, **kwargs)

    monkeypatch.setattr(reminders, "build_message", broken_for_ppik)
    time_machine.move_to(at(FRIDAY), tick=False)
    summary = reminders.remind()
    assert summary.failed == 1
    assert summary.escalations == 8  # four other units: their head and the superior each
    assert not Notification.objects.filter(task=ppik).exists()


def test_a_suspended_process_is_neither_reminded_nor_escalated(
    step_4, kepala, time_machine, mailoutbox
):
    engine.suspend_process(step_4, by=kepala, reason="Menunggu pagu anggaran")
    time_machine.move_to(at(WEDNESDAY), tick=False)
    assert reminders.remind().reminders == 0
    assert mailoutbox == []
