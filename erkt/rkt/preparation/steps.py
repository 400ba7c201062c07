"""Steps 1-3 found by their action keys, and who may edit their content now."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from erkt.sop.models import SopStep
from erkt.workflow.models import Process, Task

DISPOSISI = "rkt.disposisi"
RENCANA = "rkt.rencana"
SOSIALISASI = "rkt.sosialisasi"


def step_of(process: Process, key: str) -> SopStep:
    """The step of the process's SOP version bound to `key` (404 for an SOP without it)."""
    step = process.sop_version.steps.select_related("actor").filter(action=key).first()
    if step is None:
        raise Http404
    return step


def open_task(process: Process, key: str) -> Task | None:
    """The step's open task, if the step is running now."""
    if not process.is_running:
        return None
    task = (
        Task.objects.filter(process=process, step_run__step__action=key, status=Task.Status.OPEN)
        .select_related("step_run__step", "position", "unit", "claimed_by")
        .first()
    )
    if task is not None:
        task.process = process
    return task


def editing_task(process: Process, key: str, user) -> Task | None:
    """The open task of the step when `user` is its actor (the one who may edit), else None."""
    task = open_task(process, key)
    return task if task is not None and task.can_be_completed_by(user) else None


def require_editing_task(process: Process, key: str, user) -> Task:
    task = editing_task(process, key, user)
    if task is None:
        raise PermissionDenied
    return task
