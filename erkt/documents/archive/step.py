"""The archiving step as a step action: its output is the process's Berkas.

An SOP app registers it (or a subclass) under its step's action key, e.g. step 11
of the RKT SOP as "rkt.arsip" (erkt/rkt/archive_step.py). The archive pages find the
open task of such a step to know who may archive the process now.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from erkt.workflow import actions
from erkt.workflow.actions import StepAction
from erkt.workflow.errors import Conflict, NotAllowed
from erkt.workflow.models import Process, Task


class ArchiveStep(StepAction):
    """Completes only when the Berkas exists; creating the Berkas completes the task."""

    def missing_output(self, task: Task) -> str | None:
        from erkt.documents.archive.models import Berkas

        if Berkas.objects.filter(process_id=task.process_id).exists():
            return None
        return task.step.output or _("Berkas arsip")

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        return [(_("Isi Berkas arsip"), reverse("archive:create", args=[task.process_id]))]


def archive_task(process: Process) -> Task | None:
    """The open task of the process's archiving step, if one is open now."""
    if not process.is_running:
        return None
    tasks = process.tasks.filter(status=Task.Status.OPEN).select_related(
        "step_run__step", "position", "unit", "claimed_by"
    )
    for task in tasks:
        if isinstance(actions.get(task.step.action), ArchiveStep):
            task.process = process
            return task
    return None


def require_archive_task(process: Process, user: Any) -> Task:
    """The archiving task `user` may complete now, or the error saying why not."""
    task = archive_task(process)
    if task is None:
        raise Conflict(_("Langkah pengarsipan tidak sedang berjalan untuk proses ini."))
    if not task.can_be_completed_by(user):
        raise NotAllowed(_("Hanya pelaksana langkah pengarsipan yang dapat membuat Berkas arsip."))
    return task
