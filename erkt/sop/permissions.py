"""Who may change an SOP of their organisation, and who approves it (pengesahan)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from erkt.org.access import is_admin_of, organization_of, roles_of
from erkt.org.models import Organization, Position, Role, Substitution
from erkt.org.substitutes import acting_kind
from erkt.sop.models import Sop
from erkt.workflow.permissions import position_with_role

EDITOR_ROLES = frozenset({Role.KASUBBAG_PERENCANAAN, Role.TIM_PERENCANAAN})


def may_edit(user: Any, organization: Organization) -> bool:
    """The Kasubbag Perencanaan, the Tim Perencanaan and the organisation's administrators."""
    return bool(roles_of(user) & EDITOR_ROLES) or is_admin_of(user, organization.pk)


def approver_position(user: Any, organization: Organization) -> Position | None:
    """The Kepala's position the user signs in: their own or as Plt. (never as Plh.: a
    Plh. takes no strategic decision, as for the RKT); None when they may not approve."""
    position = position_with_role(user, organization.pk, Role.KEPALA)
    if position is None or acting_kind(position) == Substitution.Kind.PLH:
        return None
    return position


def editable_sop(request, code: str) -> Sop:
    """An SOP of the user's organisation they may edit (404 for another's, 403 otherwise)."""
    organization = organization_of(request.user)
    sop = get_object_or_404(Sop, organization=organization, code=code)
    if not may_edit(request.user, organization):
        raise PermissionDenied
    return sop


def approvable_sop(request, code: str) -> tuple[Sop, Position]:
    organization = organization_of(request.user)
    sop = get_object_or_404(Sop, organization=organization, code=code)
    position = approver_position(request.user, organization)
    if position is None:
        raise PermissionDenied
    return sop, position
