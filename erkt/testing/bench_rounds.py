"""`make bench`: the pages timed in interleaved rounds, so that their ratios hold while the
machine's speed moves.

On a shared virtual machine the same Python loop takes 0.8-1.4 s within one run: a bare
view timed once per scale, minutes away from the pages it divided, moved their ratios by
30-80% from one run to the next. Here every round times, at each scale in turn (the order
alternating from round to round), the bare view and then every page; each ratio is taken
within its round (a page over the same round's bare view at the same scale; a page at N
over the same page at 1 in the same round), and the median of the rounds' ratios is
reported with its p25-p75 spread. The office at 1 and the office at N are two databases
open side by side: the office at 1 is copied before the N - 1 copies are built into the
original.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from erkt.testing import bench_http
from erkt.testing.bench import Page, Result, percentile, traced

# A round's time of a page is the fastest of a few calls: the one least disturbed by the
# other processes on the shared cores (a 5 ms request is descheduled far more often than
# the bare view's 0.5 ms, which inflated the ratios of a loaded machine) or by a garbage
# collection. The bare view divides every page of its round: a few more calls for it.
PAGE_CALLS = 3
BARE_CALLS = 5


@dataclass(frozen=True)
class Spread:
    median: float
    p25: float
    p75: float


def spread(values: list[float]) -> Spread:
    return Spread(statistics.median(values), percentile(values, 0.25), percentile(values, 0.75))


def ratios(numerators: list[float], denominators: list[float]) -> list[float]:
    """Round by round: each numerator over the divisor measured in the same round."""
    return [top / bottom for top, bottom in zip(numerators, denominators, strict=True)]


@dataclass
class Side:
    """One office size: its database connection (in process) and its server (over HTTP)."""

    scale: int
    connection: object
    address: tuple[str, int] | None = None
    # Per page name, its time in each round (seconds); the bare view's is its median call.
    times: dict[str, list[float]] = field(default_factory=dict)


# --------------------------------------------------------------------------- the two databases


@contextmanager
def as_default(connection) -> Iterator[None]:
    """`connection` serves the "default" alias (the ORM, the test client, query counts)."""
    from django.db import DEFAULT_DB_ALIAS, connections

    original = connections[DEFAULT_DB_ALIAS]
    connections[DEFAULT_DB_ALIAS] = connection
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = original


@contextmanager
def copy_of_default(database_url: str) -> Iterator[tuple[object, str]]:
    """A copy of the default database as it is now: (a connection to it, its URL). The copy
    is deleted afterwards; nothing else may be connected to the default database now."""
    from django.db import connection
    from django.db.utils import load_backend

    settings = connection.settings_dict
    name = f"{settings['NAME']}-at-1" if connection.vendor == "sqlite" else _copy_name(settings)
    copy_database(connection, name)
    wrapper = load_backend(settings["ENGINE"]).DatabaseWrapper({**settings, "NAME": name})
    try:
        yield wrapper, _url_of(database_url, name, connection.vendor)
    finally:
        wrapper.close()
        drop_database(connection, name)


def _copy_name(settings: dict) -> str:
    return f"{settings['NAME']}_at_1"


def _url_of(database_url: str, name: str, vendor: str) -> str:
    if vendor == "sqlite":
        return f"sqlite:///{name}"
    return urlsplit(database_url)._replace(path=f"/{name}").geturl()


def copy_database(connection, name: str) -> None:
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        target = sqlite3.connect(name)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return
    # A template must have no other session: the bench's own is closed first.
    connection.close()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            f"CREATE DATABASE {quote(name)} TEMPLATE {quote(connection.settings_dict['NAME'])}"
        )


def drop_database(connection, name: str) -> None:
    if connection.vendor == "sqlite":
        from pathlib import Path

        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        return
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


# --------------------------------------------------------------------------- in process


@dataclass
class Call:
    """One page's request in process: its test client, ready to send it."""

    page: Page
    client: object

    def __call__(self):
        return self.client.get(self.page.url)


def warm_up(call: Call) -> tuple[int, float, object]:
    """The first request (its SQL queries counted) and one under tracemalloc (its peak)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = call()
    # Counted now: the next request's start clears the query log.
    query_count = len(queries)
    if response.status_code != 200:
        raise SystemExit(f"{call.page.url} as {call.page.username} answered {response.status_code}")
    with traced() as peak:
        call()
    return query_count, peak[0] / 1024, response


def timed(send: Callable[[], object], calls: int) -> float:
    """The fastest of `calls` calls of `send`, in seconds."""
    fastest = math.inf
    for _ in range(calls):
        start = time.perf_counter()
        send()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def timed_round(side: Side, bare: Callable[[], object], sends: dict[str, Callable]) -> None:
    """The bare view, then every page: each one's time in this round at this side."""
    side.times.setdefault("bare", []).append(timed(bare, BARE_CALLS))
    for name, send in sends.items():
        side.times.setdefault(name, []).append(timed(send, PAGE_CALLS))


def alternating(sides: list[Side], runs: int) -> Iterator[Side]:
    """Each round's sides, the order reversed every other round: neither scale is always
    measured first (a machine speeding up or slowing down over a round favours neither)."""
    for number in range(runs):
        yield from (sides if number % 2 == 0 else reversed(sides))


def in_process(
    sides: list[Side], pages: list[Page], runs: int, client_for: Callable[[Page], object]
) -> list[Result]:
    """Every page at every scale: warm-ups first (queries, memory), then the rounds."""
    calls, firsts = {}, {}
    for side in sides:
        with as_default(side.connection):
            # Signed in just before the first request: a session signed in longer ago than
            # RollingSessionMiddleware's refresh is saved by it, three queries more.
            calls[side.scale] = {page.name: Call(page, client_for(page)) for page in pages}
            for page in pages:
                firsts[side.scale, page.name] = warm_up(calls[side.scale][page.name])
    gc.collect()
    for side in alternating(sides, runs):
        own = calls[side.scale]
        with as_default(side.connection):
            timed_round(side, own["bare"], {n: c for n, c in own.items() if n != "bare"})
    return [
        page_result(side, sides[0], page, *firsts[side.scale, page.name])
        for side in sides
        for page in pages
    ]


def page_result(side: Side, one: Side, page: Page, queries: int, peak_kib, response) -> Result:
    result = timed_result(side, one, page, suffix="")
    result.queries, result.peak_kib = queries, peak_kib
    result.status, result.size_kib = response.status_code, len(response.content) / 1024
    return result


def timed_result(side: Side, one: Side, page: Page, suffix: str) -> Result:
    """A page's times at `side`, with its ratios to the bare view and to its time at 1
    (`one`), round by round."""
    times = side.times[page.name]
    at_scale = f"_scale_{side.scale}" if side is not one else ""
    over_bare = spread(ratios(times, side.times["bare"]))
    result = Result(
        name=f"{page.name}{suffix}{at_scale}",
        label=page.label + (" over HTTP" if suffix else "") + at_scale.replace("_scale_", " @"),
        kind="page",
        runs=len(times),
        median_ms=statistics.median(times) * 1000,
        p95_ms=percentile(times, 0.95) * 1000,
        min_ms=min(times) * 1000,
        queries=0,
        peak_kib=0,
        user=page.username,
        url=page.url,
        status=200,
        x_bare=over_bare.median,
        x_bare_p25=over_bare.p25,
        x_bare_p75=over_bare.p75,
    )
    if side is not one:
        over_one = spread(ratios(times, one.times[page.name]))
        result.x_one, result.x_one_p25, result.x_one_p75 = (
            over_one.median,
            over_one.p25,
            over_one.p75,
        )
    return result


# --------------------------------------------------------------------------- over HTTP


@dataclass
class HttpCall:
    """One page's request over one keep-alive connection to one side's server."""

    client: bench_http.Client
    request: bench_http.Request

    def __call__(self):
        status, body = self.client.send(self.request)
        if status != 200:
            raise SystemExit(f"{self.request.path} over HTTP answered {status}: {body[:300]!r}")
        return status


def over_http(
    sides: list[Side], pages: list[Page], runs: int, request_for: Callable[[Page], object]
) -> list[Result]:
    """Every page over HTTP at every scale, in rounds as in process (queries and memory
    are the server's: not counted here)."""
    calls = {}
    for side in sides:
        with as_default(side.connection):  # the session or token in the server's database
            calls[side.scale] = {
                page.name: HttpCall(bench_http.Client(side.address), request_for(page))
                for page in pages
            }
    http_sides = [Side(side.scale, side.connection, side.address) for side in sides]
    try:
        for side in http_sides:
            for call in calls[side.scale].values():
                call()  # the warm-up: the connection, the server's first request of the page
        for side in alternating(http_sides, runs):
            own = calls[side.scale]
            timed_round(side, own["bare"], {n: c for n, c in own.items() if n != "bare"})
    finally:
        for own in calls.values():
            for call in own.values():
                call.client.close()
    return [
        timed_result(side, http_sides[0], page, suffix="_http")
        for side in http_sides
        for page in pages
    ]
