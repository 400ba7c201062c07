"""Pemantauan: the monitoring page's data (erkt.workflow.monitoring) as JSON."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from erkt.api.prebuilt import answer
from erkt.html_cells import Converted
from erkt.workflow import monitoring as monitored
from erkt.workflow.models import Task
from erkt.workflow.monitoring import (
    Holder,
    Monitoring,
    Pass,
    StepDuration,
    require_monitor,
)
from erkt.workflow.monitoring import monitoring as build_monitoring

router = Router(tags=["Pemantauan"])


class MonitoredTask(Schema):
    id: int
    process: int
    step: int
    uraian: str
    unit: str | None
    position: str
    pass_number: int
    claimed_by: str | None
    due_date: datetime.date
    remaining_working_days: int = Field(description="0 pada batas waktu, negatif bila terlambat.")
    late: bool


class HolderOut(Schema):
    employee: int | None = Field(description="null: jabatan kosong (tidak ada pemangku).")
    name: str
    positions: list[str]
    tasks: list[MonitoredTask]


class PassOut(Schema):
    task: int
    process: int
    pass_number: int
    opened_on: datetime.date
    due_date: datetime.date
    completed_on: datetime.date | None
    working_days: int = Field(
        description="Hari kerja sesudah tanggal dibuka s.d. tanggal selesai (hari ini bila "
        "belum selesai): selesai pada hari dibuka = 0; tanpa hari kerja penangguhan."
    )
    suspended_working_days: int = Field(
        description="Hari kerja putaran ini selama pelaksanaan ditangguhkan (dihitung terpisah)."
    )
    done: bool
    late: bool


class StepDurationOut(Schema):
    step: int
    uraian: str
    unit: str | None
    working_days: int = Field(description="Waktu langkah menurut SOP, dalam hari kerja.")
    passes: list[PassOut]
    average: float | None = Field(description="Rata-rata hari kerja putaran yang selesai.")
    maximum: int | None
    late_count: int
    process_count: int


class MonitoredProcess(Schema):
    id: int
    judul: str
    year: int
    status: str


class MonitoringOut(Schema):
    today: datetime.date
    holders: list[HolderOut]
    late: list[MonitoredTask]
    processes: list[MonitoredProcess]
    process: MonitoredProcess | None
    durations: list[StepDurationOut]
    completed_processes: list[int]
    history: list[StepDurationOut] = Field(
        description="Per langkah, atas semua pelaksanaan SOP yang sama yang sudah selesai."
    )


# Each date as the ISO text the encoder would write, kept across requests: the encoder's
# default() reaches a date through some nine Python calls, and an answer holds hundreds
# of dates, most of them the same few days. (GET /processes writes its dates as text too.)
ISO = Converted(datetime.date.isoformat)


def task_data(task: Task, late_days: set[datetime.date]) -> dict:
    """`late_days`: the due dates already passed (Deadline.is_late asked once a date)."""
    return {
        "id": task.pk,
        "process": task.process_id,
        "step": task.step_run.number,
        "uraian": task.step_run.step.uraian,
        "unit": task.unit.short_name if task.unit_id else None,
        "position": task.position.title,
        "pass_number": task.pass_number,
        "claimed_by": task.claimed_by.full_name if task.claimed_by_id else None,
        "due_date": ISO[task.due_date],
        "remaining_working_days": task.deadline.days,
        "late": task.due_date in late_days,
    }


def holder_data(holder: Holder, late_days: set[datetime.date]) -> dict:
    return {
        "employee": holder.employee.pk if holder.employee else None,
        "name": holder.name,
        "positions": holder.positions,
        "tasks": [task_data(task, late_days) for task in holder.tasks],
    }


def pass_data(item: Pass) -> dict:
    # Pass.number, done and late written out: no property call a pass.
    completed_on = item.completed_on
    return {
        "task": item.task.pk,
        "process": item.task.process_id,
        "pass_number": item.task.pass_number,
        "opened_on": ISO[item.opened_on],
        "due_date": ISO[item.due_date],
        "completed_on": None if completed_on is None else ISO[completed_on],
        "working_days": item.days,
        "suspended_working_days": item.suspended_days,
        "done": completed_on is not None,
        "late": completed_on is not None and completed_on > item.due_date,
    }


def duration_data(row: StepDuration) -> dict:
    _done, average, maximum, late_count = row.figures()  # one loop for the three figures
    return {
        "step": row.step.number,
        "uraian": row.step.uraian,
        "unit": row.unit.short_name if row.unit else None,
        "working_days": row.step.working_days,
        "passes": [pass_data(item) for item in row.passes],
        "average": average,
        "maximum": maximum,
        "late_count": late_count,
        "process_count": row.process_count,
    }


def process_data(process: monitored.MonitoredProcess) -> dict:
    return {
        "id": process.pk,
        "judul": process.judul,
        "year": process.year,
        "status": process.status,
    }


def monitoring_data(data: Monitoring) -> dict:
    late_days = {due for due, deadline in data.deadlines.items() if deadline.is_late}
    return {
        "today": ISO[data.today],
        "holders": [holder_data(holder, late_days) for holder in data.holders],
        "late": [task_data(task, late_days) for task in data.late],
        # process_data() written in the comprehension: no call per process.
        "processes": [
            {"id": p.pk, "judul": p.judul, "year": p.year, "status": p.status}
            for p in data.processes
        ],
        "process": process_data(data.process) if data.process else None,
        "durations": [duration_data(row) for row in data.durations],
        "completed_processes": [process.pk for process in data.completed],
        "history": [duration_data(row) for row in data.history],
    }


@router.get("/monitoring", response=MonitoringOut, summary="Pemantauan pelaksanaan SOP")
def monitoring(request: HttpRequest, process: int | None = None) -> HttpResponse:
    """Siapa memegang tugas apa, tugas yang terlambat, dan durasi nyata setiap langkah.

    `process` memilih pelaksanaan untuk durasi langkah (bawaan: yang sedang berjalan).
    Untuk Kepala, Sekretaris, Kasubbag Perencanaan, Tim Perencanaan dan administrator.
    """
    organization = require_monitor(request.user)
    # Built in MonitoringOut's order and types (its dates as their ISO text): written
    # without ninja's validation (erkt.api.prebuilt; test_monitoring_api checks it against
    # the schema).
    return answer(request, monitoring_data(build_monitoring(organization, process)))
