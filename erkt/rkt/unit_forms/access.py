"""Who may read and who may change a unit's Form RKT.

A unit head sees only the form of the unit they head: another unit's form does
not exist for them (404, not 403). The planning line and the leadership read
every form; only the head of the unit (or the organisation's administrator,
acting for them) changes it.
"""

from __future__ import annotations

from erkt.org.access import positions_of, roles_of
from erkt.org.models import Position, Role
from erkt.rkt.unit_forms.models import FormRkt
from erkt.workflow.permissions import is_admin_of

READER_ROLES = frozenset(
    {Role.KEPALA, Role.SEKRETARIS, Role.KASUBBAG_PERENCANAAN, Role.TIM_PERENCANAAN}
)
# Who returns a form is decided by the engine (the role of the active step, the Tim);
# this only decides whether the overview offers the button.
RETURNER_ROLES = frozenset({Role.TIM_PERENCANAAN})


def head_position(user, form: FormRkt) -> Position | None:
    """The user's position heading the form's unit, if they hold it."""
    head_id = form.unit.head_position_id
    return next((p for p in positions_of(user) if head_id and p.pk == head_id), None)


def reads_all_forms(user, organization_id: int) -> bool:
    return bool(roles_of(user) & READER_ROLES) or is_admin_of(user, organization_id)


def can_read(user, form: FormRkt) -> bool:
    return head_position(user, form) is not None or reads_all_forms(
        user, form.process.organization_id
    )


def can_edit(user, form: FormRkt) -> bool:
    return head_position(user, form) is not None or is_admin_of(user, form.process.organization_id)


def acts_for_head(user, form: FormRkt) -> bool:
    """An administrator changing a unit's form: the sending asks them for a reason."""
    return head_position(user, form) is None and is_admin_of(user, form.process.organization_id)


def can_return(user, organization_id: int) -> bool:
    return bool(roles_of(user) & RETURNER_ROLES) or is_admin_of(user, organization_id)


def acts_for_returner(user, process) -> bool:
    """An administrator returning a form: the engine asks them for an on-behalf reason."""
    return not roles_of(user) & RETURNER_ROLES and is_admin_of(user, process.organization_id)
