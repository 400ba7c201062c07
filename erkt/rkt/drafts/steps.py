"""The SOP steps that work on the Draft RKT, and who may act on them now."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from erkt.org.models import Unit
from erkt.workflow.errors import Conflict, NotAllowed
from erkt.workflow.models import Process, Task

KOMPILASI, KOREKSI_UNIT, SUSUN_DRAFT, KOREKSI_SEKRETARIS, PENGESAHAN = 6, 7, 8, 9, 10
REVIEW_STEPS = (KOREKSI_SEKRETARIS, PENGESAHAN)


def open_tasks(process: Process, number: int, unit: Unit | None = None) -> QuerySet[Task]:
    tasks = Task.objects.filter(
        process=process, step_run__number=number, status=Task.Status.OPEN
    ).select_related("step_run__step", "position", "unit")
    return tasks.filter(unit=unit) if unit is not None else tasks


def actor_task(process: Process, number: int, user, unit: Unit | None = None) -> Task | None:
    """The open task of step `number` that `user` may complete now, if any."""
    if not process.is_running:
        return None
    for task in open_tasks(process, number, unit):
        task.process = process
        if task.can_be_completed_by(user):
            return task
    return None


def require_actor(process: Process, number: int, user, unit: Unit | None = None) -> Task:
    """The user's open task of the step, or the error saying why they cannot act."""
    task = actor_task(process, number, user, unit)
    if task is not None:
        return task
    if not process.is_running or not open_tasks(process, number, unit).exists():
        raise Conflict(_("Langkah %(number)s tidak sedang berjalan.") % {"number": number})
    raise NotAllowed(_("Anda bukan pelaksana langkah %(number)s.") % {"number": number})
