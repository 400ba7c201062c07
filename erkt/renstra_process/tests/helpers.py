"""Helpers of the Renstra SOP tests: the next period's Renstra data, a process at a step."""

from __future__ import annotations

import copy
import datetime
import zoneinfo

from erkt.renstra_process import draft
from erkt.rkt.demo import demo_renstra_data
from erkt.rkt.renstra_data import RenstraData
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# A Monday, the year before the next Renstra period starts.
START = datetime.date(2029, 6, 4)
YEAR = 2030
YEARS = list(range(YEAR, YEAR + 5))


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


def next_period_data() -> RenstraData:
    """The demo Renstra moved to 2030-2034 (the years of every target and pagu shifted)."""
    data = copy.deepcopy(demo_renstra_data())
    shift = YEAR - data.period_start
    data.period_start = YEAR
    data.title = "Rencana Strategis BKPSDM Kabupaten Balangan Tahun 2030-2034"
    for row in data.indikator:
        row.targets = {year + shift: value for year, value in row.targets.items()}
    for row in data.sub_kegiatan:
        row.pagu = {year + shift: value for year, value in row.pagu.items()}
    return data


def start(demo, kepala) -> Process:
    sop = Sop.objects.get(organization=demo, code="penyusunan-renstra")
    return engine.start_process(sop=sop, year=YEAR, by=kepala)


def open_task(process: Process, number: int) -> Task:
    return Task.objects.get(
        step_run__process=process, step_run__step__number=number, status=Task.Status.OPEN
    )


def complete(process: Process, number: int, user, **kwargs) -> Task:
    from erkt.api.tests.helpers import output_file

    task = open_task(process, number)
    if not task.step.is_decision and number not in (3, 4, 6):
        engine.add_attachment(task, by=user, file=output_file(f"langkah-{number}.pdf"))
    return engine.complete_task(task, by=user, note=kwargs.pop("note", "Selesai."), **kwargs)


def at_step(demo, kepala, kasubbag, tim, number: int) -> Process:
    """A Renstra process whose step `number` (3, 4, 5 or 6) is open; earlier steps done,
    the draft holding the whole next-period Renstra when number > 3."""
    process = start(demo, kepala)
    complete(process, 1, kepala)
    complete(process, 2, kasubbag, note="Evaluasi Renstra 2025-2029 selesai.")
    if number == 3:
        return process
    draft.import_file(process, _workbook(demo), by=tim)
    complete(process, 3, tim)
    if number == 4:
        return process
    complete(process, 4, tim)
    if number == 5:
        return process
    complete(process, 5, kasubbag, note="Forum menyepakati rancangan.")
    return process


def _workbook(demo) -> bytes:
    from erkt.rkt.renstra_excel import build_workbook

    return build_workbook(demo, period_start=YEAR, data=next_period_data())
