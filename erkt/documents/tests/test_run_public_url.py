"""`make run` (scripts/run): the QR codes of documents signed on that server lead to it."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FAKE = "#!/usr/bin/env bash\n"


def _checkout(tmp_path: Path) -> Path:
    """scripts/run in a checkout whose programs only report what they were given."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "run", tmp_path / "scripts" / "run")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    programs = {
        "python": FAKE + "echo secret\n",
        "erkt": FAKE + "exit 0\n",
        "gunicorn": FAKE + 'echo "PUBLIC_URL=$ERKT_PUBLIC_URL"\n',
    }
    for name, text in programs.items():
        path = bin_dir / name
        path.write_text(text)
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return tmp_path


def _run(checkout: Path, **env: str) -> str:
    environment = {"PATH": os.environ["PATH"], "DATA_DIR": str(checkout / "data"), **env}
    result = subprocess.run(
        [str(checkout / "scripts" / "run")],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return next(line for line in result.stdout.splitlines() if line.startswith("PUBLIC_URL="))


def test_make_run_on_another_port_puts_that_port_into_the_qr_codes(tmp_path):
    checkout = _checkout(tmp_path)
    assert _run(checkout, PORT="8101") == "PUBLIC_URL=http://127.0.0.1:8101"
    assert _run(checkout, HOST="192.168.1.5", PORT="9000") == "PUBLIC_URL=http://192.168.1.5:9000"


def test_a_public_url_that_is_set_wins_over_host_and_port(tmp_path):
    checkout = _checkout(tmp_path)
    line = _run(checkout, PORT="8101", ERKT_PUBLIC_URL="https://erkt.balangankab.go.id")
    assert line == "PUBLIC_URL=https://erkt.balangankab.go.id"


def test_make_run_starts_the_worker_beside_the_server_and_stops_it_with_it(tmp_path):
    checkout = _checkout(tmp_path)
    pid_file = tmp_path / "worker.pid"
    erkt = checkout / ".venv" / "bin" / "erkt"
    erkt.write_text(
        FAKE + f'if [ "$1" = worker ]; then echo $$ > {pid_file}; exec sleep 60; fi\nexit 0\n'
    )
    gunicorn = checkout / ".venv" / "bin" / "gunicorn"
    gunicorn.write_text(
        FAKE + f"for i in $(seq 50); do [ -s {pid_file} ] && break; sleep 0.1; done\n"
        'echo "PUBLIC_URL=$ERKT_PUBLIC_URL"\n'
    )
    _run(checkout)
    worker = int(pid_file.read_text())
    try:
        os.kill(worker, 0)
    except ProcessLookupError:
        return
    raise AssertionError(f"the worker {worker} still runs after the server stopped")
