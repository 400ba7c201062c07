"""The audit chain's append sent with its transaction's COMMIT (erkt.postgresql's
run_with_commit): written exactly when a separate statement would have been, or not at all."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import DataError, connection, transaction

from erkt.audit.log import batch, record
from erkt.audit.models import AuditChain, AuditEntry
from erkt.audit.verify import verify_chain
from erkt.org.models import Organization
from erkt.testing.concurrency import at_once

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def two_entries(organization, user, n: int = 0) -> list[AuditEntry]:
    return [
        record(organization=organization, user=user, action="test.append", after={"n": n}),
        record(organization=organization, user=user, action="test.append", after={"n": n + 1}),
    ]


def head_of(organization) -> tuple[int, str]:
    head = AuditChain.objects.get(organization=organization)
    return head.last_seq, head.last_hash


def test_a_batch_is_written_when_its_transaction_commits(demo, kepala):
    with transaction.atomic():
        with batch():
            entries = two_entries(demo, kepala)
        waiting = [entry.pk for entry in entries]

    assert waiting == [None, None]  # sent with the COMMIT, not when the block ended
    stored = AuditEntry.objects.filter(action="test.append").order_by("seq")
    assert [entry.pk for entry in stored] == [entry.pk for entry in entries]
    assert head_of(demo) == (entries[-1].seq, entries[-1].hash)
    assert verify_chain(demo).ok


def test_a_statement_after_the_batch_sees_its_entries(demo, kepala):
    with transaction.atomic():
        with batch():
            entries = two_entries(demo, kepala)
        seen = AuditEntry.objects.filter(action="test.append").count()
        keys = [entry.pk for entry in entries]

    assert seen == 2
    assert None not in keys
    assert verify_chain(demo).ok


def test_a_transaction_rolled_back_after_the_batch_writes_nothing(demo, kepala):
    record(organization=demo, user=kepala, action="test.before")
    before = head_of(demo)

    with pytest.raises(RuntimeError), transaction.atomic():
        with batch():
            two_entries(demo, kepala)
        raise RuntimeError("the caller's own failure")

    assert not AuditEntry.objects.filter(action="test.append").exists()
    assert head_of(demo) == before
    with transaction.atomic(), batch():
        two_entries(demo, kepala)
    assert verify_chain(demo).ok


def test_a_failing_append_rolls_back_the_whole_transaction_and_reaches_the_caller(demo, kepala):
    record(organization=demo, user=kepala, action="test.before")
    before = head_of(demo)
    name = demo.name

    with pytest.raises(DataError), transaction.atomic():
        Organization.objects.filter(pk=demo.pk).update(name="Diubah")
        with batch():
            entry = record(organization=demo, user=kepala, action="test.append")
            entry.object_repr = "x" * 301  # longer than its column: the INSERT fails

    demo.refresh_from_db()
    assert demo.name == name
    assert head_of(demo) == before
    assert not AuditEntry.objects.filter(action="test.append").exists()
    assert connection.in_atomic_block is False
    assert verify_chain(demo).ok


def test_parallel_batches_keep_one_unbroken_chain(demo, kepala):
    def append(name: str) -> None:
        user = get_user_model().objects.get(username=name)
        for n in range(5):
            with transaction.atomic(), batch():
                two_entries(demo, user, n)

    names = ("kepala", "sekretaris", "kepala", "sekretaris")
    results = at_once(*(lambda name=name: append(name) for name in names))

    assert results == [None] * 4
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, 41))
    assert head_of(demo)[0] == 40
    assert verify_chain(demo).ok


def test_values_written_in_as_literals_are_stored_exactly(demo, kepala):
    awkward = 'O\'Brien \\ 100% "kutip" <script>x</script> é 日本 \x01'
    with transaction.atomic(), batch():
        entry = record(
            organization=demo, user=kepala, action="test.append", reason=awkward,
            after={"text": awkward, "n": 1},
        )  # fmt: skip

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.reason, stored.after) == (awkward, {"text": awkward, "n": 1})
    assert stored.hash == entry.hash == stored.compute_hash()
    assert verify_chain(demo).ok
