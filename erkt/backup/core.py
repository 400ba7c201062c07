"""`erkt backup` and `erkt restore`: the database, the media files and a manifest.

A backup directory holds:
    db.sqlite3 | db.dump      the database (SQLite online backup API / pg_dump -Fc)
    media/                    a copy of MEDIA_ROOT (local storage), or
    media-objects.json        every object's key, size and SHA-256 (object storage:
                              the bucket's own versioning keeps the objects)
    manifest.json             SHA-256 and size of every file above, the e-RKT version,
                              the database vendor, the time and each audit chain head
The database is copied first and the media after it, so every file the copied
database refers to is in the copy. SECRET_KEY and the audit key are never in it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA = "media"
MEDIA_OBJECTS = "media-objects.json"
SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.dump"
FORMAT = 1
BUSY_TIMEOUT_S = 60
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass(frozen=True)
class Result:
    directory: Path
    manifest: dict[str, Any]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def private_dir(path: Path) -> None:
    """Create the directory (and its parents) readable by the service user only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)


def private_tree(root: Path) -> None:
    """Directories 0700 and files 0600 under root (copies keep their source's modes)."""
    for directory, _subdirectories, files in os.walk(root):
        os.chmod(directory, 0o700)
        for name in files:
            os.chmod(os.path.join(directory, name), 0o600)


# --- Backup -----------------------------------------------------------------------------------


def backup(destination: Path) -> Result:
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"Folder tujuan {destination} tidak kosong.")
    vendor = connection.vendor
    if vendor == "sqlite":
        _sqlite_source().close()  # refuse a missing database before creating anything
    private_dir(destination)
    if vendor == "sqlite":
        database = _backup_sqlite(destination / SQLITE_FILE)
        heads = _sqlite_heads(destination / SQLITE_FILE)
    elif vendor == "postgresql":
        database, heads = _backup_postgresql(destination / PG_FILE)
    else:
        raise BackupError(f"Basis data {vendor} tidak didukung oleh erkt backup.")
    media_kind = _backup_media(destination)
    private_tree(destination)
    files = [
        {"path": path, "size": (destination / path).stat().st_size,
         "sha256": sha256_file(destination / path)}
        for path in sorted(_relative_files(destination))
        if path != MANIFEST
    ]  # fmt: skip
    manifest = {
        "format": FORMAT,
        "erkt_version": _version(),
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": vendor, "file": database},
        "media": media_kind,
        "audit_heads": heads,
        "files": files,
    }
    target = destination / MANIFEST
    target.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True))
    target.chmod(0o600)
    return Result(destination, manifest)


def _version() -> str:
    try:
        return metadata.version("erkt")
    except metadata.PackageNotFoundError:
        return "unknown"


def _sqlite_source() -> sqlite3.Connection:
    name = str(connection.settings_dict["NAME"])
    uri = name.startswith("file:")
    if not uri and not Path(name).is_file():
        raise BackupError(f"Basis data SQLite {name} tidak ditemukan.")
    return sqlite3.connect(name, timeout=BUSY_TIMEOUT_S, uri=uri)


def _backup_sqlite(target: Path) -> str:
    """One consistent copy through SQLite's online backup API, while the server writes:
    all pages in one step under a read transaction (WAL: writers are not blocked)."""
    source = _sqlite_source()
    copy = sqlite3.connect(target)
    try:
        source.backup(copy, pages=-1)
        # A self-contained file: no -wal/-shm beside it when it is opened later.
        copy.execute("PRAGMA journal_mode=DELETE")
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("Salinan basis data SQLite tidak utuh (integrity_check).")
    finally:
        copy.close()
        source.close()
    target.chmod(0o600)
    return SQLITE_FILE


def _sqlite_heads(path: Path) -> list[dict[str, Any]]:
    """The audit chain heads as the copied database holds them."""
    with sqlite3.connect(path) as copy:
        rows = copy.execute(
            "SELECT c.organization_id, o.short_name, c.last_seq, c.last_hash "
            "FROM audit_auditchain c JOIN org_organization o ON o.id = c.organization_id "
            "ORDER BY c.organization_id"
        ).fetchall()
    copy.close()
    return [_head(*row) for row in rows]


def _head(organization_id: int, short_name: str, seq: int, entry_hash: str) -> dict[str, Any]:
    return {"organization_id": organization_id, "organization": short_name, "seq": seq,
            "hash": entry_hash}  # fmt: skip


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args() -> list[str]:
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return [*args, "--dbname", str(db["NAME"])]


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} tidak ditemukan: pasang klien PostgreSQL.") from error
    if done.returncode != 0:
        raise BackupError(f"{command[0]} gagal: {done.stderr.strip()}")


def _backup_postgresql(target: Path) -> tuple[str, list[dict[str, Any]]]:
    """pg_dump in custom format from a snapshot exported by a repeatable-read transaction,
    in which the audit chain heads are read too: both describe the same moment."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        cursor.execute(
            "SELECT c.organization_id, o.short_name, c.last_seq, c.last_hash "
            "FROM audit_auditchain c JOIN org_organization o ON o.id = c.organization_id "
            "ORDER BY c.organization_id"
        )
        heads = [_head(*row) for row in cursor.fetchall()]
        _run(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}",
              f"--file={target}", *_pg_args()])  # fmt: skip
    target.chmod(0o600)
    return PG_FILE, heads


def _backup_media(destination: Path) -> str:
    if isinstance(default_storage, FileSystemStorage):
        source = Path(default_storage.location)
        target = destination / MEDIA
        private_dir(target)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        return "copy"
    objects = [{"key": key, "size": size, "sha256": digest} for key, size, digest in _objects()]
    path = destination / MEDIA_OBJECTS
    path.write_text(json.dumps(objects, indent=2, ensure_ascii=False))
    path.chmod(0o600)
    return "objects"


def _objects(prefix: str = "") -> Iterator[tuple[str, int, str]]:
    """Every object of the default storage, through the generic storage API."""
    directories, files = default_storage.listdir(prefix)
    for name in sorted(files):
        key = f"{prefix}{name}"
        digest, size = hashlib.sha256(), 0
        with default_storage.open(key, "rb") as stored:
            for chunk in stored.chunks(CHUNK):
                digest.update(chunk)
                size += len(chunk)
        yield key, size, digest.hexdigest()
    for directory in sorted(directories):
        yield from _objects(f"{prefix}{directory}/")


def _relative_files(root: Path) -> Iterator[str]:
    for path in root.rglob("*"):
        if path.is_file():
            yield path.relative_to(root).as_posix()


# --- Restore ----------------------------------------------------------------------------------


def check_backup(source: Path) -> dict[str, Any]:
    """The manifest, once every listed file is present with its size and SHA-256 and no
    other file is there; otherwise BackupError naming what is wrong. Reads only."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
        listed = {item["path"]: item for item in manifest["files"]}
        vendor = manifest["database"]["vendor"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"manifest.json di {source} tidak dapat dibaca ({error}).") from error
    problems = []
    for path, item in sorted(listed.items()):
        file = source / path
        if not file.is_file():
            problems.append(f"hilang: {path}")
        elif file.stat().st_size != item["size"] or sha256_file(file) != item["sha256"]:
            problems.append(f"berubah: {path}")
    extra = sorted(set(_relative_files(source)) - set(listed) - {MANIFEST})
    problems += [f"tambahan: {path}" for path in extra]
    if problems:
        raise BackupError("Cadangan rusak, tidak ada yang dipulihkan:\n  " + "\n  ".join(problems))
    if vendor != connection.vendor:
        raise BackupError(
            f"Cadangan berasal dari basis data {vendor}; yang dikonfigurasi {connection.vendor}."
        )
    return manifest


def restore(source: Path) -> dict[str, Any]:
    """Check the backup, check the target is empty, then restore the database and media."""
    source = Path(source)
    manifest = check_backup(source)
    _require_empty_target(manifest)
    if manifest["media"] == "copy":
        media = Path(default_storage.location)
        private_dir(media)
    if connection.vendor == "sqlite":
        _restore_sqlite(source / manifest["database"]["file"])
    else:
        _run(["pg_restore", "--no-owner", "--exit-on-error", *_pg_args(),
              str(source / manifest["database"]["file"])])  # fmt: skip
    if manifest["media"] == "copy":
        shutil.copytree(source / MEDIA, media, dirs_exist_ok=True)
        private_tree(media)
    return manifest


def _require_empty_target(manifest: dict[str, Any]) -> None:
    tables = _database_tables()
    if tables:
        raise BackupError(
            f"Basis data tujuan tidak kosong ({len(tables)} tabel): pulihkan hanya ke basis "
            "data yang kosong."
        )
    if manifest["media"] == "copy":
        if not isinstance(default_storage, FileSystemStorage):
            raise BackupError("Cadangan berisi salinan media, tetapi penyimpanan bukan lokal.")
        media = Path(default_storage.location)
        if media.exists() and any(media.iterdir()):
            raise BackupError(
                f"Folder media {media} tidak kosong: pulihkan hanya ke folder kosong."
            )


def _database_tables() -> list[str]:
    name = str(connection.settings_dict["NAME"])
    file_database = not name.startswith("file:") and name != ":memory:"
    if connection.vendor == "sqlite" and file_database and not Path(name).exists():
        return []  # connecting would create the file (and its folder must exist first)
    return connection.introspection.table_names()


def _restore_sqlite(backup_file: Path) -> None:
    """Into the configured database through the backup API (writes the WAL correctly);
    a file database is first built next to its place and moved in."""
    name = str(connection.settings_dict["NAME"])
    connection.close()
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        if name.startswith("file:") or name == ":memory:":
            target = sqlite3.connect(name, uri=name.startswith("file:"))
            source.backup(target)
            target.close()
            return
        path = Path(name)
        private_dir(path.parent)
        handle, temporary = tempfile.mkstemp(prefix=".restore-", dir=path.parent)
        os.close(handle)
        try:
            target = sqlite3.connect(temporary)
            source.backup(target)
            target.close()
            for leftover in (Path(f"{name}-wal"), Path(f"{name}-shm")):
                leftover.unlink(missing_ok=True)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        path.chmod(0o600)
    finally:
        source.close()
