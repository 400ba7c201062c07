"""`make bench` over HTTP: the application served as `make run` serves it (gunicorn, the
same workers and threads), a keep-alive client for page times and a concurrent client for
throughput (completions against the bare view)."""

from __future__ import annotations

import http.client
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
# As scripts/run (`make run`) starts gunicorn.
WORKERS = 2
THREADS = 4
# The concurrent client: one keep-alive connection per thread.
CONCURRENCY = 8


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(database_url: str = "") -> Iterator[tuple[str, int]]:
    """gunicorn on a free loopback port over the bench's database (or `database_url`);
    stopped afterwards."""
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "erkt.testing.bench_settings", "DEBUG": "0"}
    if database_url:
        env["DATABASE_URL"] = database_url
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        "python:erkt.gunicorn_config",
        "erkt.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--graceful-timeout",
        "5",
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env=env, cwd=CHECKOUT)
    try:
        _wait_for(port, process)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/bench/bare/")
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer within 60 s")


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None


class Client:
    """One keep-alive connection; reconnects when the server closed it."""

    def __init__(self, address: tuple[str, int]) -> None:
        self.address = address
        self.connection: http.client.HTTPConnection | None = None

    def send(self, request: Request) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(*self.address, timeout=60)
            try:
                self.connection.request(
                    request.method, request.path, body=request.body, headers=request.headers
                )
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def session_headers(session_key: str) -> dict[str, str]:
    from django.conf import settings

    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}", "Host": "127.0.0.1"}


def bearer_headers(secret: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {secret}",
        "Host": "127.0.0.1",
        "Content-Type": "application/json",
    }


def json_body(data: dict) -> bytes:
    return json.dumps(data).encode()


def timed_gets(address, request: Request, runs: int) -> list[float]:
    """`runs` sequential requests after one warm-up; each one's seconds."""
    client = Client(address)
    try:
        status, body = client.send(request)
        if status != 200:
            raise SystemExit(f"{request.path} over HTTP answered {status}: {body[:300]!r}")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.send(request)
            times.append(time.perf_counter() - start)
        return times
    finally:
        client.close()


def concurrently(address, requests: list[Request], concurrency: int = CONCURRENCY):
    """Send every request from `concurrency` threads; (seconds, statuses)."""
    pending: queue.Queue[Request] = queue.Queue()
    for request in requests:
        pending.put(request)
    statuses: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        client = Client(address)
        try:
            while True:
                try:
                    request = pending.get_nowait()
                except queue.Empty:
                    return
                status, _body = client.send(request)
                with lock:
                    statuses.append(status)
        finally:
            client.close()

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, statuses
