"""A signed and archived RKT 2027, and running `erkt` against another data directory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from erkt.documents.archive.models import Berkas
from erkt.documents.archive.services import create_berkas
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.documents.tests.archive.conftest import BERKAS_DATA
from erkt.rkt.tests.drafts_helpers import (  # noqa: F401
    at_step_6,
    at_step_7,
    at_step_8,
    at_step_9,
    at_step_10,
    compiled,
    open_task,
    user,
)
from erkt.rkt.tests.preparation_helpers import rkt_process, rkt_today  # noqa: F401

ERKT = [sys.executable, "-m", "erkt"]


@pytest.fixture
def signed_and_archived(at_step_10, client_for, kepala) -> Berkas:  # noqa: F811
    """Step 9 "ya", the Kepala signs the final RKT (step 10), the Tim archives it (11)."""
    from django.urls import reverse

    response = client_for(kepala).post(
        reverse("rkt:signing:sign", args=[at_step_10.pk]), {"passphrase": DEMO_PASSPHRASE}
    )
    assert response.status_code == 302
    holder = open_task(at_step_10, 11).eligible_employees().order_by("pk").first().user
    return create_berkas(at_step_10, by=holder, data=dict(BERKAS_DATA))


def copy_office_to(data_dir: Path) -> None:
    """The test office as a running server keeps it: an SQLite file (WAL) and media."""
    import shutil

    data_dir.mkdir(mode=0o700, parents=True)
    connection.ensure_connection()
    target = sqlite3.connect(data_dir / "erkt.sqlite3")
    connection.connection.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    shutil.copytree(settings.MEDIA_ROOT, data_dir / "media")


def office_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATA_DIR": str(data_dir), "SECRET_KEY": settings.SECRET_KEY}
    env.pop("MEDIA_ROOT", None)
    env["DJANGO_SETTINGS_MODULE"] = "erkt.testing.settings"
    return {**env, **extra}


def erkt(data_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """`erkt ARGS` as its own process on the office in data_dir."""
    return subprocess.run(
        [*ERKT, *args], env=office_env(data_dir, **extra), capture_output=True, text=True
    )
