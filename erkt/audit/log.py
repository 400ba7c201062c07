"""Append entries to the audit chain: `record(...)`, the one way to write the log."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from erkt.audit.models import AuditChain, AuditEntry
from erkt.org.models import Organization, Position

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
    """
    with transaction.atomic():
        head = _locked_head(organization)
        entry = AuditEntry(
            organization=organization,
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            user=user if user is not None and user.is_authenticated else None,
            user_repr=_user_repr(user),
            position=position,
            position_repr=str(position)[:200] if position else "",
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:REPR_LENGTH] if obj is not None else "",
            before=_jsonable(before),
            after=_jsonable(after),
            reason=reason or "",
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
        head.last_seq = entry.seq
        head.last_hash = entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _locked_head(organization: Organization) -> AuditChain:
    chains = AuditChain.objects.select_for_update()
    try:
        return chains.get(organization=organization)
    except AuditChain.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            AuditChain.objects.create(organization=organization)
    except IntegrityError:
        pass  # created by a concurrent first append; lock theirs
    return chains.get(organization=organization)


def _user_repr(user: Any) -> str:
    if user is None or not user.is_authenticated:
        return ""
    employee = getattr(user, "employee", None)
    name = employee.full_name if employee is not None else user.get_full_name()
    return f"{user.get_username()} ({name})"[:200] if name else user.get_username()


def _jsonable(value: Any) -> Any:
    # Stored exactly as hashed: round-trip through JSON so dates etc. are strings already.
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def chain_head(organization: Organization) -> dict[str, Any]:
    """The last entry of the organisation's chain ({} for an empty chain): what a signed or
    archived document records, so a later rewrite of the chain is caught by
    `erkt audit verify` even by someone holding the audit key."""
    last = AuditEntry.objects.filter(organization=organization).order_by("-seq").first()
    if last is None:
        return {}
    return {"id": last.pk, "seq": last.seq, "hash": last.hash}
