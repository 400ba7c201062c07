"""PostgreSQL: `erkt backup` through pg_dump, `erkt restore` through pg_restore into a
second, empty database on the same server."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from erkt.audit.log import record
from erkt.audit.models import AuditChain
from erkt.backup.tests.conftest import erkt

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

HEADS = (
    "from erkt.audit.models import AuditChain; "
    "print([(c.organization_id, c.last_seq, c.last_hash) for c in AuditChain.objects.all()])"
)


@pytest.fixture
def second_database():
    name = f"{connection.settings_dict['NAME']}_pulih"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    db = connection.settings_dict
    yield (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{name}")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_pg_dump_and_pg_restore_round_trip_into_a_second_database(
    demo, kepala, tmp_path, second_database
):
    for number in range(3):
        record(organization=demo, user=kepala, action="test.write", reason=f"tulis {number}")
    backup, restored = tmp_path / "cadangan", tmp_path / "baru"
    call_command("backup", str(backup), stdout=StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"] == {"vendor": "postgresql", "file": "db.dump"}
    chain = AuditChain.objects.get(organization=demo)
    assert [(h["seq"], h["hash"]) for h in manifest["audit_heads"]] == [
        (chain.last_seq, chain.last_hash)
    ]

    done = erkt(restored, "restore", str(backup), DATABASE_URL=second_database)
    assert done.returncode == 0, done.stderr
    heads = erkt(restored, "shell", "--no-imports", "-c", HEADS, DATABASE_URL=second_database)
    assert heads.stdout.strip() == str([(demo.pk, chain.last_seq, chain.last_hash)])
    audit = erkt(restored, "audit", "verify", DATABASE_URL=second_database)
    assert audit.returncode == 0, audit.stderr
    assert f"Rantai audit utuh: {chain.last_seq} entri" in audit.stdout
    assert any(path.name == "bkpsdm-balangan.png" for path in (restored / "media").rglob("*"))

    again = erkt(restored, "restore", str(backup), DATABASE_URL=second_database)
    assert "Basis data tujuan tidak kosong" in again.stderr
