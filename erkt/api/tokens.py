"""Issuing and revoking tokens, with an audit entry in the owner's organisation."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from erkt.api.models import ApiToken
from erkt.audit.log import record
from erkt.org.access import employee_of


def issue_token(
    user: Any, *, name: str = "", expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token of `user` and its secret (shown once, never stored)."""
    with transaction.atomic():
        token, secret = ApiToken.issue(user, name=name, expires_at=expires_at)
        _audit(token, by=user, action="api_token.issue")
    return token, secret


def revoke_token(token: ApiToken, *, by: Any) -> None:
    if not token.is_active:
        return
    with transaction.atomic():
        token.revoke()
        _audit(token, by=by, action="api_token.revoke")


def _audit(token: ApiToken, *, by: Any, action: str) -> None:
    # A token of an account outside every organisation has no chain to go into.
    employee = employee_of(token.user)
    if employee is None:
        return
    record(
        organization=employee.organization,
        user=by,
        action=action,
        obj=token,
        after={
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": token.expires_at,
            "revoked_at": token.revoked_at,
        },
    )
