"""Recompute an organisation's audit chain and find the first broken entry."""

from __future__ import annotations

from dataclasses import dataclass

from erkt.audit.models import GENESIS_HASH, AuditChain, AuditEntry, HashAlgorithm, seal_matches
from erkt.org.models import Organization


@dataclass(frozen=True)
class ChainReport:
    organization: Organization
    count: int
    broken: AuditEntry | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def verify_chain(organization: Organization) -> ChainReport:
    """Walk the chain in order; report the first entry whose link or hash does not hold.

    Keyed entries must carry the HMAC under the audit key. Unkeyed (legacy) entries are
    accepted only up to where the chain's sealed legacy part ends, never after it.
    """
    expected_prev, expected_seq, count = GENESIS_HASH, 1, 0
    head = AuditChain.objects.filter(organization=organization).first()
    legacy_seq = head.legacy_seq if head is not None else 0
    entries = AuditEntry.objects.filter(organization=organization).order_by("seq", "pk")
    for entry in entries.iterator(chunk_size=1000):
        problem = _check(entry, expected_prev, expected_seq) or _check_legacy(
            entry, head, legacy_seq
        )
        if problem:
            return ChainReport(organization, count, entry, problem)
        expected_prev, expected_seq, count = entry.hash, entry.seq + 1, count + 1
    if head is not None and (head.last_seq, head.last_hash) != (count, expected_prev):
        return ChainReport(
            organization,
            count,
            None,
            f"entri setelah nomor urut {count} hilang (kepala rantai mencatat {head.last_seq})",
        )
    return ChainReport(organization, count)


def _check(entry: AuditEntry, expected_prev: str, expected_seq: int) -> str:
    if entry.seq != expected_seq:
        return f"nomor urut {entry.seq}, seharusnya {expected_seq} (ada entri yang hilang)"
    if entry.prev_hash != expected_prev:
        return "hash sebelumnya tidak cocok (entri sebelumnya diubah atau dihapus)"
    if entry.compute_hash() != entry.hash:
        return "isi entri tidak cocok dengan hash-nya (entri diubah)"
    return ""


def _check_legacy(entry: AuditEntry, head: AuditChain | None, legacy_seq: int) -> str:
    if entry.algorithm != HashAlgorithm.LEGACY:
        return ""
    if entry.seq > legacy_seq:
        return (
            "entri tanpa kunci di luar bagian lama rantai yang tersegel "
            "(rantai ditulis ulang tanpa kunci audit)"
        )
    if entry.seq == legacy_seq and not (
        head is not None
        and seal_matches(head.legacy_seal, entry.organization_id, entry.seq, entry.hash)
    ):
        return "segel akhir bagian lama rantai tidak cocok (rantai ditulis ulang)"
    return ""


def verify_all(organizations=None) -> list[ChainReport]:
    orgs = organizations if organizations is not None else Organization.objects.order_by("pk")
    return [verify_chain(org) for org in orgs]
