"""Who may read, edit and sign off the evaluation of an organisation's SOPs.

Read: the Kepala Badan, the Sekretaris, the Kasubbag Perencanaan, the Tim Perencanaan and
the organisation's administrators. Edit (and start the revision): the Kasubbag Perencanaan
and the Tim Perencanaan. Sign off: the Kepala Badan only. Outside the organisation: 404;
another role: 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from erkt.org.access import roles_of
from erkt.org.models import Role
from erkt.workflow.permissions import is_admin_of

READERS = frozenset({Role.KEPALA, Role.SEKRETARIS, Role.KASUBBAG_PERENCANAAN, Role.TIM_PERENCANAAN})
EDITORS = frozenset({Role.KASUBBAG_PERENCANAAN, Role.TIM_PERENCANAAN})


def may_read(user, organization_id: int) -> bool:
    return bool(roles_of(user) & READERS) or is_admin_of(user, organization_id)


def may_edit(user) -> bool:
    return bool(roles_of(user) & EDITORS)


def may_sign(user) -> bool:
    return Role.KEPALA in roles_of(user)


def require_reader(user, organization_id: int) -> None:
    if not may_read(user, organization_id):
        raise PermissionDenied


def require_editor(user) -> None:
    if not may_edit(user):
        raise PermissionDenied


def require_signer(user) -> None:
    if not may_sign(user):
        raise PermissionDenied
