"""`erkt backup` while the office works, `erkt restore` into a fresh directory, and the
restored office: same audit chain head, audit and archive verify, the signed RKT."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from erkt.backup.tests.conftest import ERKT, copy_office_to, erkt, office_env

# The office is copied and restored as SQLite files; test_backup_restore_postgresql.py is
# the same round trip through pg_dump and pg_restore.
pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True)]

# Keeps appending audit entries (through the application's own `record`) until told to stop.
WRITER = """
import sys, django
django.setup()
from pathlib import Path
from erkt.audit.log import record
from erkt.org.models import Organization
office = Organization.objects.get(short_name="BKPSDM")
stop, written = Path(sys.argv[1]), 0
while not stop.exists() or written < 20:
    record(organization=office, action="test.write", reason=f"tulis {written}")
    written += 1
    if written == 1:
        print("started", flush=True)
print(written, flush=True)
"""

CHECK_SIGNED_RKT = """
import django
django.setup()
from erkt.documents.models import IssuedDocument
from erkt.documents.tests.signing_helpers import pyhanko_status
final = IssuedDocument.objects.get(kind="rkt.final")
with final.pdf_file.open("rb") as stored:
    status = pyhanko_status(stored.read(), final.organization)
print(status.intact and status.valid and status.trusted)
"""


def chain_heads(database: Path) -> dict[int, tuple[int, str]]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT organization_id, last_seq, last_hash FROM audit_auditchain")
        return {org: (seq, digest) for org, seq, digest in rows}


def entry_hash(database: Path, organization_id: int, seq: int) -> str:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        query = "SELECT hash FROM audit_auditentry WHERE organization_id = ? AND seq = ?"
        return db.execute(query, [organization_id, seq]).fetchone()[0]


def modes(root: Path) -> set[str]:
    return {
        f"{'d' if path.is_dir() else 'f'}{stat.S_IMODE(path.stat().st_mode):o}"
        for path in [root, *root.rglob("*")]
    }


def test_a_backup_taken_while_the_office_writes_restores_into_a_working_office(
    signed_and_archived, tmp_path
):
    office, backup, restored = tmp_path / "kantor", tmp_path / "cadangan", tmp_path / "baru"
    copy_office_to(office)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(stop)],
        env=office_env(office),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout.readline().strip() == "started"
    made = erkt(office, "backup", str(backup))
    stop.touch()
    assert writer.wait() == 0 and int(writer.stdout.read()) >= 20
    assert made.returncode == 0, made.stderr

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "sqlite" and manifest["erkt_version"]
    bundle = f"media/{signed_and_archived.bundle.name}"
    assert {f["path"] for f in manifest["files"]} >= {"db.sqlite3", bundle}
    assert modes(backup) <= {"d700", "f600"}

    done = erkt(restored, "restore", str(backup))
    assert done.returncode == 0, done.stderr
    assert modes(restored) <= {"d700", "f600"}
    database = restored / "erkt.sqlite3"
    [head] = manifest["audit_heads"]
    organization_id = head["organization_id"]
    assert chain_heads(database)[organization_id] == (head["seq"], head["hash"])
    # The office went on writing: the backup's head is an entry of the live chain.
    assert entry_hash(office / "erkt.sqlite3", organization_id, head["seq"]) == head["hash"]

    audit = erkt(restored, "audit", "verify")
    assert audit.returncode == 0, audit.stderr
    assert "Rantai audit utuh" in audit.stdout and "semua cocok" in audit.stdout
    archive = erkt(restored, "archive", "verify", signed_and_archived.nomor_berkas)
    assert archive.returncode == 0, archive.stderr
    signed = subprocess.run(
        [sys.executable, "-c", CHECK_SIGNED_RKT],
        env=office_env(restored),
        capture_output=True,
        text=True,
    )
    assert signed.stdout.strip() == "True", signed.stderr


@pytest.fixture(scope="module")
def backups(tmp_path_factory) -> Path:
    """Where the module's one backup of the demo office is kept once taken."""
    return tmp_path_factory.mktemp("backups")


@pytest.fixture
def a_backup(demo, backups, tmp_path) -> Path:
    """A copy (the test's own, to tamper with) of `erkt backup` of the demo office.

    The tests that refuse a restore only need *a* backup of the office: the backup is
    taken (in its own process, some 3 s of CPU) by the first of them and copied for the
    others. The round trip above takes its own, while the office writes.
    """
    taken = backups / "cadangan"
    if not (taken / "manifest.json").exists():
        copy_office_to(backups / "kantor")
        made = erkt(backups / "kantor", "backup", str(taken))
        assert made.returncode == 0, made.stderr
    return Path(shutil.copytree(taken, tmp_path / "cadangan"))


def test_restore_refuses_a_directory_that_already_holds_an_office(a_backup, tmp_path):
    office, backup = tmp_path / "kantor", a_backup
    copy_office_to(office)
    refused = erkt(office, "restore", str(backup))
    assert refused.returncode != 0
    assert "Basis data tujuan tidak kosong" in refused.stderr


def test_restore_refuses_a_non_empty_media_folder(a_backup, tmp_path):
    backup, target = a_backup, tmp_path / "baru"
    (target / "media").mkdir(parents=True)
    (target / "media" / "lain.txt").write_text("milik kantor lain")
    refused = erkt(target, "restore", str(backup))
    assert "Folder media" in refused.stderr and "tidak kosong" in refused.stderr
    assert not (target / "erkt.sqlite3").exists()


def test_a_backup_with_one_byte_changed_is_refused_before_anything_is_written(a_backup, tmp_path):
    backup, target = a_backup, tmp_path / "baru"
    [logo] = (backup / "media" / "logos").iterdir()
    content = bytearray(logo.read_bytes())
    content[100] ^= 0x01
    logo.write_bytes(bytes(content))
    refused = erkt(target, "restore", str(backup))
    assert refused.returncode != 0
    assert "Cadangan rusak" in refused.stderr
    assert f"berubah: media/logos/{logo.name}" in refused.stderr
    assert not target.exists()


def test_the_erkt_command_creates_private_files(demo, tmp_path):
    office = tmp_path / "kantor"
    copy_office_to(office)
    done = subprocess.run(
        [*ERKT, "shell", "-c", "open('baru.txt', 'w').close()"],
        env=office_env(office),
        cwd=tmp_path,
    )
    assert done.returncode == 0
    assert stat.S_IMODE((tmp_path / "baru.txt").stat().st_mode) == 0o600
