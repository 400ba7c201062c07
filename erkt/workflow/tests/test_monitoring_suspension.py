"""Pemantauan counts the working days of a suspension apart from a pass's working days."""

from __future__ import annotations

import datetime

from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.monitoring import monitoring
from erkt.workflow.tests.page_helpers import at, finish, open_task, start

D = datetime.date
MONDAY = D(2026, 11, 2)


def test_a_pass_excludes_the_suspended_working_days(client_for, demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    time_machine.move_to(at(D(2026, 11, 5)), tick=False)  # Thursday: 3 working days later
    engine.resume_process(process, by=kepala)
    time_machine.move_to(at(D(2026, 11, 6)), tick=False)  # Friday
    finish(open_task(process, 1), kepala)
    [item] = next(r for r in monitoring(demo).durations if r.step.number == 1).passes
    assert (item.days, item.suspended_days, item.late) == (1, 3, False)
    html = client_for(kepala).get(reverse("workflow:monitoring")).content.decode()
    assert "+ 3 hari kerja ditangguhkan" in html


def test_an_open_pass_during_a_suspension_stops_counting(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    time_machine.move_to(at(D(2026, 11, 3)), tick=False)
    engine.suspend_process(process, by=kepala, reason="Menunggu pagu anggaran")
    time_machine.move_to(at(D(2026, 11, 6)), tick=False)
    [item] = next(r for r in monitoring(demo).durations if r.step.number == 1).passes
    assert (item.days, item.suspended_days) == (1, 3)


def test_a_withdrawn_task_is_no_pass(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    task = finish(open_task(process, 1), kepala)
    engine.withdraw_task(task, by=kepala, reason="Salah lampiran")
    assert next(r for r in monitoring(demo).durations if r.step.number == 2).passes == []
