"""The demo office's finished RKT processes of two earlier years (RKT 2025 and RKT 2026).

`erkt demo` runs them (before any running year), so the monitoring pages and the SOP
evaluation have a history to show on a fresh `make run`. Each year is
run to its signed, archived end through the same calls the pages and the API make
(engine.start_process / complete_task, the preparation, Form RKT, draft, signing and
archive services), on a simulated clock placed in that year: every deadline is counted in
working days on the Indonesian calendar of that year (RKT 2025 crosses Isra Mikraj, Imlek
and the 2024 election day; RKT 2026 crosses Nyepi and the Idul Fitri holidays of 2025).

The years differ as real ones do: some units send their Form RKT late (other units in
each year), some steps overrun their Waktu, and in RKT 2026 the Sekretaris returns the
draft once ("tidak", with her note), so steps 8 and 9 run twice.

The past years notify nobody (the engine's events are muted while they run). The
simulated clock is Django's (`django.utils.timezone.now`, also behind the model
fields that default to it). Cryptography keeps the wall clock: the Kepala's certificate
is checked, and its PDF signature dated, at the time `erkt demo` runs.

Loading is idempotent: a year whose process already exists is left as it is.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.org.models import Organization

SOP_CODE = "penyusunan-rkt"
_TEN = datetime.time(10)
WITA = zoneinfo.ZoneInfo("Asia/Makassar")

HEADS = {
    "PERENCANAAN": "kasubbag.perencanaan",
    "UMPEG": "kasubbag.umum",
    "PPIK": "kabid.ppik",
    "PSDM": "kabid.psdm",
    "MPK": "kabid.mpk",
}


@dataclass(frozen=True)
class PastYear:
    """How one earlier year went: when it started and where it ran late or looped.

    `days` gives the working days a step really took (default: within its Waktu);
    `form_days` the working days each unit took to send its Form RKT (Waktu 3).
    """

    year: int
    start: datetime.date  # a Monday
    days: dict[int, int] = field(default_factory=dict)
    form_days: dict[str, int] = field(default_factory=dict)
    review_days: dict[str, int] = field(default_factory=dict)
    unit_correction: tuple[str, str] = ("", "")  # (unit, comment) at step 7
    sekretaris_tidak: str = ""  # the note of a "tidak" at step 9
    tim: str = "tim1"  # the Tim Perencanaan member who compiles and archives


PAST_YEARS = (
    PastYear(
        year=2025,
        start=datetime.date(2024, 2, 5),
        # PSDM and MPK send their forms late; the compilation overruns its 3 days.
        form_days={"PERENCANAAN": 2, "UMPEG": 3, "PPIK": 2, "PSDM": 5, "MPK": 4},
        days={5: 2, 6: 5, 8: 4},
        review_days={"PPIK": 2, "PSDM": 3, "MPK": 2, "UMPEG": 1, "PERENCANAAN": 1},
        unit_correction=("PSDM", "Sesuaikan target dengan kuota diklat tahun berjalan."),
    ),
    PastYear(
        year=2026,
        start=datetime.date(2025, 3, 17),
        # UMPEG sends its form late; PPIK reviews its part late; the Kepala signs a day late.
        form_days={"PERENCANAAN": 1, "UMPEG": 6, "PPIK": 3, "PSDM": 2, "MPK": 3},
        days={1: 1, 2: 1, 5: 1, 6: 3, 8: 5, 10: 2},
        review_days={"PPIK": 5, "PSDM": 2, "MPK": 3, "UMPEG": 2, "PERENCANAAN": 1},
        unit_correction=("PPIK", "Lengkapi justifikasi anggaran sub kegiatan."),
        sekretaris_tidak=(
            "Pagu sub kegiatan belum sesuai surat edaran pagu indikatif; "
            "sesuaikan dan ajukan kembali."
        ),
        tim="tim2",
    ),
)


# --------------------------------------------------------------------------- the clock


class SimulatedClock:
    """Django's clock stopped at a chosen moment; the driver moves it forward only."""

    def __init__(self, start: datetime.datetime) -> None:
        self.now = start

    def at(self, day: datetime.date, hour: int = 9) -> datetime.datetime:
        """Move to `day` at `hour` WITA, or a few minutes later if that is not later."""
        moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=WITA)
        self.now = max(moment, self.now + datetime.timedelta(minutes=7))
        return self.now


@contextmanager
def simulated(clock: SimulatedClock) -> Iterator[None]:
    """`timezone.now()` (and every model field defaulting to it) reads `clock.now`."""
    real_now = timezone.now

    def now() -> datetime.datetime:
        return clock.now

    defaulted = [
        f
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if getattr(f, "default", None) is real_now
    ]
    saved = [f.__dict__.get("_get_default") for f in defaulted]
    timezone.now = now
    for f in defaulted:
        f.__dict__["_get_default"] = now
    try:
        yield
    finally:
        timezone.now = real_now
        for f, cached in zip(defaulted, saved, strict=True):
            if cached is None:
                f.__dict__.pop("_get_default", None)
            else:
                f.__dict__["_get_default"] = cached


@contextmanager
def _silent() -> Iterator[None]:
    """The engine's events reach no receiver: a past year queues no notice (its people
    were told at the time; the worker of a fresh `make run` must not announce 2024)."""
    from erkt.workflow.events import notices_created, process_event, tasks_opened

    signals = (tasks_opened, process_event, notices_created)
    saved = [signal.receivers for signal in signals]
    for signal in signals:
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in zip(signals, saved, strict=True):
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


# --------------------------------------------------------------------------- the driver


def load_demo_history(organization: Organization) -> list:
    """Run each past year not run yet; returns the processes (existing ones included).

    The Renstra 2025-2029 and the demo certificates are loaded first if missing, on the
    simulated clock a week before the first year starts (they came before RKT 2025).
    """
    from erkt.documents.signing.demo import load_demo_signing
    from erkt.rkt.demo import load_demo_renstra
    from erkt.workflow.models import Process

    setup = PAST_YEARS[0].start - datetime.timedelta(days=7)
    with simulated(SimulatedClock(datetime.datetime.combine(setup, _TEN, tzinfo=WITA))):
        load_demo_renstra(organization)
        load_demo_signing(organization)
    sop = organization.sops.get(code=SOP_CODE)
    processes = []
    for spec in PAST_YEARS:
        existing = Process.objects.filter(organization=organization, sop=sop, year=spec.year)
        process = existing.first()
        if process is None:
            process = _Run(organization, sop, spec).run()
        processes.append(process)
    return processes


class _Run:
    def __init__(self, organization: Organization, sop, spec: PastYear) -> None:
        self.organization, self.sop, self.spec = organization, sop, spec
        self.clock = SimulatedClock(
            datetime.datetime.combine(spec.start, datetime.time(8), tzinfo=WITA)
        )
        people = get_user_model().objects.filter(employee__organization=organization)
        self.users = {u.username: u for u in people}
        self.process = None

    def run(self):
        # One transaction per year: a year that fails leaves nothing, and is run again by
        # the next `erkt demo` (its on-commit work runs at the end, still on its clock).
        with simulated(self.clock), _silent(), transaction.atomic():
            from erkt.workflow.calendar import WorkingCalendar

            self.calendar = WorkingCalendar(self.organization)
            return self._steps()

    # --- helpers

    def user(self, username: str):
        return self.users[username]

    def open_task(self, number: int, unit: str | None = None):
        from erkt.workflow.models import Task

        tasks = Task.objects.filter(
            process=self.process, step_run__number=number, status=Task.Status.OPEN
        )
        if unit is not None:
            tasks = tasks.filter(unit__short_name=unit)
        return tasks.select_related("step_run__step", "unit").get()

    def finish_day(self, task, days: int | None = None) -> datetime.date:
        """The day `task` is completed: `days` working days after it opened (default: its
        Waktu less one, at least one; at most its Waktu means on time)."""
        opened = task.opened_on
        limit = self.process.working_days_for(task.step_run.step)
        if days is None:
            days = self.spec.days.get(task.step_run.number, max(1, limit - 1))
        return self.calendar.add_working_days(opened, days)

    def complete(self, number: int, by: str, hour: int = 10, **kwargs):
        from erkt.workflow import engine

        task = self.open_task(number)
        self.clock.at(self.finish_day(task), hour)
        return engine.complete_task(task, by=self.user(by), **kwargs)

    # --- the SOP's steps

    def _steps(self):
        from erkt.workflow import engine

        self.process = engine.start_process(
            sop=self.sop, year=self.spec.year, by=self.user("kepala")
        )
        self._preparation()
        self._forms()
        self._drafts()
        self._signing()
        self._archive()
        self.process.refresh_from_db()
        return self.process

    def _preparation(self) -> None:
        from erkt.rkt.preparation import services

        year, process = self.spec.year, self.process
        task = self.open_task(1)
        self.clock.at(self.finish_day(task), 8)
        services.save_disposisi(
            process,
            by=self.user("kepala"),
            data={
                "nomor_agenda": f"005/{year % 100:02d}/BKPSDM/{year - 1}",
                "tanggal": timezone.localdate(),
                "perihal": f"Penyusunan RKT Tahun {year}",
                "isi": "Siapkan penyusunan RKT sesuai SOP dan Renstra 2025-2029.",
                "sifat": "segera",
                "batas_waktu": process.planned_end,
            },
        )
        self.complete(1, "kepala", hour=9)
        task = self.open_task(2)
        self.clock.at(self.finish_day(task), 9)
        services.save_rencana(
            process,
            by=self.user("kasubbag.perencanaan"),
            uraian="Pembagian tugas Tim Perencanaan: kompilasi, koreksi dan pengarsipan.",
            tim=services.tim_perencanaan_holders(process),
            working_days={},
        )
        self.complete(2, "kasubbag.perencanaan", hour=11)
        task = self.open_task(3)
        self.clock.at(self.finish_day(task), 9)
        rapat = services.save_rapat(
            process,
            by=self.user("kasubbag.perencanaan"),
            data={
                "nomor_undangan": f"005/{year % 100 + 100}/BKPSDM",
                "tanggal": timezone.localdate(),
                "waktu": datetime.time(9, 0),
                "tempat": "Aula BKPSDM",
                "agenda": f"Sosialisasi Pengisian Form RKT Tahun {year}",
            },
        )
        services.record_attendance(
            rapat,
            by=self.user("kasubbag.perencanaan"),
            attendance={row.pk: ("hadir", "") for row in rapat.peserta.all()},
            notulen="Form RKT dibagikan kepada Sekretariat dan Bidang-bidang.",
        )
        self.complete(3, "kasubbag.perencanaan", hour=13)  # issues every unit's Form RKT

    def _per_unit(self, number: int, days: dict[str, int], act) -> None:
        """Each unit's task of a per-unit step, in the order the units finish."""
        tasks = [self.open_task(number, unit) for unit in HEADS]
        when = {t.unit.short_name: self.finish_day(t, days.get(t.unit.short_name)) for t in tasks}
        for hour, task in enumerate(sorted(tasks, key=lambda t: when[t.unit.short_name])):
            self.clock.at(when[task.unit.short_name], 9 + hour % 6)
            act(task, self.user(HEADS[task.unit.short_name]))

    def _forms(self) -> None:
        from erkt.rkt.unit_forms.models import FormRkt
        from erkt.rkt.unit_forms.services import submit_form

        def send(task, by) -> None:
            submit_form(FormRkt.objects.get(process=self.process, unit=task.unit), by=by)

        self._per_unit(4, self.spec.form_days, send)
        self.complete(5, self.spec.tim)

    def _drafts(self) -> None:
        from erkt.rkt.drafts.compile import compile_draft
        from erkt.rkt.drafts.corrections import mark_rest_sesuai, record_verdict
        from erkt.rkt.drafts.models import DraftRkt
        from erkt.workflow import engine

        task = self.open_task(6)
        self.clock.at(self.finish_day(task), 10)
        compile_draft(self.process, by=self.user(self.spec.tim))
        engine.complete_task(task, by=self.user(self.spec.tim))
        unit, comment = self.spec.unit_correction

        def review(task, by) -> None:
            if task.unit.short_name == unit:
                row = DraftRkt.objects.latest_of(self.process).rows.filter(unit=task.unit).first()
                record_verdict(
                    task, by=by, row_key=row.key, verdict="koreksi", field="baris", comment=comment
                )
            mark_rest_sesuai(task, by=by)
            engine.complete_task(task, by=by)

        self._per_unit(7, self.spec.review_days, review)
        self._next_version()
        if self.spec.sekretaris_tidak:
            self.complete(9, "sekretaris", decision="tidak", note=self.spec.sekretaris_tidak)
            self._next_version(days=2)
        self.complete(9, "sekretaris", hour=14, decision="ya")

    def _next_version(self, days: int | None = None) -> None:
        from erkt.rkt.drafts.versions import ACCEPT, make_next_version, open_corrections
        from erkt.workflow import engine

        task = self.open_task(8)
        self.clock.at(self.finish_day(task, days), 10)
        kasubbag = self.user("kasubbag.perencanaan")
        decisions = {c.pk: (ACCEPT, "") for c in open_corrections(self.process)}
        make_next_version(self.process, by=kasubbag, decisions=decisions)
        engine.complete_task(task, by=kasubbag)

    def _signing(self) -> None:
        self.complete(10, "kepala", hour=15, decision="ya", payload={"passphrase": DEMO_PASSPHRASE})

    def _archive(self) -> None:
        from erkt.documents.archive.services import create_berkas

        year = self.spec.year
        task = self.open_task(11)
        self.clock.at(self.finish_day(task), 10)
        create_berkas(
            self.process,
            by=self.user(self.spec.tim),
            data={
                "nomor_berkas": f"000.7/{year - 2000:03d}/BKPSDM/{year - 1}",
                "kode_klasifikasi": "000.7",
                "uraian": f"Berkas Penyusunan RKT {year}",
                "tanggal": timezone.localdate(),
                "retensi_aktif": 2,
                "retensi_inaktif": 3,
                "nasib_akhir": "permanen",
            },
        )
