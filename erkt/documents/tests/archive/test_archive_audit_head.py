"""The archive bundle records the audit chain head; `erkt audit verify` checks it."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from erkt.audit.models import AuditEntry
from erkt.audit.tests.conftest import raw_sql
from erkt.audit.verify import verify_chain

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def _manifest(berkas) -> dict:
    with berkas.bundle.open("rb") as stored:
        content = stored.read()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return json.loads(archive.read("manifest.json"))


def test_the_bundle_manifest_records_the_chain_head_at_archiving(archived):
    head = _manifest(archived)["berkas"]["audit_head"]
    entry = AuditEntry.objects.get(pk=head["id"])
    assert (entry.organization_id, entry.seq, entry.hash) == (
        archived.organization_id,
        head["seq"],
        head["hash"],
    )
    assert "Kepala rantai tercatat di 1 dokumen/berkas" in _verify()


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_a_chain_rewritten_even_with_the_key_is_caught_by_the_head_in_the_bundle(archived):
    """An insider with the database and the key edits the recorded entry and recomputes the
    chain correctly: the chain alone verifies, the bundle's recorded head does not."""
    head = _manifest(archived)["berkas"]["audit_head"]
    raw_sql("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["dipalsukan", head["id"]])
    previous = AuditEntry.objects.get(pk=head["id"]).prev_hash
    entries = AuditEntry.objects.filter(organization=archived.organization, seq__gte=head["seq"])
    for entry in entries:
        entry.prev_hash = previous
        previous = entry.compute_hash()
        raw_sql(
            "UPDATE audit_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
            [entry.prev_hash, previous, entry.pk],
        )
    raw_sql(
        "UPDATE audit_auditchain SET last_hash = %s WHERE organization_id = %s",
        [previous, archived.organization_id],
    )
    assert verify_chain(archived.organization).ok
    with pytest.raises(CommandError) as error:
        _verify()
    message = str(error.value)
    assert f"Berkas {archived.nomor_berkas}" in message and f"#{head['id']}" in message
