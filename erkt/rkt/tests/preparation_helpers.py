"""An RKT process of the demo office at steps 1-3, and helpers that record each step's content.

The fixtures are imported by erkt/rkt/tests/conftest.py.
"""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model

from erkt.rkt.preparation import services
from erkt.rkt.preparation.models import RapatSosialisasi
from erkt.rkt.preparation.steps import DISPOSISI, RENCANA, open_task
from erkt.rkt.tests.drafts_helpers import recorded_step, started_process
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# A Monday with no holiday in the following weeks.
RKT_START = datetime.date(2026, 11, 2)
RKT_YEAR = 2027


def version_now(model, process: Process) -> int:
    """The version an editor opening the record's page now would load (0: none recorded)."""
    record = model.objects.filter(process=process).first()
    return record.version if record is not None else 0


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


@pytest.fixture
def rkt_today(time_machine) -> datetime.date:
    """The clock frozen on the start date of the RKT process, 09:00 WITA."""
    time_machine.move_to(at(RKT_START), tick=False)
    return RKT_START


def _start(organization, kepala) -> Process:
    sop = Sop.objects.get(organization=organization, code="penyusunan-rkt")
    return engine.start_process(sop=sop, year=RKT_YEAR, by=kepala)


@pytest.fixture
def rkt_process(request, demo, kepala, rkt_today) -> Process:
    """The RKT 2027 process of BKPSDM, just started: step 1 is the Kepala Badan's task.

    Run once per test process, then restored (drafts_helpers.started_process)."""
    return started_process(request, "rkt.rkt_process", lambda: _start(demo, kepala))


def user(username: str):
    return get_user_model().objects.get(username=username)


def task_of(process: Process, key: str) -> Task:
    task = open_task(process, key)
    assert task is not None, f"step {key} is not open"
    return task


def record_disposisi(process: Process, **changes):
    data = {
        "nomor_agenda": "",
        "tanggal": process.start_date,
        "perihal": f"Penyusunan RKT Tahun {process.year}",
        "isi": "Siapkan penyusunan RKT sesuai SOP.",
        "sifat": "segera",
        "batas_waktu": process.planned_end,
        **changes,
    }
    return services.save_disposisi(process, by=user("kepala"), data=data)


def record_rencana(process: Process, working_days: dict[int, int] | None = None, tim=None):
    return services.save_rencana(
        process,
        by=user("kasubbag.perencanaan"),
        uraian="Pembagian tugas Tim Perencanaan.",
        tim=services.tim_perencanaan_holders(process) if tim is None else tim,
        working_days=working_days or {},
    )


def record_rapat(process: Process, **changes) -> RapatSosialisasi:
    data = {
        "nomor_undangan": "005/123/BKPSDM",
        "tanggal": process.today(),
        "waktu": datetime.time(9, 0),
        "tempat": "Aula BKPSDM",
        "agenda": f"Sosialisasi Pengisian Form RKT Tahun {process.year}",
        **changes,
    }
    return services.save_rapat(process, by=user("kasubbag.perencanaan"), data=data)


def record_attendance(rapat: RapatSosialisasi, notulen: str = "Form RKT dibagikan.") -> None:
    attendance = {row.pk: ("hadir", "") for row in rapat.peserta.all()}
    services.record_attendance(
        rapat, by=user("kasubbag.perencanaan"), attendance=attendance, notulen=notulen
    )


def complete(process: Process, key: str) -> Task:
    task = task_of(process, key)
    return engine.complete_task(task, by=task.eligible_employees().order_by("pk").first().user)


def to_rencana(process: Process) -> Process:
    """Step 1 done: the Kasubbag Perencanaan's plan (step 2) is open."""
    record_disposisi(process)
    complete(process, DISPOSISI)
    return process


def to_sosialisasi(process: Process, working_days: dict[int, int] | None = None) -> Process:
    """Steps 1-2 done: the meeting (step 3) is open."""
    to_rencana(process)
    record_rencana(process, working_days)
    complete(process, RENCANA)
    return process


def hold_meeting(process: Process) -> RapatSosialisasi:
    rapat = record_rapat(process)
    record_attendance(rapat)
    return rapat


def _meeting_held(process: Process) -> Process:
    to_sosialisasi(process)
    hold_meeting(process)
    return process


def meeting_held(request, process: Process) -> Process:
    """Steps 1-2 recorded and the meeting held (to_sosialisasi, hold_meeting), restored
    from this test process's first run of them (drafts_helpers.recorded_step)."""
    return recorded_step(request, "rkt.meeting_held", lambda: _meeting_held(process))
