"""An intruder with only the database rewrites the chain: verify still finds the edit."""

from __future__ import annotations

import hashlib
import hmac
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from erkt.audit.models import AuditChain, AuditEntry, HashAlgorithm, canonical_json, legacy_seal
from erkt.audit.tests.conftest import raw_sql
from erkt.audit.verify import verify_chain

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def plain_sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def hmac_under_a_guessed_key(text: str) -> str:
    return hmac.new(b"not the server's key", text.encode(), hashlib.sha256).hexdigest()


def rewrite_from(entry_id: int, *, rehash, algorithm: int | None = None) -> None:
    """Change the entry's data and recompute its hash and every following one (and the
    chain head), exactly as the chain is built, with `rehash` instead of the real key."""
    raw_sql("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["dipalsukan", entry_id])
    first = AuditEntry.objects.get(pk=entry_id)
    previous = AuditEntry.objects.get(organization=first.organization, seq=first.seq - 1).hash
    for entry in AuditEntry.objects.filter(organization=first.organization, seq__gte=first.seq):
        entry.prev_hash = previous
        if algorithm is not None:
            entry.algorithm = algorithm
        previous = rehash(canonical_json(entry.hashed_content()))
        raw_sql(
            "UPDATE audit_auditentry SET prev_hash = %s, hash = %s, algorithm = %s WHERE id = %s",
            [entry.prev_hash, previous, entry.algorithm, entry.pk],
        )
    raw_sql(
        "UPDATE audit_auditchain SET last_hash = %s WHERE organization_id = %s",
        [previous, first.organization_id],
    )


def verify_message() -> str:
    with pytest.raises(CommandError) as error:
        call_command("audit", "verify", stdout=StringIO())
    return str(error.value)


@pytest.mark.parametrize(
    ("rehash", "algorithm"),
    [
        (plain_sha256, None),
        (plain_sha256, HashAlgorithm.LEGACY),
        (hmac_under_a_guessed_key, None),
    ],
    ids=["sha256", "sha256-as-legacy-entries", "hmac-with-a-wrong-key"],
)
def test_a_chain_recomputed_without_the_key_fails_verify_at_the_edited_entry(
    entries, rehash, algorithm
):
    rewrite_from(entries[1].pk, rehash=rehash, algorithm=algorithm)
    report = verify_chain(entries[0].organization)
    assert report.broken == entries[1]
    message = verify_message()
    assert f"#{entries[1].pk}" in message and "nomor urut 2" in message


def test_new_entries_are_keyed_and_the_untouched_chain_verifies(entries):
    assert {e.algorithm for e in AuditEntry.objects.all()} == {HashAlgorithm.HMAC}
    call_command("audit", "verify", stdout=StringIO())


def test_a_sealed_legacy_chain_still_verifies_and_continues_keyed(entries, demo, kepala):
    """Rows written before the key, as the migration leaves them: plain SHA-256, sealed."""
    previous = AuditEntry.objects.get(pk=entries[0].pk).prev_hash
    for entry in AuditEntry.objects.filter(organization=demo):
        entry.prev_hash, entry.algorithm = previous, HashAlgorithm.LEGACY
        previous = plain_sha256(canonical_json(entry.hashed_content()))
        raw_sql(
            "UPDATE audit_auditentry SET prev_hash = %s, hash = %s, algorithm = 0 WHERE id = %s",
            [entry.prev_hash, previous, entry.pk],
        )
    AuditChain.objects.filter(organization=demo).update(
        last_hash=previous, legacy_seq=3, legacy_seal=legacy_seal(demo.pk, 3, previous)
    )
    from erkt.audit.log import record

    record(organization=demo, user=kepala, action="task.complete", obj=demo)
    assert verify_chain(demo).ok
    # Without the seal (it cannot be forged without the key), the legacy part is refused.
    AuditChain.objects.filter(organization=demo).update(legacy_seal="0" * 64)
    assert verify_chain(demo).broken.seq == 3
