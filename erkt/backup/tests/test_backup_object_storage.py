"""Files on object storage: the backup lists every object's key and SHA-256 instead of
copying them (the bucket's versioning keeps them)."""

from __future__ import annotations

import hashlib
import json
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_lists_each_object_of_a_non_local_storage_with_its_sha256(
    object_storage, demo, tmp_path
):
    # A bucket of moto's S3-compatible server; `demo` stored its logo there too.
    content = b"%PDF-1.4 lampiran"
    lampiran = default_storage.save("workflow/1/1/task-1/lampiran.pdf", ContentFile(content))
    logo = demo.logo.name
    backup = tmp_path / "cadangan"
    call_command("backup", str(backup), stdout=StringIO())

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["media"] == "objects" and not (backup / "media").exists()
    objects = json.loads((backup / "media-objects.json").read_text())
    logo_bytes = object_storage.read(logo)
    assert objects == [
        {"key": logo, "size": len(logo_bytes), "sha256": hashlib.sha256(logo_bytes).hexdigest()},
        {
            "key": lampiran,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    ]
    listed = {f["path"] for f in manifest["files"]}
    database_file = "db.sqlite3" if manifest["database"]["vendor"] == "sqlite" else "db.dump"
    assert listed == {database_file, "media-objects.json"}
