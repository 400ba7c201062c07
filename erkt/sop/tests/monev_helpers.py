"""Two finished RKT processes of the seed SOP, run through the engine with late steps and a
"tidak" loop, for the monev SOP tests.

Process 2027 (2 to 11 November 2026): step 2 done two working days after opening (Waktu 1:
late), PSDM's step 4 five days after opening (Waktu 3: late), a "tidak" at step 9 with
a reason gives step 8 a second pass. Process 2028 (16 to 25 November 2026): step 2 three
days (late), PSDM's step 4 four days (late), MPK's step 4 returned by the Tim with a
reason and redone the same day. Every other pass is done the day it opens.
November 2026 has no holiday in these weeks.
"""

from __future__ import annotations

import datetime

import pytest

from erkt.org.models import Unit
from erkt.workflow import engine
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.page_helpers import assignee, at, finish, open_task, start

D = datetime.date
REASON = "Indikator kurang tajam."
UNIT_REASON = "Target kinerja MPK belum terukur."


def finish_all(process: Process, number: int, *, decision: str = "", note: str = "") -> None:
    for task in Task.objects.filter(process=process, step_run__number=number, status="open"):
        finish(task, decision=decision, note=note or f"Selesai langkah {number}.")


def run_process(
    organization, kepala, time_machine, *, year, monday, late2, late4, loop, unit_return=False
):
    """Start on `monday`, step 2 done `late2` calendar days later, PSDM's step 4 `late4`
    calendar days after it opened, the rest the day each opens; `loop`: one "tidak" at 9;
    `unit_return`: MPK's step 4 returned once with a reason."""
    time_machine.move_to(at(monday), tick=False)
    process = start(organization, kepala, year=year, on=monday)
    finish_all(process, 1)
    day = monday + datetime.timedelta(days=late2)
    time_machine.move_to(at(day), tick=False)
    finish_all(process, 2)
    finish_all(process, 3)
    for task in Task.objects.filter(process=process, step_run__number=4, status="open"):
        if task.unit.short_name != "PSDM":
            finish(task)
    time_machine.move_to(at(day + datetime.timedelta(days=late4)), tick=False)
    finish(open_task(process, 4, "PSDM"))
    if unit_return:
        # The Tim, at step 5, returns MPK's step 4 with a reason; MPK redoes it that day.
        mpk = Unit.objects.get(organization=organization, short_name="MPK")
        tim = assignee(open_task(process, 5))
        engine.reopen_unit_task(process, step_number=4, unit=mpk, by=tim, reason=UNIT_REASON)
        finish(open_task(process, 4, "MPK"))
    for number in (5, 6, 7, 8):
        finish_all(process, number)
    if loop:
        finish_all(process, 9, decision="tidak", note=REASON)
        finish_all(process, 8)
    finish_all(process, 9, decision="ya")
    finish_all(process, 10, decision="ya")
    finish_all(process, 11)
    process.refresh_from_db()
    assert process.status == Process.Status.COMPLETED
    return process


def first_process(demo, kepala, time_machine) -> Process:
    # Wed 4 Nov (2 working days after Mon 2), then Wed 11 Nov (5 after Wed 4).
    return run_process(
        demo, kepala, time_machine, year=2027, monday=D(2026, 11, 2), late2=2, late4=7, loop=True
    )


def second_process(demo, kepala, time_machine) -> Process:
    # Thu 19 Nov (3 working days after Mon 16), then Wed 25 Nov (4 after Thu 19).
    return run_process(
        demo,
        kepala,
        time_machine,
        year=2028,
        monday=D(2026, 11, 16),
        late2=3,
        late4=6,
        loop=False,
        unit_return=True,
    )


@pytest.fixture
def history(demo, kepala, time_machine, without_step_actions) -> list[Process]:
    """The two processes; the seed SOP runs with the engine's default step behaviour."""
    return [first_process(demo, kepala, time_machine), second_process(demo, kepala, time_machine)]
