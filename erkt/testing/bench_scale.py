"""`make bench`: the pages beside the bare view, at one office and at N (`--scale N`), in
process and over HTTP, and completions per second over HTTP.

- The bare view (erkt.testing.bench_urls) is measured in the same rounds as the pages
  (erkt.testing.bench_rounds), in process (test client) and over HTTP (gunicorn as `make
  run` starts it): each page's ratio to it, round by round.
- A Kepala with 50 open tasks across years (50 running processes of the demo office).
- `--scale N`: N - 1 copies of the demo office, each with five completed RKT years and a
  running process (erkt.testing.scale), then every page again: its ratio to its own time
  at one office, and its queries at both scales.
- Completions over HTTP: the API's POST /tasks/{id}/complete of steps without content
  (a copy of the seed SOP without step actions, one process per year), sent by a
  concurrent client; the bare view's throughput with the same client beside it.
"""

from __future__ import annotations

import copy
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO

from erkt.testing import bench_http, bench_rounds
from erkt.testing.bench import Bench, Page, Result, client_for, percentile, stopwatch
from erkt.testing.bench_urls import BARE_URL

KEPALA_TASKS = 50
KEPALA_YEARS = range(2030, 2030 + KEPALA_TASKS)
# Completions over HTTP: copies of the seed SOP without step actions, a process per year.
PLAIN_SOPS = 4
PLAIN_YEARS = range(2030, 2100)
PLAIN_STEPS = 3  # each process completes steps 1-3 (lane steps), one burst per step
# Completed before the counted ones, untimed: each of the server's threads has opened its
# database connection and prepared its statements, and each worker has run a completion
# of each kind, as on a server that has been up for a while (a worker's first requests
# cost two to ten times a later one's).
WARM_UP_SOP = PLAIN_SOPS + 1
WARM_UP_YEARS = range(2010, 2026)


def main_pages(process) -> list[Page]:
    """The pages beyond bench.pages(): the lists and overviews (the home page "/" redirects
    to the Kotak Tugas, every role's first page)."""
    kasubbag = "kasubbag.perencanaan"
    task = process.tasks.filter(status="open").order_by("pk").first()
    year = process.year
    return [
        Page("process_list", "Daftar proses /proses/", kasubbag, "/proses/"),
        Page("monitoring", "Pemantauan /pemantauan/", "kepala", "/pemantauan/"),
        Page("archive", "Arsip /arsip/", "tim1", "/arsip/"),
        Page("rkt_index", "RKT /rkt/", kasubbag, "/rkt/"),
        Page("sop_list", "SOP /sop/", "kabid.ppik", "/sop/"),
        Page("api_processes", "API GET /processes", kasubbag, "/api/v1/processes", api=True),
        Page("api_task", "API GET /tasks/{id}", kasubbag, f"/api/v1/tasks/{task.pk}", api=True),
        Page("api_monitoring", "API GET /monitoring", "kepala", "/api/v1/monitoring", api=True),
        Page("api_sops", "API GET /sops", kasubbag, "/api/v1/sops", api=True),
        # Grows with the OPDs by design (50 a page, a fixed number of queries): at --scale N
        # it lists N offices, each with its running RKT.
        Page("pemkab", "Pemkab /pemkab/ (every OPD)", "bappeda", f"/pemkab/?tahun={year}"),
        Page("pemkab_xlsx", "Pemkab XLSX export", "bappeda", f"/pemkab/xlsx/?tahun={year}"),
    ]


def kepala_pages() -> list[Page]:
    from django.urls import reverse

    inbox = reverse("workflow:inbox")
    return [
        Page("kepala50_inbox", "Kotak Tugas, Kepala, 50 tasks", "kepala", inbox),
        Page("kepala50_monitoring", "Pemantauan, Kepala, 50 tasks", "kepala", "/pemantauan/"),
        Page("kepala50_api", "API GET /tasks, Kepala, 50", "kepala", "/api/v1/tasks", api=True),
    ]


def bare_page() -> Page:
    return Page("bare", "Bare Django view (same middleware)", "kepala", BARE_URL)


def give_kepala_open_tasks(process) -> list:
    """50 running processes of the demo office (years 2030-2079): step 1 open for the Kepala."""
    from erkt.rkt.tests.drafts_helpers import user
    from erkt.workflow import engine

    kepala = user("kepala")
    return [engine.start_process(sop=process.sop, year=year, by=kepala) for year in KEPALA_YEARS]


def cancel(processes) -> None:
    from erkt.rkt.tests.drafts_helpers import user
    from erkt.workflow import engine

    kepala = user("kepala")
    for started in processes:
        engine.cancel_process(started, by=kepala, reason="Pengukuran kinerja selesai.")


# --------------------------------------------------------------------------- over HTTP


def http_request(page: Page) -> bench_http.Request:
    from erkt.api.models import ApiToken
    from erkt.rkt.tests.drafts_helpers import user

    if page.api:
        _token, secret = ApiToken.issue(user(page.username), name="bench-http")
        return bench_http.Request("GET", page.url, bench_http.bearer_headers(secret))
    client = client_for(page)
    from django.conf import settings

    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return bench_http.Request("GET", page.url, bench_http.session_headers(session))


def measure_http(address, page: Page, runs: int, suffix: str) -> Result:
    times = bench_http.timed_gets(address, http_request(page), runs)
    return Result(
        name=f"{page.name}_http{suffix}",
        label=f"{page.label} over HTTP{suffix.replace('_scale_', ' @')}",
        kind="page",
        runs=runs,
        median_ms=statistics.median(times) * 1000,
        p95_ms=percentile(times, 0.95) * 1000,
        min_ms=min(times) * 1000,
        queries=0,
        peak_kib=0,
        user=page.username,
        url=page.url,
        status=200,
    )


# --------------------------------------------------------------------------- completions


@dataclass
class Throughput:
    completions: int
    seconds: float
    bare_requests: int
    bare_seconds: float

    @property
    def per_second(self) -> float:
        return self.completions / self.seconds

    @property
    def bare_per_second(self) -> float:
        return self.bare_requests / self.bare_seconds


def plain_processes(numbers: range = range(1, PLAIN_SOPS + 1), years: range = PLAIN_YEARS) -> list:
    """Copies of the seed SOP without step actions (one per number), a running process per
    year."""
    from erkt.org.demo import SEED_SOP_PATH
    from erkt.org.models import Organization
    from erkt.rkt.tests.drafts_helpers import user
    from erkt.sop.io import load_definition, read_file
    from erkt.workflow import engine

    organization = Organization.objects.get(short_name="BKPSDM")
    seed = read_file(SEED_SOP_PATH)
    kepala = user("kepala")
    started = []
    for number in numbers:
        data = copy.deepcopy(seed)
        data["code"] = f"bench-tanpa-isi-{number}"
        for step in data["steps"]:
            step.pop("action", None)
        version = load_definition(organization, data)
        started += [engine.start_process(sop=version.sop, year=year, by=kepala) for year in years]
    return started


def _assignee(task):
    return task.eligible_employees().select_related("user").order_by("pk").first().user


def completion_round(address, processes, secrets: dict) -> tuple[int, float]:
    """Upload each open task's output (untimed), then complete them all over HTTP (timed)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from erkt.api.models import ApiToken
    from erkt.workflow import engine
    from erkt.workflow.models import Task

    requests = []
    tasks = Task.objects.filter(process__in=processes, status="open").select_related(
        "step_run__step", "process"
    )
    for task in tasks:
        user = _assignee(task)
        upload = SimpleUploadedFile("keluaran.pdf", b"%PDF-1.4 isi", "application/pdf")
        engine.add_attachment(task, by=user, file=upload)
        if user.pk not in secrets:
            secrets[user.pk] = ApiToken.issue(user, name="bench-complete")[1]
        body = bench_http.json_body({"note": "", "decision": ""})
        headers = bench_http.bearer_headers(secrets[user.pk])
        requests.append(
            bench_http.Request("POST", f"/api/v1/tasks/{task.pk}/complete", headers, body)
        )
    seconds, statuses = bench_http.concurrently(address, requests, bench_http.CONCURRENCY)
    refused = [status for status in statuses if status != 200]
    if refused:
        raise SystemExit(f"{len(refused)} completions over HTTP failed: {refused[:5]}")
    return len(requests), seconds


def measure_completions(address) -> Throughput:
    from erkt.testing.bench_http import Request

    warm_up = plain_processes(range(WARM_UP_SOP, WARM_UP_SOP + 1), WARM_UP_YEARS)
    processes = plain_processes()
    secrets: dict[int, str] = {}
    for _step in range(PLAIN_STEPS):
        completion_round(address, warm_up, secrets)
    done, seconds = 0, 0.0
    for _step in range(PLAIN_STEPS):
        count, spent = completion_round(address, processes, secrets)
        done, seconds = done + count, seconds + spent
    bare = [Request("GET", BARE_URL, {"Host": "127.0.0.1"})] * done
    bare_seconds, statuses = bench_http.concurrently(address, bare)
    if any(status != 200 for status in statuses):
        raise SystemExit("the bare view failed over HTTP")
    cancel(warm_up + processes)
    return Throughput(done, seconds, len(bare), bare_seconds)


# --------------------------------------------------------------------------- the run


def run(bench: Bench, process, page_list: list[Page], kepala_processes: list) -> None:
    """Every page in process and over HTTP beside the bare view, at one office and at
    --scale N, in interleaved rounds (erkt.testing.bench_rounds), after bench.run gave the
    Kepala 50 open tasks (`kepala_processes`); then the completions over HTTP."""
    from erkt.testing.bench import measure_page

    in_order = page_list + main_pages(process) + [bare_page()] + kepala_pages()
    # The SOP PDF: at one office only, with the documents' number of runs.
    documents = {page.name: measure_page(page, bench.pdf_runs) for page in in_order if page.pdf}
    timed = [page for page in in_order if not page.pdf]
    with side_by_side(bench) as sides:
        in_process = bench_rounds.in_process(sides, timed, bench.runs, client_for)
        http = bench_rounds.over_http(sides, timed, bench.runs, http_request)
        cancel(kepala_processes)
        with stopwatch(bench.setup_s, "completions over HTTP"):
            bench.throughput = measure_completions(sides[-1].address)
    at_one = {result.name: result for result in in_process[: len(timed)]}
    bench.results += [documents.get(page.name) or at_one[page.name] for page in in_order]
    bench.results += http[: len(timed)] + in_process[len(timed) :] + http[len(timed) :]


@contextmanager
def side_by_side(bench: Bench) -> Iterator[list[bench_rounds.Side]]:
    """The office at 1 and, with --scale N, at N: each its database and its server, the
    last one the original database (the completions and the engine use it). The office at
    1 is a copy taken before the copies of the office are built into the original."""
    from django.db import DEFAULT_DB_ALIAS, connections

    if bench.scale == 1:
        with bench_http.server() as address:
            yield [bench_rounds.Side(1, connections[DEFAULT_DB_ALIAS], address)]
        return
    with bench_rounds.copy_of_default(os.environ["DATABASE_URL"]) as (one, one_url):
        scale_up(bench)
        with bench_http.server(database_url=one_url) as one_address, bench_http.server() as address:
            yield [
                bench_rounds.Side(1, one, one_address),
                bench_rounds.Side(bench.scale, connections[DEFAULT_DB_ALIAS], address),
            ]


def run_completions(bench: Bench) -> None:
    """`--only completions`: the engine's operations in process and the completions over
    HTTP, each beside the bare view (in process and over HTTP)."""
    from erkt.sop.models import Sop
    from erkt.testing.bench import measure_engine, measure_page
    from erkt.workflow.models import Process

    sop = Sop.objects.get(organization__short_name="BKPSDM", code="penyusunan-rkt")
    bench.results.append(measure_page(bare_page(), bench.runs))
    bench.results += measure_engine(Process(sop=sop), bench.runs)
    with bench_http.server() as address:
        bench.results.append(measure_http(address, bare_page(), bench.runs, ""))
        with stopwatch(bench.setup_s, "completions over HTTP"):
            bench.throughput = measure_completions(address)


def scale_up(bench: Bench) -> None:
    from django.core.management import call_command

    from erkt.testing import scale

    offices = bench.scale - 1
    started = time.perf_counter()

    def progress(number: int) -> None:
        if number % 100 == 0:
            print(f"  {number - 1} of {offices} copies, {time.perf_counter() - started:.0f} s")

    with stopwatch(bench.setup_s, f"{offices} copies with five years each"):
        scale.build(offices, progress=progress)
    with stopwatch(bench.setup_s, "erkt audit verify"):
        out = StringIO()
        call_command("audit", "verify", stdout=out)  # exits non-zero on a broken chain
        print(f"  {out.getvalue().strip()}")


# --------------------------------------------------------------------------- the summary


def summary(bench: Bench) -> str:
    """Each page: in process at 1 (and N), over HTTP, its ratio to the bare view, queries.
    A ratio is the median of the rounds' own ratios (erkt.testing.bench_rounds), its
    p25-p75 beside it."""
    by_name = {result.name: result for result in bench.results}
    bare, bare_http = by_name.get("bare"), by_name.get("bare_http")
    if bare is None or bare_http is None:
        return ""
    n = bench.scale
    header = ["page", "ms @1", "x bare", "p25-p75", "HTTP ms", "x bare", "queries"]
    if n > 1:
        header += [f"ms @{n}", f"@{n}/@1", "p25-p75", f"HTTP @{n}", f"x bare @{n}", "p25-p75"]
        header += [f"queries @{n}"]
    rows = [header]
    for result in bench.results:
        if result.kind != "page" or "_http" in result.name or "_scale_" in result.name:
            continue
        http = by_name.get(f"{result.name}_http")
        if http is None:
            continue
        row = [
            result.label,
            f"{result.median_ms:.1f}",
            *over_bare(result, bare),
            f"{http.median_ms:.1f}",
            over_bare(http, bare_http)[0],
            str(result.queries),
        ]
        at_n = by_name.get(f"{result.name}_scale_{n}")
        http_n = by_name.get(f"{result.name}_http_scale_{n}")
        if n > 1 and at_n and http_n:
            row += [
                f"{at_n.median_ms:.1f}",
                *over_one(at_n, result),
                f"{http_n.median_ms:.1f}",
                *over_bare(at_n, by_name[f"bare_scale_{n}"]),
                str(at_n.queries) + ("" if at_n.queries == result.queries else " (!)"),
            ]
        rows.append(row + [""] * (len(header) - len(row)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    text = "\n".join(lines)
    plain = by_name.get("engine_complete_plain")
    if plain is not None:
        text += (
            f"\n\nCompletion of a step without content in process: {plain.median_ms:.1f} ms "
            f"(x{plain.median_ms / bare.median_ms:.0f} the bare view), {plain.queries} queries "
            "with the transaction's own BEGIN and COMMIT."
        )
    throughput = bench.throughput
    if throughput is not None:
        text += (
            f"\n\nCompletions over HTTP ({bench_http.WORKERS} gunicorn workers x "
            f"{bench_http.THREADS} threads, {bench_http.CONCURRENCY} concurrent clients): "
            f"{throughput.completions} in {throughput.seconds:.1f} s = "
            f"{throughput.per_second:.0f}/s; bare view {throughput.bare_per_second:.0f}/s "
            f"(x{throughput.bare_per_second / throughput.per_second:.1f})."
        )
    return text


def over_bare(result: Result, bare: Result) -> tuple[str, str]:
    """The page's ratio to the bare view and its spread (medians' ratio when not timed in
    rounds)."""
    if result.x_bare is None:
        return f"{result.median_ms / bare.median_ms:.1f}", ""
    return f"{result.x_bare:.1f}", f"{result.x_bare_p25:.1f}-{result.x_bare_p75:.1f}"


def over_one(at_n: Result, at_one: Result) -> tuple[str, str]:
    """The page's time at N over its time at 1, and its spread."""
    if at_n.x_one is None:
        return f"{at_n.median_ms / at_one.median_ms:.2f}", ""
    return f"{at_n.x_one:.2f}", f"{at_n.x_one_p25:.2f}-{at_n.x_one_p75:.2f}"
