"""Audit entries made before a transaction takes SQLite's write lock, chained under it.

A planned completion (erkt.workflow.engine) builds its entries with `record()` before its
BEGIN, where building them (the snapshots' JSON, the user's and position's names) costs no
other writer anything, then chains them onto the head it has read under the lock and writes
them: the chaining of `erkt.audit.log`'s append, with the INSERT's parameters prepared
before (`compiled_writes.prepare_insert`) but for the sequence numbers and hashes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from erkt import compiled_writes
from erkt.audit import log
from erkt.audit.models import AuditChain, AuditEntry


def batch_open() -> bool:
    """Whether the caller collects entries in `log.batch()`: entries written past it would
    come before the ones it has collected."""
    return getattr(log._batch, "entries", None) is not None


@contextmanager
def unwritten() -> Iterator[list[AuditEntry]]:
    """The entries `record()` makes in the block, kept out of the chain: nothing is
    written, nothing locked (the block's own list stands in for a batch's)."""
    outer = getattr(log._batch, "entries", None)
    log._batch.entries = collected = []
    try:
        yield collected
    finally:
        log._batch.entries = outer


class Planned:
    """Entries of one organisation with their INSERT prepared but for seq and the hashes."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        self.entries = entries
        self.insert = compiled_writes.prepare_insert(entries, "seq", "prev_hash", "hash")

    def append(self, last_seq: int, last_hash: str) -> None:
        """Chain the entries onto the head (read under the write lock) and write them with
        the head, as log._append does after locking it."""
        for entry in self.entries:
            entry.seq, entry.prev_hash = last_seq + 1, last_hash
            entry.hash = entry.compute_hash()
            last_seq, last_hash = entry.seq, entry.hash
        head = AuditChain(
            organization_id=self.entries[0].organization_id,
            last_seq=last_seq,
            last_hash=last_hash,
        )
        compiled_writes.insert_then_update(
            self.entries, head, "last_seq", "last_hash", prepared=self.insert
        )


def warm_up() -> None:
    """Compile the chain head's locked read (inside the caller's transaction): a process's
    first append compiled it under SQLite's write lock."""
    log._LOCKED_HEAD.rows(0)
