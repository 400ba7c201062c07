"""An RKT process at step 4 (the units filling their Form RKT), shared by the Form RKT tests.

Import the fixtures a test module uses: `from erkt.rkt.tests.form_fixtures import form_process`.
"""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.tests.drafts_helpers import started_process
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.services import issue_forms, submit_form
from erkt.sop.models import Sop
from erkt.workflow import actions, engine
from erkt.workflow.models import Process, Task

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
START = datetime.date(2026, 1, 5)  # a Monday, no holiday near
YEAR = 2027
# The steps before the Form RKT; the preparation engineer gives them their own actions.
PREPARATION_ACTIONS = ("rkt.disposisi", "rkt.rencana", "rkt.sosialisasi")
HEADS = {
    "PERENCANAAN": "kasubbag.perencanaan",
    "UMPEG": "kasubbag.umum",
    "PPIK": "kabid.ppik",
    "PSDM": "kabid.psdm",
    "MPK": "kabid.mpk",
}


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


def user(username: str):
    return get_user_model().objects.get(username=username)


def finish_default_step(process: Process, number: int) -> None:
    """Complete a step the default way: upload its output, then complete."""
    for task in Task.objects.filter(process=process, step_run__number=number, status="open"):
        by = task.eligible_employees().order_by("pk").first().user
        engine.add_attachment(
            task, by=by, file=SimpleUploadedFile("keluaran.pdf", b"%PDF-1.4 isi", "application/pdf")
        )
        engine.complete_task(task, by=by)


def run_to_step_4(organization, kepala, kasubbag_perencanaan) -> Process:
    """Load the demo Renstra, start the RKT 2027 process and issue the forms (step 4)."""
    load_demo_renstra(organization)
    sop = Sop.objects.get(organization=organization, code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=YEAR, by=kepala)
    for number in (1, 2, 3):
        finish_default_step(process, number)
    issue_forms(process, by=kasubbag_perencanaan)
    return process


@pytest.fixture
def form_process(request, demo, kepala, kasubbag_perencanaan, time_machine, monkeypatch) -> Process:
    """The RKT 2027 process of BKPSDM at step 4, every unit's form issued from the Renstra.

    Steps 1-3 run with the engine's default behaviour: their own step actions
    (preparation) are taken out of the registry here so these tests depend only
    on the Form RKT; issue_forms is called as step 3's completion would. Run once
    per test process, then restored (drafts_helpers.started_process).
    """
    time_machine.move_to(at(START), tick=False)
    for key in PREPARATION_ACTIONS:
        monkeypatch.delitem(actions._registry, key, raising=False)
    return started_process(
        request,
        "rkt.form_process",
        lambda: run_to_step_4(demo, kepala, kasubbag_perencanaan),
    )


def form_of(process: Process, unit: str) -> FormRkt:
    return FormRkt.objects.select_related("unit", "process").get(
        process=process, unit__short_name=unit
    )


def fill_task(process: Process, unit: str) -> Task | None:
    return Task.objects.filter(
        process=process, step_run__number=4, unit__short_name=unit, status="open"
    ).first()


def submit_all(process: Process) -> None:
    """Every unit head sends the form as issued: the demo Renstra fills it completely."""
    for unit, username in HEADS.items():
        submit_form(form_of(process, unit), by=user(username))


def rows_state(form: FormRkt) -> list[tuple]:
    """What a refused change must leave untouched: every row's content, and the status."""
    form.refresh_from_db()
    rows = (
        FormRktRow.objects.filter(form=form)
        .order_by("pk")
        .values_list(
            "pk",
            "kegiatan_id",
            "sub_kegiatan_id",
            "renstra_indikator_id",
            "sasaran_kegiatan",
            "indikator",
            "satuan",
            "target",
            "anggaran",
            "justifikasi",
        )
    )
    return [form.status, *rows]


def first_sub_row(form: FormRkt) -> FormRktRow:
    return form.rows.filter(sub_kegiatan__isnull=False).order_by("order").first()


ZERO = Decimal(0)
