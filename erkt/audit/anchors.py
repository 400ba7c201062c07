"""Chain heads recorded outside the chain: in signed documents' snapshots and archive
bundles. `erkt audit verify` checks that each still names an entry of the chain with
the same hash; the apps that record heads register where to find them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from erkt.audit.models import AuditEntry


@dataclass(frozen=True)
class Anchor:
    where: str  # what recorded the head, for the report (Bahasa Indonesia)
    organization_id: int
    head: dict[str, Any]


AnchorSource = Callable[[set[int] | None], Iterable[Anchor]]
_sources: list[AnchorSource] = []


def anchor_source(source: AnchorSource) -> AnchorSource:
    """Register a function listing the anchors of the given organisations (None: all)."""
    if source not in _sources:
        _sources.append(source)
    return source


def recorded_heads(organization_ids: set[int] | None = None) -> Iterator[Anchor]:
    for source in _sources:
        yield from source(organization_ids)


def check_anchor(anchor: Anchor) -> str:
    """The problem with one recorded head, or ""."""
    head = anchor.head or {}
    try:
        entry_id, seq, entry_hash = int(head["id"]), int(head["seq"]), str(head["hash"])
    except (KeyError, TypeError, ValueError):
        return f"{anchor.where}: kepala rantai yang tercatat tidak dapat dibaca"
    entry = AuditEntry.objects.filter(pk=entry_id, organization_id=anchor.organization_id).first()
    if entry is None:
        return (
            f"{anchor.where}: entri #{entry_id} (nomor urut {seq}) yang tercatat sebagai kepala "
            "rantai tidak ada lagi"
        )
    if entry.seq != seq or entry.hash != entry_hash:
        return (
            f"{anchor.where}: entri #{entry_id} (nomor urut {seq}) tidak sama dengan kepala "
            "rantai yang tercatat (rantai ditulis ulang)"
        )
    return ""


def verify_anchors(organization_ids: set[int] | None = None) -> tuple[int, list[str]]:
    """How many recorded heads were checked, and the problems found."""
    checked, problems = 0, []
    for anchor in recorded_heads(organization_ids):
        checked += 1
        problem = check_anchor(anchor)
        if problem:
            problems.append(problem)
    return checked, problems
