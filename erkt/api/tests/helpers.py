"""Helpers of the API tests: a JSON client with a bearer token, the error-body check."""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from erkt.workflow import engine
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
# A Friday; 17 August 2025 is a Sunday and Monday 18 August is cuti bersama.
START = datetime.date(2025, 8, 1)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


# Everyday Indonesian words one of which every message uses, and English giveaways none may.
INDONESIAN_WORDS = {
    "ini",
    "telah",
    "diubah",
    "oleh",
    "yang",
    "dan",
    "atau",
    "masih",
    "sudah",
    "belum",
    "tidak",
    "harus",
    "wajib",
    "untuk",
    "dengan",
    "dari",
    "dapat",
    "anda",
    "isian",
    "lagi",
    "bukan",
    "hanya",
    "terlalu",
    "salah",
    "ditemukan",
    "diisi",
    "pilih",
    "berupa",
    "diunggah",
    "dicabut",
    "diizinkan",
    "berkas",
    "kosong",
    "tugas",
    "langkah",
    "pelaksanaan",
    "pegawai",
    "sandi",
    "dicatat",
    "tuliskan",
    "alasan",
    "baris",
    "versi",
    "koreksi",
}
ENGLISH_WORDS = {
    "the",
    "not",
    "is",
    "field",
    "required",
    "unauthorized",
    "forbidden",
    "found",
    "error",
    "invalid",
    "method",
    "allowed",
    "value",
    "input",
    "should",
    "must",
}


class ApiClient:
    """A JSON client of /api/v1/ with a bearer token."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path: str, data: dict | None = None):
        return self.client.post(
            f"/api/v1{path}", json.dumps(data or {}), content_type="application/json"
        )

    def put(self, path: str, data: dict | None = None):
        return self.client.put(
            f"/api/v1{path}", json.dumps(data or {}), content_type="application/json"
        )

    def delete(self, path: str):
        return self.client.delete(f"/api/v1{path}")

    def upload(self, path: str, files: dict):
        return self.client.post(f"/api/v1{path}", files)

    def raw(self, method: str, path: str, body: str, content_type: str = "application/json"):
        return getattr(self.client, method)(f"/api/v1{path}", body, content_type=content_type)


def assert_error(response, status: int) -> str:
    """The response is status `status` with a JSON {"detail": "<Indonesian message>"}."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"}, body
    detail = body["detail"]
    assert isinstance(detail, str) and detail.strip()
    words = set(re.findall(r"[a-z]+", detail.lower()))
    assert words & INDONESIAN_WORDS and not words & ENGLISH_WORDS, detail
    return detail


def output_file(name: str = "output.pdf") -> SimpleUploadedFile:
    """A small file standing for a step's output document."""
    return SimpleUploadedFile(name, b"%PDF-1.4 output e-RKT", content_type="application/pdf")


def open_task(process: Process, number: int, unit: str | None = None) -> Task:
    tasks = Task.objects.filter(process=process, step_run__number=number, status="open")
    if unit is not None:
        tasks = tasks.filter(unit__short_name=unit)
    return tasks.get()


def advance_to(process: Process, number: int) -> None:
    """Complete the steps before `number` through the engine, on the "ya" path (test setup)."""
    while (active := process.step_runs.get(status="active")).number != number:
        for task in Task.objects.filter(step_run=active, status="open"):
            user = task.eligible_employees().order_by("pk").first().user
            if not active.step.is_decision:
                engine.add_attachment(task, by=user, file=output_file())
            engine.complete_task(task, by=user, decision="ya" if active.step.is_decision else "")
