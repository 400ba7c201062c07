"""Append entries to the audit chain: `record(...)`, the one way to write the log."""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from erkt import compiled_writes, model_instances
from erkt.audit.models import AuditChain, AuditEntry
from erkt.compiled_sql import Shape
from erkt.org.access import employee_of, positions_of
from erkt.org.models import Organization, Position
from erkt.org.substitutes import acting_kind, holder_names

REPR_LENGTH = 300


def record(
    *,
    organization: Organization,
    user: Any = None,
    position: Position | None = None,
    action: str,
    obj: models.Model | None = None,
    before: Any = None,
    after: Any = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry to the organisation's chain, inside the caller's transaction.

    `before`/`after` are JSON-able snapshots (dates, decimals and UUIDs become
    strings). Appends of one organisation are serialised by locking its chain
    head, so two transactions can never chain onto the same previous hash.
    Within `batch()` the entry is chained and written when the block ends.
    """
    pending = getattr(_batch, "entries", None)
    actor = _actor(user, position, pending)
    # Model(**values) without its per-field machinery (erkt.model_instances).
    entry = model_instances.new(
        AuditEntry,
        organization=organization,
        created_at=timezone.now(),
        user=user if user is not None and user.is_authenticated else None,
        position=position,
        **actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:REPR_LENGTH] if obj is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason or "",
    )
    if pending is not None:
        pending.append(entry)
    else:
        _append([entry])
    return entry


@contextmanager
def batch() -> Iterator[None]:
    """Collect the entries recorded in the block; chain and write them when it ends.

    One lock of the chain head, one INSERT and one UPDATE for all of them, instead
    of three queries each. Use it inside the caller's transaction (the engine's): if
    the block raises, nothing is written. A nested block belongs to the outer one.

    On PostgreSQL the entries' statement may wait for the transaction's COMMIT or next
    statement and go with it (erkt.postgresql): their primary keys are set then, not
    when the block ends.
    """
    if getattr(_batch, "entries", None) is not None:
        yield
        return
    _batch.entries = []
    try:
        yield
        entries = _batch.entries
    finally:
        _batch.entries = None
    _append(entries, with_commit=True)


_batch = threading.local()


def append_entries(entries: list[AuditEntry]) -> None:
    """Chain and write entries made elsewhere (a bulk path copying what `record` made):
    one lock of each chain head, one INSERT, one UPDATE. Each entry's seq, prev_hash and
    hash are set here, as for `record`."""
    _append(entries)


def _append(entries: list[AuditEntry], with_commit: bool = False) -> None:
    """Chain the entries (in order) onto their organisations' heads and write them;
    `with_commit`: the last organisation's statement may be sent with the COMMIT."""
    by_organization: dict[int, list[AuditEntry]] = {}
    for entry in entries:
        by_organization.setdefault(entry.organization_id, []).append(entry)
    # savepoint=False: inside the caller's transaction a failure rolls all of it back.
    with transaction.atomic(savepoint=False):
        last = len(by_organization) - 1
        for index, chain in enumerate(by_organization.values()):
            # The INSERT's parameters prepared before the head is locked, but for the
            # sequence number and the hashes: on PostgreSQL the head's row lock is what
            # every transition of the organisation waits for. Not on SQLite, whose write
            # lock is held from the transaction's BEGIN: there it only adds calls.
            prepared = None
            if connection.vendor == "postgresql":
                prepared = compiled_writes.prepare_insert(
                    chain, "seq", "prev_hash", "hash", quoted=with_commit and index == last
                )
            head = _locked_head(chain[0].organization)
            for entry in chain:
                entry.seq, entry.prev_hash = head.last_seq + 1, head.last_hash
                entry.hash = entry.compute_hash()
                head.last_seq, head.last_hash = entry.seq, entry.hash
            # As AuditEntry.objects.bulk_create(chain) (no receiver listens to their saves)
            # and head.save(update_fields=...), without the ORM's machinery: the SQL of both
            # is written once (erkt.compiled_writes), as they run under the write lock; on
            # PostgreSQL in one statement, under the head's row lock, sent with the COMMIT
            # when nothing else runs before it (erkt.postgresql): one round trip, and one
            # wait for the worker's GIL, fewer while the head is locked.
            compiled_writes.insert_then_update(
                chain,
                head,
                "last_seq",
                "last_hash",
                prepared=prepared,
                with_commit=with_commit and index == last,
            )


# The chain head, locked: compiled once, as every transition appends under the write lock.
_LOCKED_HEAD = Shape(
    lambda organization: AuditChain.objects.select_for_update().filter(organization=organization)
)


def _locked_head(organization: Organization) -> AuditChain:
    found = _LOCKED_HEAD.rows(organization.pk)
    if found:
        return found[0]
    try:
        with transaction.atomic():
            AuditChain.objects.create(organization=organization)
    except IntegrityError:
        pass  # created by a concurrent first append; lock theirs
    return AuditChain.objects.select_for_update().get(organization=organization)


def _actor(user: Any, position: Position | None, pending: list | None) -> dict[str, str]:
    """The entry's fields naming who acted and in which position.

    A transition records several entries by one user in one batch, some in their position
    and some without one: the user's name, and their name in a position, are worked out
    once per batch (10 and 30 Python calls). What is kept holds the batch's list, the user
    and the position themselves, so none of them can be a new object that took an old id.
    """
    last = getattr(_batch, "actor", None)
    if pending is None or last is None or last[0] is not pending or last[1] is not user:
        last = (pending, user, _user_repr(user), None, None)
    if last[4] is None or last[3] is not position:
        fields = {
            "user_repr": last[2],
            "position_repr": str(position)[:200] if position else "",
            **_acting(user, position),
        }
        last = (pending, user, last[2], position, fields)
    _batch.actor = last if pending is not None else None
    return last[4]


def _acting(user: Any, position: Position | None) -> dict[str, str]:
    """A Plt./Plh. acting in `position` today: the kind and whom they act for.

    Decided from the user's positions as read for the request (their own, and those
    they act in today): a position of their own is never "atas nama".
    """
    if position is None or user is None or not user.is_authenticated:
        return {}
    mine = next((p for p in positions_of(user) if p.pk == position.pk), None)
    kind = acting_kind(mine)
    if not kind:
        return {}
    return {"acting_kind": kind, "acting_for": holder_names(position)[:200]}


def _user_repr(user: Any) -> str:
    if user is None or not user.is_authenticated:
        return ""
    employee = employee_of(user)
    name = employee.full_name if employee is not None else user.get_full_name()
    return f"{user.get_username()} ({name})"[:200] if name else user.get_username()


def _jsonable(value: Any) -> Any:
    # Stored exactly as hashed: round-trip through JSON so dates etc. are strings already.
    if value is None:
        return None
    if type(value) is dict:
        plain = _plain_snapshot(value)
        if plain is not None:
            return plain
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _plain_snapshot(value: dict) -> dict | None:
    """The JSON round trip of a snapshot whose keys are texts and whose values are texts,
    integers, booleans, None or dates, without it (a transition's snapshots are; the round
    trip cost some 15 Python calls each); None for any other snapshot."""
    plain = {}
    for key, item in value.items():
        if type(key) is not str:
            return None
        kind = type(item)
        if kind in _AS_IN_JSON:
            plain[key] = item
        elif kind is datetime.date:
            plain[key] = item.isoformat()  # DjangoJSONEncoder's form of a date
        elif isinstance(item, str):
            plain[key] = str.__str__(item)  # a TextChoices member: its text, as a plain str
        else:
            return None
    return plain


# What JSON gives back as it was given: exactly these types (not a subclass, not a float).
_AS_IN_JSON = frozenset({str, int, bool, type(None)})


def chain_head(organization: Organization) -> dict[str, Any]:
    """The last entry of the organisation's chain ({} for an empty chain): what a signed or
    archived document records, so a later rewrite of the chain is caught by
    `erkt audit verify` even by someone holding the audit key."""
    last = AuditEntry.objects.filter(organization=organization).order_by("-seq").first()
    if last is None:
        return {}
    return {"id": last.pk, "seq": last.seq, "hash": last.hash}
