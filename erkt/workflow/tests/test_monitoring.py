"""The monitoring computation: who holds what, what is late, how long steps really take.

Durations count the working days in (opened, completed], as due dates do: a pass completed
on its due date took exactly its waktu.
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.http import Http404

from erkt.sop.models import WaktuUnit
from erkt.workflow import engine
from erkt.workflow.models import Task
from erkt.workflow.monitoring import PASSES, monitoring, to_utc
from erkt.workflow.tests.page_helpers import MONDAY, at, finish, open_task, run_to, start

D = datetime.date


def row(rows, number: int, unit: str | None = None):
    return next(
        r
        for r in rows
        if r.step.number == number and (r.unit.short_name if r.unit else None) == unit
    )


def complete(process) -> None:
    run_to(process, 11)
    finish(open_task(process, 11))


def test_a_step_opened_on_friday_and_completed_on_monday_took_one_working_day(
    demo, kepala, time_machine
):
    friday = D(2026, 11, 6)
    time_machine.move_to(at(friday), tick=False)
    process = start(demo, kepala)
    time_machine.move_to(at(D(2026, 11, 9), 15), tick=False)
    finish(open_task(process, 1))

    step = row(monitoring(demo).durations, 1)
    [first] = step.passes
    assert (first.opened_on, first.completed_on, first.days) == (friday, D(2026, 11, 9), 1)
    assert not first.late and step.late_count == 0


def test_the_christmas_holidays_do_not_count_and_a_step_past_its_due_date_is_late(
    process, time_machine
):
    # Monday 21 December 2026; 24 (cuti bersama) and 25 (Natal) December are holidays.
    time_machine.move_to(at(D(2026, 12, 22)), tick=False)
    finish(open_task(process, 1))
    time_machine.move_to(at(D(2026, 12, 28)), tick=False)
    finish(open_task(process, 2))  # opened Tuesday 22, due Wednesday 23

    rows = monitoring(process.organization).durations
    assert [p.days for p in row(rows, 1).passes] == [1]
    assert row(rows, 1).late_count == 0
    [second] = row(rows, 2).passes
    assert (second.opened_on, second.due_date, second.completed_on) == (
        D(2026, 12, 22),
        D(2026, 12, 23),
        D(2026, 12, 28),
    )
    assert second.days == 2 and second.late
    assert row(rows, 2).late_count == 1


def test_the_completion_day_is_read_in_the_organisation_time_zone(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    # 00:30 WITA on Tuesday is still Monday in UTC.
    time_machine.move_to(at(D(2026, 11, 3), 0) + datetime.timedelta(minutes=30), tick=False)
    finish(open_task(process, 1))

    [first] = row(monitoring(demo).durations, 1).passes
    assert first.completed_on == D(2026, 11, 3) and first.days == 1


def test_a_tidak_at_step_9_gives_step_8_a_second_pass_averaged_with_the_first(
    demo, kepala, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 8)
    time_machine.move_to(at(D(2026, 11, 4)), tick=False)
    finish(open_task(process, 8))
    finish(open_task(process, 9), decision="tidak", note="Indikator kurang tajam.")
    time_machine.move_to(at(D(2026, 11, 9)), tick=False)
    finish(open_task(process, 8))

    step = row(monitoring(demo).durations, 8)
    assert step.working_days == 5
    assert [(p.number, p.days) for p in step.passes] == [(1, 2), (2, 3)]
    assert (step.average, step.maximum, step.late_count) == (2.5, 3, 0)
    assert [p.number for p in row(monitoring(demo).durations, 9).passes] == [1, 2]


def test_an_open_pass_shows_its_days_so_far_but_counts_in_no_average(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    time_machine.move_to(at(D(2026, 11, 5)), tick=False)

    step = row(monitoring(demo, process.pk).durations, 1)
    [running] = step.passes
    assert not running.done and running.days == 3 and not running.late
    assert step.average is None and step.maximum is None


def test_per_unit_steps_are_measured_per_unit(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    run_to(process, 4)
    time_machine.move_to(at(D(2026, 11, 3)), tick=False)
    finish(open_task(process, 4, "PPIK"))
    time_machine.move_to(at(D(2026, 11, 10)), tick=False)
    for unit in ("PERENCANAAN", "UMPEG", "PSDM", "MPK"):
        finish(open_task(process, 4, unit))

    rows = [r for r in monitoring(demo).durations if r.step.number == 4]
    assert [r.unit.short_name for r in rows] == ["PERENCANAAN", "UMPEG", "PPIK", "PSDM", "MPK"]
    assert row(rows, 4, "PPIK").maximum == 1 and row(rows, 4, "PPIK").late_count == 0
    assert row(rows, 4, "MPK").maximum == 6 and row(rows, 4, "MPK").late_count == 1


def test_the_history_averages_every_completed_process_of_the_sop(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    first = start(demo, kepala, year=2027)
    run_to(first, 8)
    time_machine.move_to(at(D(2026, 11, 4)), tick=False)  # step 8: 2 working days
    complete(first)
    second = start(demo, kepala, year=2028)
    run_to(second, 8)
    time_machine.move_to(at(D(2026, 11, 10)), tick=False)  # step 8: 4 working days
    complete(second)
    running = start(demo, kepala, year=2029)
    run_to(running, 8)
    time_machine.move_to(at(D(2026, 11, 20)), tick=False)  # 8 working days, still open

    data = monitoring(demo)
    assert data.process.pk == running.pk  # the process read as plain values
    assert {p.pk for p in data.completed} == {first.pk, second.pk}
    step = row(data.history, 8)
    assert [p.days for p in step.passes] == [2, 4]
    assert (step.average, step.maximum, step.process_count, step.late_count) == (3.0, 4, 2, 0)
    assert row(data.durations, 8).passes[0].days == 8
    assert row(monitoring(demo, first.pk).durations, 8).average == 2.0


def test_an_unclaimed_lane_task_is_held_by_every_member_a_claimed_one_by_its_claimant(
    demo, kepala, tim1, tim2, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    run_to(start(demo, kepala, year=2027), 5)
    second = start(demo, kepala, year=2028)
    run_to(second, 5)
    engine.claim_task(open_task(second, 5), by=tim1)

    holders = {h.name: h for h in monitoring(demo).holders}
    tasks_of = {name: [t.process.year for t in h.tasks] for name, h in holders.items()}
    assert tasks_of[tim1.employee.full_name] == [2027, 2028]
    assert tasks_of[tim2.employee.full_name] == [2027]
    assert holders[tim1.employee.full_name].positions == ["Anggota Tim Perencanaan"]


def test_unit_tasks_are_held_by_the_unit_heads(demo, kepala, kabid_ppik, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    run_to(start(demo, kepala), 4)

    holders = {h.name: h for h in monitoring(demo).holders}
    [task] = holders[kabid_ppik.employee.full_name].tasks
    assert task.unit.short_name == "PPIK" and task.deadline.days == 3
    assert len(holders) == 5


def test_the_late_tasks_are_listed_most_late_first(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    early = start(demo, kepala, year=2027)
    later = start(demo, kepala, year=2028)
    time_machine.move_to(at(D(2026, 11, 3)), tick=False)
    finish(open_task(later, 1))  # step 2 opens on Tuesday, due Wednesday
    time_machine.move_to(at(D(2026, 11, 10)), tick=False)

    late = monitoring(demo).late
    assert [(t.process_id, t.step_run.number, t.deadline.days) for t in late] == [
        (early.pk, 1, -5),
        (later.pk, 2, -4),
    ]


def test_a_finished_process_has_nothing_held_or_late(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    complete(process)
    time_machine.move_to(at(D(2026, 12, 1)), tick=False)

    data = monitoring(demo)
    assert data.holders == [] and data.late == []
    assert data.process.pk == process.pk and [p.pk for p in data.completed] == [process.pk]


@pytest.mark.parametrize("value", ["abc", "99999"])
def test_an_unknown_process_is_not_found(demo, kepala, time_machine, value):
    time_machine.move_to(at(MONDAY), tick=False)
    start(demo, kepala)
    with pytest.raises(Http404):
        monitoring(demo, value)


def test_another_organisation_process_is_not_found(demo, kepala, other_org, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    with pytest.raises(Http404):
        monitoring(other_org, process.pk)
    assert monitoring(other_org).process is None


def test_the_dates_read_as_text_are_the_columns_own_values(demo, kepala, time_machine):
    # Microseconds in completed_at (SQLite stores them only when there are some).
    time_machine.move_to(at(MONDAY) + datetime.timedelta(microseconds=123_456), tick=False)
    process = start(demo, kepala)
    finish(open_task(process, 1))

    seen = monitoring(demo)
    assert seen.process.start_date == process.start_date
    tasks = Task.objects.filter(process=process).exclude(status=Task.Status.CANCELLED)
    completed_at = {t.pk: t.completed_at for t in tasks}
    read = {row[0]: to_utc(row[5]) for row in PASSES.rows(process.pk)}
    assert read == completed_at and any(c and c.microsecond == 123_456 for c in read.values())
    zone = zoneinfo.ZoneInfo(demo.time_zone)
    columns = {
        t.pk: (t.opened_on, t.due_date, t.completed_at and t.completed_at.astimezone(zone).date())
        for t in tasks
    }
    own = [item.task for row in seen.durations for item in row.passes]
    assert {t.pk: (t.opened_on, t.due_date, t.completed_on) for t in own} == columns
    held = [task for holder in seen.holders for task in holder.tasks]
    assert held and all(
        (t.opened_on, t.due_date) == columns[t.pk][:2] and t.opened_on == MONDAY for t in held
    )


def test_each_step_shows_its_waktu_in_working_days_a_week_being_five(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)

    shown = {r.step.number: r.step for r in monitoring(demo, process.pk).durations}
    steps = process.sop_version.steps.order_by("number")
    assert any(step.waktu_unit == WaktuUnit.MINGGU for step in steps)
    assert {n: (s.uraian, s.working_days, s.per_unit) for n, s in shown.items()} == {
        step.number: (step.uraian, step.working_days, step.per_unit) for step in steps
    }
