"""Lookups and access checks of the Draft RKT pages.

Every signed-in pegawai of the organisation may read the RKT, its versions,
diffs and corrections; only the actor of the open step writes. Another
organisation's process is a 404, like a unit's review page for anyone but the
unit's head.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from erkt.compiled_sql import Shape
from erkt.org.access import employee_of, roles_of
from erkt.org.models import Unit
from erkt.rkt.drafts.models import DraftRkt
from erkt.rkt.drafts.steps import actor_task
from erkt.workflow.models import Process, Task
from erkt.workflow.pages import readable_first


def _process(*scope: int):
    """The process by pk (the last value), of an organisation (the first, when two)."""
    *organization, pk = scope
    processes = Process.objects.select_related("organization", "sop_version")
    if organization:
        processes = processes.filter(organization_id=organization[0])
    return processes.filter(pk=pk).order_by()[:1]


PROCESS_OF_ORGANIZATION = Shape(lambda organization_id, pk: _process(organization_id, pk))
PROCESS_OF_ANY_ORGANIZATION = Shape(lambda pk: _process(pk))


def get_process(request: HttpRequest, process_id: int) -> Process:
    # A Pemkab reader reads every OPD's RKT (erkt.workflow.pages.readable_organization);
    # the lookup is compiled once (erkt.compiled_sql).
    process = readable_first(
        request.user, PROCESS_OF_ORGANIZATION, PROCESS_OF_ANY_ORGANIZATION, process_id
    )
    if process is None:
        raise Http404
    return process


def get_version(process: Process, number: int) -> DraftRkt:
    return get_object_or_404(
        DraftRkt.objects.select_related("created_by__employee", "frozen_by__employee"),
        process=process,
        number=number,
    )


def own_unit(request: HttpRequest, process: Process, unit_id: int) -> Unit:
    """A unit whose head the user is; any other unit is a 404, so nothing of it shows."""
    unit = (
        Unit.objects.filter(pk=unit_id, organization_id=process.organization_id)
        .select_related("head_position")
        .first()
    )
    employee = employee_of(request.user)
    if unit is None or unit.head_position is None or employee is None:
        raise Http404
    if not unit.head_position.holders.filter(pk=employee.pk).exists():
        raise Http404
    return unit


class StepClosed(Exception):
    """The user acts on this step, but it is not open for them now."""


def step_task(request: HttpRequest, process: Process, numbers: tuple[int, ...]) -> Task:
    """The user's open task of one of the steps.

    Raises PermissionDenied for someone whose role never acts on these steps,
    StepClosed for the actor when the step is not open now.
    """
    for number in numbers:
        task = actor_task(process, number, request.user)
        if task is not None:
            return task
    roles = set(
        process.sop_version.steps.filter(number__in=numbers).values_list("actor__role", flat=True)
    )
    if roles & roles_of(request.user):
        raise StepClosed
    raise PermissionDenied
