"""Who may read and who may change a unit's Form RKT.

A unit head sees only the form of the unit they head: another unit's form does
not exist for them (404, not 403). The planning line and the leadership read
every form; only the head of the unit (or the organisation's administrator,
acting for them) changes it.
"""

from __future__ import annotations

from django.urls import reverse

from erkt.org.access import positions_of, roles_of
from erkt.org.models import Position, Role
from erkt.rkt.unit_forms.models import FormRkt
from erkt.workflow.models import Process
from erkt.workflow.permissions import is_admin_of, oversees_every_unit

# Who returns a form is decided by the engine (the role of the active step, the Tim);
# this only decides whether the overview offers the button.
RETURNER_ROLES = frozenset({Role.TIM_PERENCANAAN})


def head_position(user, form: FormRkt) -> Position | None:
    """The user's position heading the form's unit, if they hold it."""
    head_id = form.unit.head_position_id
    return next((p for p in positions_of(user) if head_id and p.pk == head_id), None)


def reads_all_forms(user, organization_id: int) -> bool:
    """Those who oversee every unit's work read every unit's form (as its tasks)."""
    return oversees_every_unit(user, organization_id)


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


def heads_a_form_unit(user) -> bool:
    """The user heads a unit that fills a Form RKT (read from the cached positions: no query)."""
    return any(
        position.unit.head_position_id == position.pk and position.unit.fills_form_rkt
        for position in positions_of(user)
    )


def works_on_forms(user, organization_id: int) -> bool:
    """Whether "Form RKT" belongs in the user's menu: they read every form or fill one."""
    return reads_all_forms(user, organization_id) or heads_a_form_unit(user)


def current_form_url(user, organization_id: int) -> str | None:
    """The Form RKT page of the running process for the user, None before forms are issued.

    The planning line, the leadership and the administrator get the overview of
    every unit's form; a unit head the form of the unit they head.
    """
    forms = FormRkt.objects.filter(
        process__organization_id=organization_id, process__status=Process.Status.RUNNING
    ).order_by("-process__year", "-process_id")
    if reads_all_forms(user, organization_id):
        process_id = forms.values_list("process_id", flat=True).first()
        return reverse("rkt:forms_overview", args=[process_id]) if process_id else None
    headed = [position.pk for position in positions_of(user)]
    pk = forms.filter(unit__head_position__in=headed).values_list("pk", flat=True).first()
    return reverse("rkt:unit_form", args=[pk]) if pk else None
