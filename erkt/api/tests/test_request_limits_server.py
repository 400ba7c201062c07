"""A real gunicorn cuts off an oversized body as soon as it passes the limit.

The requests are written on a raw socket: a chunked body and a Content-Length that
lies. The server answers 413 before the client has sent the whole body.
"""

from __future__ import annotations

import json
import os
import re
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

MB = 1024 * 1024
PIECE = 64 * 1024


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A probe that never reaches a view: RequestLimitMiddleware (first in MIDDLEWARE) answers
# 413 to the declared length alone.
PROBE = (
    b"POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Length: 1073741824\r\nConnection: close\r\n\r\n"
)
# Booting takes about 2 s on an idle machine; on 2 cores at load 16, ten times as much.
BOOT_SECONDS = 180


def _wait_until_answering(port: int, process: subprocess.Popen) -> None:
    """Until gunicorn answers a request, not merely accepts a connection: a request sent
    before then waits in the kernel's buffers, and a body larger than they hold blocks
    its sender (the tests' sockets give up after 30 s)."""
    deadline = time.monotonic() + BOOT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=BOOT_SECONDS) as probe:
                probe.sendall(PROBE)
                if probe.recv(16).startswith(b"HTTP/1.1 "):
                    return
        except OSError:  # not listening yet
            time.sleep(0.1)
    raise AssertionError(f"gunicorn does not answer on port {port} after {BOOT_SECONDS} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn serving e-RKT on loopback; no request here reaches the database."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "erkt.testing.settings",
        "DATA_DIR": str(tmp_path_factory.mktemp("data")),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # --preload: Django loads in the arbiter, which has no time limit, before it listens;
    # a worker loading it has 30 s (--timeout) before the arbiter kills it, which a loaded
    # machine can pass, and its successor starts over.
    # --no-control-socket: each gunicorn would take over the one in $HOME (`make run`'s too).
    process = subprocess.Popen(
        [str(gunicorn), "erkt.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--preload", "--no-control-socket"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_until_answering(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _send_until_answered(port: int, head: bytes, pieces, planned: int) -> tuple[bytes, int]:
    """Send `head`, then body pieces until the server answers; the answer and bytes sent."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    sent = 0
    with connection:
        connection.sendall(head)
        for piece in pieces:
            readable, _w, _x = select.select([connection], [], [], 0)
            if readable:
                break
            try:
                connection.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(piece)
            if sent >= planned:
                break
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    return answer, sent


def _status_and_detail(answer: bytes) -> tuple[int, str]:
    head, _sep, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    # The body may come in chunks: the JSON object is the one chunk.
    return status, json.loads(re.search(rb"\{.*\}", body).group())["detail"]


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(server):
    planned = 64 * MB
    head = (
        b"POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n" % PIECE + b"a" * PIECE + b"\r\n"
    answer, sent = _send_until_answered(server, head, iter(lambda: chunk, None), planned)
    status, detail = _status_and_detail(answer)
    assert status == 413 and "terlalu besar" in detail
    assert sent < planned


def test_an_upload_with_a_lying_content_length_is_refused_before_its_body(server):
    head = (
        b"POST /api/v1/tasks/1/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=xyz\r\n"
        b"Content-Length: 1073741824\r\n\r\n"
    )
    answer, sent = _send_until_answered(server, head, iter(lambda: b"0" * PIECE, None), 64 * MB)
    status, detail = _status_and_detail(answer)
    assert status == 413 and "terlalu besar" in detail
    assert sent < 64 * MB


def test_a_chunked_upload_is_cut_off_past_the_upload_limit(server):
    planned = 256 * MB
    head = (
        b"POST /api/v1/tasks/1/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=xyz\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n" % PIECE + b"0" * PIECE + b"\r\n"
    answer, sent = _send_until_answered(server, head, iter(lambda: chunk, None), planned)
    status, detail = _status_and_detail(answer)
    assert status == 413 and "21 MB" in detail
    assert sent < planned
