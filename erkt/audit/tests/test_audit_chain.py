from __future__ import annotations

import pytest
from django.db import transaction

from erkt.audit.log import record
from erkt.audit.models import GENESIS_HASH, AuditEntry, AuditLogImmutable
from erkt.audit.tests.conftest import raw_sql
from erkt.audit.verify import verify_chain

pytestmark = pytest.mark.database


def test_each_entry_carries_the_hash_of_the_previous_one(entries):
    first, second, third = entries
    assert first.prev_hash == GENESIS_HASH
    assert (second.prev_hash, third.prev_hash) == (first.hash, second.hash)
    assert [e.seq for e in entries] == [1, 2, 3]


def test_an_untouched_chain_verifies(entries, demo):
    report = verify_chain(demo)
    assert report.ok and report.count == 3


def test_snapshots_are_stored_exactly_as_hashed(entries):
    stored = AuditEntry.objects.get(pk=entries[0].pk)
    assert stored.after == {"start_date": "2026-12-21", "year": 2027}
    assert stored.compute_hash() == stored.hash


def test_a_row_changed_in_the_database_is_named(entries, demo):
    raw_sql("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["Tidak ada", entries[1].pk])
    report = verify_chain(demo)
    assert not report.ok
    assert report.broken.pk == entries[1].pk
    assert "diubah" in report.problem


def test_a_row_deleted_in_the_middle_breaks_the_next_link(entries, demo):
    raw_sql("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    report = verify_chain(demo)
    assert report.broken.pk == entries[2].pk


def test_a_row_deleted_at_the_end_is_found_by_the_chain_head(entries, demo):
    raw_sql("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    report = verify_chain(demo)
    assert not report.ok and report.count == 2
    assert "hilang" in report.problem


def test_a_rehashed_forgery_still_breaks_the_following_link(entries, demo):
    forged = AuditEntry.objects.get(pk=entries[0].pk)
    forged.reason = "Dipalsukan"
    raw_sql(
        "UPDATE audit_auditentry SET reason = %s, hash = %s WHERE id = %s",
        ["Dipalsukan", forged.compute_hash(), forged.pk],
    )
    assert verify_chain(demo).broken.pk == entries[1].pk


def test_the_application_refuses_to_change_an_entry(entries):
    entry = AuditEntry.objects.get(pk=entries[0].pk)
    entry.reason = "Diubah"
    with pytest.raises(AuditLogImmutable):
        entry.save()
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="Diubah")
    with pytest.raises(AuditLogImmutable), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["reason"])
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_the_application_refuses_to_delete_an_entry(entries):
    with pytest.raises(AuditLogImmutable):
        entries[0].delete()
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 3


def test_each_organisation_has_its_own_chain(entries, other_org, stranger, demo):
    entry = record(organization=other_org, user=stranger, action="process.start", obj=other_org)
    assert (entry.seq, entry.prev_hash) == (1, GENESIS_HASH)
    raw_sql("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["x", entries[0].pk])
    assert verify_chain(other_org).ok
    assert not verify_chain(demo).ok


def test_the_entry_names_who_acted_in_which_position(entries, kepala):
    entry = entries[0]
    assert entry.user == kepala
    assert entry.position_repr == "Kepala Badan"
    assert "kepala" in entry.user_repr and "Ahmad Rifani" in entry.user_repr
