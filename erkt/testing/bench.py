"""`make bench`: time, SQL queries and memory of the main pages and operations.

    .venv/bin/python -m erkt.testing.bench [--runs 20] [--pdf-runs 5] [--import-runs 5]
        [--scale N]

It builds a throwaway SQLite database in a temporary DATA_DIR (test settings,
DEBUG off), loads the demo office and its Renstra as `erkt demo` does, drives
an RKT process to step 8 (steps 1-7 done) with the engine and the RKT services, then
measures each page with the Django test client, signed in as the demo user who
works on it, and the engine's operations. It then takes the process on to step 11
(version 2, the Kepala Badan signs with the demo certificate, the Berkas is made) and
measures the documents: the final RKT rendered as PDF, DOCX and XLSX, the same RKT
with 5x its rows as PDF (how rendering scales), signing and verifying it, and
building and verifying the archive bundle. Every measure has a warm-up call (its
SQL queries are counted), N timed calls (median, p95) and one call under tracemalloc
(peak Python memory); the pages are timed in N rounds interleaved with the bare view and
the other scale instead (erkt.testing.bench_rounds). The Renstra import is also measured
on a generated 2,000-row workbook, against openpyxl's read-only read of all its rows (the
ratio is in the label), and on the largest legal workbook (its peak memory).

The results go to data/bench/<timestamp>.json; the table compares them with
the previous file there. Timings depend on the machine and its load: compare
runs on the same machine, never assert them in tests.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

CHECKOUT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = CHECKOUT / "data" / "bench"
DEFAULT_RUNS = 20
DEFAULT_PDF_RUNS = 5
DEFAULT_IMPORT_RUNS = 5
# Engine runs use a year of their own, cancelled after each run, beside the process measured.
ENGINE_YEAR = 2028


@dataclass
class Result:
    """One measured page or operation."""

    name: str
    label: str
    kind: str  # "page" or "operation"
    runs: int
    median_ms: float
    p95_ms: float
    min_ms: float
    queries: int
    peak_kib: float
    user: str = ""
    url: str = ""
    status: int | None = None
    size_kib: float | None = None
    # Medians (and p25, p75) of ratios taken round by round (erkt.testing.bench_rounds):
    # to the bare view at the same scale, and, at scale N, to the same page at 1.
    x_bare: float | None = None
    x_bare_p25: float | None = None
    x_bare_p75: float | None = None
    x_one: float | None = None
    x_one_p25: float | None = None
    x_one_p75: float | None = None


@dataclass
class Bench:
    """The measures of one run, in the order they were taken."""

    runs: int
    pdf_runs: int
    import_runs: int
    scale: int = 1
    documents: bool = True
    only: str = ""
    results: list[Result] = field(default_factory=list)
    setup_s: dict[str, float] = field(default_factory=dict)
    throughput: Any = None


# --------------------------------------------------------------------------- measuring


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(
    act: Callable[[Any], Any],
    *,
    runs: int,
    prepare: Callable[[], Any] = lambda: None,
    clean_up: Callable[[Any], None] = lambda _outcome: None,
) -> tuple[dict[str, float | int], Any]:
    """Warm up `act` (counting its queries), time it `runs` times, trace its memory once.

    `prepare` makes what one call needs and `clean_up` undoes what it made;
    neither is timed. Returns the figures and the outcome of the warm-up call.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    subject = prepare()
    with CaptureQueriesContext(connection) as queries:
        first = act(subject)
    # Counted now: the next request's start clears the query log.
    query_count = len(queries)
    clean_up(first)
    gc.collect()
    times = []
    for _ in range(runs):
        subject = prepare()
        start = time.perf_counter()
        outcome = act(subject)
        times.append(time.perf_counter() - start)
        clean_up(outcome)
    subject = prepare()
    with traced() as peak:
        outcome = act(subject)
    clean_up(outcome)
    figures = {
        "runs": runs,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "min_ms": min(times) * 1000,
        "queries": query_count,
        "peak_kib": peak[0] / 1024,
    }
    return figures, first


@contextmanager
def traced() -> Iterator[list[int]]:
    """Yields a one-item list that holds the peak of traced Python memory afterwards."""
    peak = [0]
    tracemalloc.start()
    try:
        yield peak
        peak[0] = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@contextmanager
def stopwatch(setup_s: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    setup_s[name] = round(time.perf_counter() - start, 2)


# --------------------------------------------------------------------------- the database


def configure_django(data_dir: Path, database_url: str = "") -> None:
    """Test settings (and the bare view) on a fresh database, before Django starts: SQLite
    inside `data_dir`, or the empty database at `database_url` (PostgreSQL)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "erkt.testing.bench_settings"
    os.environ["DATA_DIR"] = str(data_dir)
    os.environ["DEBUG"] = "0"  # as in production and in the bench's gunicorn server
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{data_dir / 'erkt.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(data_dir / "media")
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    # Not django.test.utils.setup_test_environment(): it wraps every template render to
    # record its context for the test client, a cost production never pays.
    # bench_settings gives the test client's host and keeps e-mail in memory instead.
    django.setup()


def load_demo(bench: Bench) -> None:
    from django.core.management import call_command

    with stopwatch(bench.setup_s, "migrate"):
        call_command("migrate", verbosity=0)
    with stopwatch(bench.setup_s, "erkt demo"):
        call_command("demo", stdout=StringIO())


def load_demo_office(bench: Bench) -> None:
    """The demo office and its Renstra without the past years (all the imports need)."""
    from django.core.management import call_command

    from erkt.org.demo import load_demo as load_office
    from erkt.rkt.demo import load_demo_renstra

    with stopwatch(bench.setup_s, "migrate"):
        call_command("migrate", verbosity=0)
    with stopwatch(bench.setup_s, "demo office and Renstra"):
        load_demo_renstra(load_office())


def drive_to_step_8(bench: Bench):
    """The RKT process of the demo office at step 8: version 1 compiled and reviewed."""
    with stopwatch(bench.setup_s, "process to step 8"):
        return process_at_step_8()


def process_at_step_8():
    """Start the demo office's RKT process and move it to step 8 with real content: the
    forms sent, version 1 compiled, one unit's correction. The browser tests use it too."""
    from erkt.rkt.drafts.compile import compile_draft
    from erkt.rkt.drafts.corrections import mark_rest_sesuai, record_verdict
    from erkt.rkt.drafts.models import DraftRkt
    from erkt.rkt.preparation.steps import SOSIALISASI
    from erkt.rkt.tests import drafts_helpers, form_fixtures, preparation_helpers
    from erkt.sop.models import Sop
    from erkt.workflow import engine

    user, open_task = drafts_helpers.user, drafts_helpers.open_task
    sop = Sop.objects.get(organization__short_name="BKPSDM", code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=drafts_helpers.YEAR, by=user("kepala"))
    preparation_helpers.to_sosialisasi(process)
    preparation_helpers.hold_meeting(process)
    preparation_helpers.complete(process, SOSIALISASI)  # issues every unit's Form RKT
    form_fixtures.submit_all(process)
    engine.complete_task(open_task(process, 5), by=user("tim1"))
    compile_draft(process, by=user("tim1"))
    engine.complete_task(open_task(process, 6), by=user("tim1"))
    # One unit asks for a correction, as a real review would; the others agree.
    ppik = open_task(process, 7, "PPIK")
    row = DraftRkt.objects.latest_of(process).rows.filter(unit=ppik.unit).first()
    record_verdict(
        ppik,
        by=user("kabid.ppik"),
        row_key=row.key,
        verdict="koreksi",
        field="baris",
        comment="Lengkapi justifikasi.",
    )
    for unit, username in drafts_helpers.HEADS.items():
        task = open_task(process, 7, unit)
        mark_rest_sesuai(task, by=user(username))
        engine.complete_task(task, by=user(username))
    return process


# The year of the RKT process whose PPIK form its Kabid is still editing (the page "Form RKT
# (editing)"): in the demo Renstra (2025-2029), beside the measured process's year
# (drafts_helpers.YEAR) and the engine's (ENGINE_YEAR), before the Kepala's fifty.
EDITING_YEAR = 2029
EDITING_UNIT = "PPIK"


def form_being_edited(process):
    """The next year's RKT process at step 4, every unit's form sent but PPIK's: one more
    running process and one more open task, for the Kabid PPIK only."""
    from erkt.rkt.preparation.steps import SOSIALISASI
    from erkt.rkt.tests import preparation_helpers
    from erkt.rkt.tests.drafts_helpers import HEADS, user
    from erkt.rkt.tests.form_fixtures import form_of
    from erkt.rkt.unit_forms.services import submit_form
    from erkt.workflow import engine

    editing = engine.start_process(sop=process.sop, year=EDITING_YEAR, by=user("kepala"))
    preparation_helpers.to_sosialisasi(editing)
    preparation_helpers.hold_meeting(editing)
    preparation_helpers.complete(editing, SOSIALISASI)  # issues every unit's Form RKT
    for unit, username in HEADS.items():
        if unit != EDITING_UNIT:
            submit_form(form_of(editing, unit), by=user(username))
    return form_of(editing, EDITING_UNIT)


# --------------------------------------------------------------------------- what is measured


@dataclass
class Page:
    name: str
    label: str
    username: str
    url: str
    api: bool = False
    pdf: bool = False


def pages(process) -> list[Page]:
    """The main pages, each as the demo user who works on it at step 8."""
    from django.urls import reverse

    from erkt.rkt.tests.drafts_helpers import open_task
    from erkt.rkt.unit_forms.models import FormRkt

    task = open_task(process, 8)
    form = FormRkt.objects.get(process=process, unit__short_name="PPIK")
    editing = FormRkt.objects.get(
        process__sop=process.sop, process__year=EDITING_YEAR, unit__short_name=EDITING_UNIT
    )
    sop = ["penyusunan-rkt"]
    kasubbag = "kasubbag.perencanaan"
    return [
        Page("inbox", "Kotak Tugas /tugas/", kasubbag, reverse("workflow:inbox")),
        Page("home", "Home (Kepala Badan) /", "kepala", reverse("home")),
        Page("process", "Process page", kasubbag, reverse("workflow:process", args=[process.pk])),
        Page("task", "Task page (step 8)", kasubbag, reverse("workflow:task", args=[task.pk])),
        Page("sop", "SOP page", "kabid.ppik", reverse("sop:detail", args=sop)),
        Page("sop_pdf", "SOP PDF", "kabid.ppik", reverse("sop:pdf", args=sop), pdf=True),
        Page("rkt", "RKT page", kasubbag, reverse("rkt:drafts:page", args=[process.pk])),
        Page("renstra", "Renstra page", "tim1", reverse("rkt:renstra")),
        Page(
            "form_rkt",
            "Form RKT page (PPIK)",
            "kabid.ppik",
            reverse("rkt:unit_form", args=[form.pk]),
        ),
        Page(
            "form_rkt_editing",
            "Form RKT (editing)",
            "kabid.ppik",
            reverse("rkt:unit_form", args=[editing.pk]),
        ),
        Page("api_tasks", "API GET /tasks", kasubbag, "/api/v1/tasks", api=True),
        Page(
            "api_process",
            "API GET /processes/{id}",
            kasubbag,
            f"/api/v1/processes/{process.pk}",
            api=True,
        ),
    ]


def client_for(page: Page):
    from django.test import Client

    from erkt.api.models import ApiToken
    from erkt.rkt.tests.drafts_helpers import user

    if page.api:
        _token, secret = ApiToken.issue(user(page.username), name="bench")
        return Client(headers={"authorization": f"Bearer {secret}"})
    client = Client()
    client.force_login(user(page.username))
    return client


def measure_page(page: Page, runs: int) -> Result:
    client = client_for(page)
    figures, response = measure(lambda _subject: client.get(page.url), runs=runs)
    if response.status_code != 200:
        raise SystemExit(f"{page.url} as {page.username} answered {response.status_code}")
    return Result(
        name=page.name,
        label=page.label,
        kind="page",
        user=page.username,
        url=page.url,
        status=response.status_code,
        size_kib=len(response.content) / 1024,
        **figures,
    )


def measure_renstra_import(runs: int) -> Result:
    """Import the demo Renstra workbook, moved ten years on: the demo's own Renstra is used
    by the Form RKT of its past years and may not be replaced. The warm-up call creates
    it, the timed calls replace it; it is deleted afterwards."""
    from erkt.org.models import Organization
    from erkt.rkt.demo import START, demo_renstra_data
    from erkt.rkt.models import Renstra
    from erkt.rkt.renstra_excel import build_workbook, import_renstra
    from erkt.rkt.tests.drafts_helpers import user

    organization = Organization.objects.get(short_name="BKPSDM")
    data = moved(demo_renstra_data(), years=10)
    content = build_workbook(organization, period_start=data.period_start, data=data)
    by = user("kasubbag.perencanaan")
    figures, _outcome = measure(lambda _: import_renstra(organization, content, by=by), runs=runs)
    Renstra.objects.filter(organization=organization, period_start=START + 10).delete()
    return Result(
        name="renstra_import",
        label="Renstra import (demo workbook)",
        kind="operation",
        user=by.username,
        size_kib=len(content) / 1024,
        **figures,
    )


def moved(data, *, years: int):
    """`data` (RenstraData) with its period and every year-keyed value `years` later."""
    data.period_start += years
    for row in data.sub_kegiatan:
        row.pagu = {year + years: amount for year, amount in row.pagu.items()}
    for row in data.indikator:
        row.targets = {year + years: value for year, value in row.targets.items()}
    return data


SCALED_IMPORT_ROWS = 2000


def measure_renstra_import_scale(runs: int) -> list[Result]:
    """A generated 2,000-row Renstra: openpyxl's read-only read of every row, then its import.

    The import's label gives its median as a multiple of the read's (the target: at most
    2x). Then the largest legal workbook (sheets near the row limit) is imported once more
    for its peak memory. Both go to a period of their own, deleted afterwards.
    """
    from openpyxl import load_workbook

    from erkt.org.models import Organization
    from erkt.rkt.demo import START
    from erkt.rkt.models import Renstra
    from erkt.rkt.renstra_excel import MAX_ROWS, build_workbook, import_renstra
    from erkt.rkt.renstra_sizes import renstra_of_rows, renstra_of_size
    from erkt.rkt.tests.drafts_helpers import user

    organization = Organization.objects.get(short_name="BKPSDM")
    period = START + 5
    unit = organization.units.order_by("pk").first().short_name
    data = renstra_of_rows(SCALED_IMPORT_ROWS, period_start=period, unit=unit)
    content = build_workbook(organization, period_start=period, data=data)
    by = user("kasubbag.perencanaan")

    def read_all(_subject) -> int:
        workbook = load_workbook(BytesIO(content), read_only=True)
        count = sum(1 for ws in workbook.worksheets for _row in ws.iter_rows(values_only=True))
        workbook.close()
        return count

    read, _count = measure(read_all, runs=runs)
    imported, _outcome = measure(lambda _: import_renstra(organization, content, by=by), runs=runs)
    ratio = imported["median_ms"] / read["median_ms"]
    rows = sum(data.counts().values()) - data.counts()["iku"]
    # The largest legal file: the Indikator sheet one row under the limit.
    largest_data = renstra_of_size((MAX_ROWS - 20) * 100 // 111, period_start=period, unit=unit)
    largest = build_workbook(organization, period_start=period, data=largest_data)
    largest_figures, _outcome = measure(
        lambda _: import_renstra(organization, largest, by=by), runs=1
    )
    Renstra.objects.filter(organization=organization, period_start=period).delete()
    common = {"kind": "operation", "user": by.username}
    return [
        Result(
            name="renstra_read_2000",
            label=f"openpyxl read-only read, {rows:,}-row Renstra",
            size_kib=len(content) / 1024,
            **common,
            **read,
        ),
        Result(
            name="renstra_import_2000",
            label=f"Renstra import, {rows:,} rows ({ratio:.1f}x the read)",
            size_kib=len(content) / 1024,
            **common,
            **imported,
        ),
        Result(
            name="renstra_import_largest",
            label=f"Renstra import, largest legal file ({len(largest_data.indikator):,} indikator)",
            size_kib=len(largest) / 1024,
            **common,
            **largest_figures,
        ),
    ]


def measure_engine(process, runs: int) -> list[Result]:
    """Start a process, and complete its step 1; each run's process is then cancelled.
    `process` is any process of the demo office's RKT SOP (only its SOP is used)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from erkt.rkt.preparation.steps import DISPOSISI
    from erkt.rkt.tests import preparation_helpers
    from erkt.rkt.tests.drafts_helpers import user
    from erkt.workflow import actions, engine

    kepala = user("kepala")

    def start(_subject):
        return engine.start_process(sop=process.sop, year=ENGINE_YEAR, by=kepala)

    def cancel(started) -> None:
        engine.cancel_process(started, by=kepala, reason="Pengukuran kinerja.")

    def disposisi_recorded():
        started = start(None)
        preparation_helpers.record_disposisi(started)
        return preparation_helpers.task_of(started, DISPOSISI)

    def complete(task):
        engine.complete_task(task, by=kepala)
        return task.process

    def output_uploaded():
        started = start(None)
        task = started.tasks.get(status="open")
        upload = SimpleUploadedFile("keluaran.pdf", b"%PDF-1.4 isi", "application/pdf")
        engine.add_attachment(task, by=kepala, file=upload)
        return task

    started_figures, _ = measure(start, runs=runs, clean_up=cancel)
    completed_figures, _ = measure(complete, runs=runs, prepare=disposisi_recorded, clean_up=cancel)
    # A step without content: the engine's default behaviour (note + uploaded file), as
    # every SOP without an app's step actions runs. Its queries include BEGIN and COMMIT.
    saved, actions._registry = actions._registry, {}
    try:
        plain_figures, _ = measure(complete, runs=runs, prepare=output_uploaded, clean_up=cancel)
    finally:
        actions._registry = saved
    return [
        Result(
            "engine_start", "Engine: start a process", "operation", user="kepala", **started_figures
        ),
        Result(
            "engine_complete",
            "Engine: complete a task (step 1)",
            "operation",
            user="kepala",
            **completed_figures,
        ),
        Result(
            "engine_complete_plain",
            "Engine: complete a step without content",
            "operation",
            user="kepala",
            **plain_figures,
        ),
    ]


def measure_pdf_render(runs: int) -> Result:
    from erkt.sop.document import render_pdf
    from erkt.sop.models import SopVersion

    version = SopVersion.objects.get(
        sop__organization__short_name="BKPSDM", sop__code="penyusunan-rkt", status="active"
    )
    figures, pdf = measure(lambda _: render_pdf(version), runs=runs)
    return Result(
        "sop_pdf_render",
        "SOP PDF render (WeasyPrint)",
        "operation",
        size_kib=len(pdf) / 1024,
        **figures,
    )


# --------------------------------------------------------------------------- documents

# The synthetic RKT: the demo final RKT with its rows repeated this many times.
SCALE = 5


def drive_to_step_11(bench: Bench, process):
    """Steps 8-10 on: version 2 (the correction accepted), the Sekretaris agrees, the Kepala
    Badan signs the final RKT with the demo certificate. Returns the signed document."""
    with stopwatch(bench.setup_s, "process to step 11"):
        return sign_at_step_10(process)


def sign_at_step_10(process):
    """From step 8: version 2, the Sekretaris's "ya", the Kepala Badan's signature (the demo
    certificate); step 11 is open. Returns the signed final RKT."""
    from erkt.documents.signing.demo import DEMO_PASSPHRASE
    from erkt.rkt.drafts.versions import ACCEPT, make_next_version, open_corrections
    from erkt.rkt.signing.services import signed_final
    from erkt.rkt.tests.drafts_helpers import open_task, user
    from erkt.workflow import engine

    kasubbag = user("kasubbag.perencanaan")
    decisions = {c.pk: (ACCEPT, "") for c in open_corrections(process)}
    make_next_version(process, by=kasubbag, decisions=decisions)
    engine.complete_task(open_task(process, 8), by=kasubbag)
    engine.complete_task(open_task(process, 9), by=user("sekretaris"), decision="ya")
    engine.complete_task(
        open_task(process, 10),
        by=user("kepala"),
        decision="ya",
        payload={"passphrase": DEMO_PASSPHRASE},
    )
    document = signed_final(process)
    if document is None or document.pdf_kind != "digital":
        raise SystemExit("Step 10 did not sign the final RKT")
    return document


def scaled(snapshot: dict, times: int) -> dict:
    """The snapshot with its rows repeated `times` times (unique keys, the total to match)."""
    from decimal import Decimal

    rows = [
        {**row, "key": f"{row['key']}-{copy}"} for copy in range(times) for row in snapshot["rows"]
    ]
    return {**snapshot, "rows": rows, "total": str(Decimal(snapshot["total"]) * times)}


def page_count(pdf: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def measure_render(render: Callable[[dict], bytes], snapshot: dict, runs: int):
    return measure(lambda _: render(snapshot), runs=runs)


def measure_renders(snapshot: dict, runs: int) -> list[Result]:
    """The final RKT in each format, and the synthetic RKT's PDF, from their snapshots."""
    from erkt.documents import registry

    doc_type = registry.get("rkt.final")
    rows = len(snapshot["rows"])
    results = []
    for fmt in registry.FORMATS:
        figures, content = measure_render(doc_type.renderer(fmt), snapshot, runs)
        label = f"RKT final {fmt.upper()} render ({rows} rows"
        label += f", {page_count(content)} pages)" if fmt == "pdf" else ")"
        results.append(
            Result(f"rkt_final_{fmt}", label, "operation", size_kib=len(content) / 1024, **figures)
        )
    large = scaled(snapshot, SCALE)
    figures, content = measure_render(doc_type.pdf, large, runs)
    label = f"RKT PDF render, {SCALE}x rows ({len(large['rows'])} rows"
    label += f", {page_count(content)} pages)"
    results.append(
        Result(f"rkt_pdf_{SCALE}x", label, "operation", size_kib=len(content) / 1024, **figures)
    )
    return results


def measure_signing(document, runs: int) -> list[Result]:
    """Sign the final RKT's PDF as step 10 does (no storing), and verify the signed PDF."""
    from erkt.documents.signing.demo import DEMO_PASSPHRASE
    from erkt.documents.signing.models import SigningCertificate, TrustedRoot
    from erkt.documents.signing.services import public_url
    from erkt.documents.signing.sign import sign_pdf
    from erkt.documents.signing.verify import verify_pdf
    from erkt.org.access import employee_of
    from erkt.rkt.documents.rkt import final_pdf_with_box
    from erkt.rkt.tests.drafts_helpers import user

    certificate = SigningCertificate.current_for(employee_of(user("kepala")))
    pdf, box = final_pdf_with_box(document.snapshot)

    def sign(_subject):
        return sign_pdf(
            pdf,
            pkcs12=certificate.pkcs12(),
            passphrase=DEMO_PASSPHRASE,
            box=box,
            url=public_url(document),
            reason=f"Pengesahan {document.title}",
            location=document.organization.city,
        ).content

    signed_figures, signed = measure(sign, runs=runs)
    with document.pdf_file.open("rb") as stored:
        stored_pdf = stored.read()
    roots = TrustedRoot.certificates_of(document.organization)

    def verify(_subject):
        return verify_pdf(stored_pdf, expected_sha256=document.pdf_sha256, trust_roots=roots)

    verified_figures, check = measure(verify, runs=runs)
    if not (check.same_document and check.signature_valid):
        raise SystemExit(f"The signed RKT does not verify: {check.reasons}")
    return [
        Result(
            "rkt_final_sign",
            "RKT final: sign PDF (pyHanko, demo certificate)",
            "operation",
            user="kepala",
            size_kib=len(signed) / 1024,
            **signed_figures,
        ),
        Result(
            "rkt_final_verify",
            "RKT final: verify signed PDF (pyHanko, offline)",
            "operation",
            size_kib=len(stored_pdf) / 1024,
            **verified_figures,
        ),
    ]


def measure_archive(bench: Bench, process, runs: int) -> list[Result]:
    """Step 11 once (the Berkas and its bundle), then building and verifying a bundle again."""
    from erkt.documents import registry
    from erkt.documents.archive.bundle import audit_extract, build_bundle
    from erkt.documents.archive.forms import initial_values
    from erkt.documents.archive.models import (
        DEFAULT_KODE_KLASIFIKASI,
        DEFAULT_RETENSI_AKTIF,
        DEFAULT_RETENSI_INAKTIF,
        Berkas,
    )
    from erkt.documents.archive.services import berkas_data, create_berkas, verify
    from erkt.rkt.tests.drafts_helpers import user
    from erkt.workflow.calendar import today_for

    tim1 = user("tim1")
    data = {
        **initial_values(process, today_for(process.organization)),
        "kode_klasifikasi": DEFAULT_KODE_KLASIFIKASI,
        "retensi_aktif": DEFAULT_RETENSI_AKTIF,
        "retensi_inaktif": DEFAULT_RETENSI_INAKTIF,
        "nasib_akhir": Berkas.NasibAkhir.PERMANEN,
    }
    with stopwatch(bench.setup_s, "archive (step 11)"):
        berkas = create_berkas(process, by=tim1, data=data)

    def bundle(_subject):
        documents = registry.providers(process, by=tim1)
        return build_bundle(
            berkas=berkas_data(berkas), documents=documents, audit=audit_extract(process)
        )

    built_figures, built = measure(bundle, runs=runs)
    verified_figures, report = measure(lambda _: verify(berkas), runs=runs)
    if not report.ok:
        raise SystemExit(f"The archive bundle does not verify: {report.lines()}")
    files = len(built.hashes)
    return [
        Result(
            "archive_bundle",
            f"Archive bundle: issue + ZIP of the stored files ({files} files)",
            "operation",
            user=tim1.username,
            size_kib=len(built.content) / 1024,
            **built_figures,
        ),
        Result(
            "archive_verify",
            f"Archive verify ({report.checked} files)",
            "operation",
            **verified_figures,
        ),
    ]


def measure_documents(bench: Bench, process) -> list[Result]:
    document = drive_to_step_11(bench, process)
    results = measure_renders(document.snapshot, bench.pdf_runs)
    results += measure_signing(document, bench.pdf_runs)
    results += measure_archive(bench, process, bench.pdf_runs)
    return results


def run(bench: Bench) -> None:
    from erkt.testing import bench_scale

    if bench.only == "renstra-import":
        load_demo_office(bench)
        bench.results.append(measure_renstra_import(bench.import_runs))
        bench.results += measure_renstra_import_scale(bench.import_runs)
        return
    load_demo(bench)
    if bench.only == "completions":
        bench_scale.run_completions(bench)
        return
    if bench.documents:
        bench.results.append(measure_renstra_import(bench.import_runs))
        bench.results += measure_renstra_import_scale(bench.import_runs)
    process = drive_to_step_8(bench)
    # Before any page is measured: the pages at 1 and at N see the same office (the
    # lists of processes include these 50, and the next year's, whose PPIK form is edited).
    with stopwatch(bench.setup_s, "a Form RKT being edited"):
        form_being_edited(process)
    with stopwatch(bench.setup_s, "50 open tasks for the Kepala"):
        kepala_processes = bench_scale.give_kepala_open_tasks(process)
    bench_scale.run(bench, process, pages(process), kepala_processes)
    bench.results += measure_engine(process, bench.runs)
    if bench.documents:
        bench.results.append(measure_pdf_render(bench.pdf_runs))
        bench.results += measure_documents(bench, process)
    bench.results.sort(key=lambda result: result.kind != "page")  # pages first, stable


# --------------------------------------------------------------------------- reporting


def environment() -> dict[str, str]:
    import django

    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU",
        "load_average": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "commit": git_commit(),
        "database": connection_vendor(),
    }


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def git_commit() -> str:
    try:
        found = subprocess.run(
            ["git", "-C", str(CHECKOUT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip()


def previous_results(directory: Path) -> tuple[Path | None, dict[str, dict]]:
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not files:
        return None, {}
    try:
        data = json.loads(files[-1].read_text(encoding="utf-8"))
        return files[-1], {item["name"]: item for item in data["results"]}
    except (OSError, ValueError, KeyError, TypeError):
        return files[-1], {}


def change(now: float, before: float | None) -> str:
    if not before:
        return ""
    return f"{round((now - before) / before * 100):+d}%"


def table(results: list[Result], previous: dict[str, dict]) -> str:
    header = (
        "page / operation",
        "runs",
        "median ms",
        "p95 ms",
        "queries",
        "peak KiB",
        "Δ median",
        "Δ peak",
    )
    rows = [header]
    for result in results:
        before = previous.get(result.name, {})
        queries = str(result.queries)
        if "queries" in before and before["queries"] != result.queries:
            queries += f" ({result.queries - before['queries']:+d})"
        rows.append(
            (
                result.label,
                str(result.runs),
                f"{result.median_ms:.1f}",
                f"{result.p95_ms:.1f}",
                queries,
                f"{result.peak_kib:,.0f}",
                change(result.median_ms, before.get("median_ms")),
                change(result.peak_kib, before.get("peak_kib")),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def report(bench: Bench, output: Path | None) -> dict:
    now = datetime.datetime.now().astimezone()
    data = {
        "created": now.isoformat(timespec="seconds"),
        "runs": bench.runs,
        "pdf_runs": bench.pdf_runs,
        "import_runs": bench.import_runs,
        "environment": environment(),
        "setup_s": bench.setup_s,
        "scale": bench.scale,
        "throughput": asdict(bench.throughput) if bench.throughput else None,
        "results": [
            {k: round(v, 2) if isinstance(v, float) else v for k, v in asdict(r).items()}
            for r in bench.results
        ],
    }
    previous_file, previous = previous_results(output) if output else (None, {})
    print(table(bench.results, previous))
    from erkt.testing.bench_scale import summary

    print("\n" + summary(bench))
    setup = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in bench.setup_s.items())
    print(f"\nSetup: {setup}. Load average: {data['environment']['load_average']}.")
    if previous_file is not None:
        print(f"Δ: compared with {previous_file.name}.")
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        path = output / f"{now:%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"Results: {path}")
    return data


# --------------------------------------------------------------------------- command line


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m erkt.testing.bench",
        description="Time, SQL queries and memory of e-RKT's main pages and operations.",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        help="timed rounds of the pages (erkt.testing.bench_rounds), timed calls of the engine",
    )
    parser.add_argument(
        "--pdf-runs",
        type=int,
        default=DEFAULT_PDF_RUNS,
        help="timed PDF renders and other document operations",
    )
    parser.add_argument(
        "--import-runs", type=int, default=DEFAULT_IMPORT_RUNS, help="timed Renstra imports"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one timed call of everything, not saved (a smoke check)",
    )
    parser.add_argument(
        "--output-dir", type=Path, default=DEFAULT_OUTPUT, help="where the JSON results go"
    )
    parser.add_argument("--no-save", action="store_true", help="print the table only")
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="measure the pages again beside N-1 copies of the demo office (N offices), "
        "each with five completed RKT years and a running process",
    )
    parser.add_argument(
        "--skip-documents",
        action="store_true",
        help="leave out the Renstra imports and the documents (PDF, signing, archive)",
    )
    parser.add_argument(
        "--only",
        choices=["completions", "renstra-import"],
        default="",
        help="completions: only the engine's operations and completions over HTTP, each "
        "beside the bare view (no pages, no documents); renstra-import: only the Renstra "
        "imports (the demo workbook, 2,000 rows, the largest) on the demo office without "
        "its past years",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="an empty database to use instead of a temporary SQLite file "
        '(scripts/pg-test-server run ... --database-url "$DATABASE_URL")',
    )
    args = parser.parse_args(argv)
    if args.only == "renstra-import" and args.skip_documents:
        parser.error("--only renstra-import measures what --skip-documents leaves out")
    if args.quick:
        args.runs = args.pdf_runs = args.import_runs = 1
    if min(args.runs, args.pdf_runs, args.import_runs) < 1:
        parser.error("every number of runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    bench = Bench(
        runs=args.runs,
        pdf_runs=args.pdf_runs,
        import_runs=args.import_runs,
        scale=args.scale,
        documents=not args.skip_documents,
        only=args.only,
    )
    with tempfile.TemporaryDirectory(prefix="erkt-bench-") as data_dir:
        configure_django(Path(data_dir), args.database_url)
        try:
            run(bench)
        finally:
            from django.db import connections

            connections.close_all()
    return report(bench, None if args.no_save or args.quick else args.output_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
