"""A change of the local calendar moves the open deadlines it touches.

Before a CalendarDay is saved or deleted, `open_deadlines_around` notes each open task
(of a running process) whose window (opened_on, due_date] holds the changed date, with
its working days under the old calendar; afterwards `recompute_open_deadlines` gives it
the due date those working days reach under the new calendar, records it in the audit
log and tells the holders of the task's position by e-mail.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core import mail
from django.db.models import Q
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.org.models import Organization
from erkt.org.templatetags.indonesian import format_tanggal
from erkt.workflow.calendar import WorkingCalendar
from erkt.workflow.models import Process, StepRun, Task
from erkt.workflow.reminders import task_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """The open tasks a calendar change may move, with their working days before it."""

    organization_id: int
    working_days: dict[int, int]


def open_deadlines_around(organization_id: int, days: Iterable[datetime.date]) -> Snapshot:
    """Note the open tasks whose window holds one of `days`, counted on today's calendar."""
    windows = Q()
    for day in set(days):
        windows |= Q(opened_on__lt=day, due_date__gte=day)
    if not windows:
        return Snapshot(organization_id, {})
    tasks = Task.objects.filter(
        windows,
        process__organization_id=organization_id,
        process__status=Process.Status.RUNNING,
        status=Task.Status.OPEN,
    ).values_list("pk", "opened_on", "due_date")
    calendar = WorkingCalendar(Organization.objects.get(pk=organization_id))
    counts = {pk: calendar.working_days_between(opened, due) for pk, opened, due in tasks}
    return Snapshot(organization_id, counts)


def recompute_open_deadlines(snapshot: Snapshot, *, by: Any = None) -> list[Task]:
    """Move the noted tasks to the due date their working days reach on the new calendar.

    Returns the tasks whose due date changed; each gets an audit entry and its people
    an e-mail. The step run of a moved task follows it.
    """
    if not snapshot.working_days:
        return []
    organization = Organization.objects.get(pk=snapshot.organization_id)  # the new token
    calendar = WorkingCalendar(organization)
    moved = []
    tasks = Task.objects.filter(pk__in=snapshot.working_days, status=Task.Status.OPEN)
    for task in tasks.select_related("process", "step_run__step", "position"):
        task.process.organization = organization
        due = calendar.add_working_days(task.opened_on, snapshot.working_days[task.pk])
        if due == task.due_date:
            continue
        before, task.due_date = task.due_date, due
        task.save(update_fields=["due_date"])
        StepRun.objects.filter(
            pk=task.step_run_id, status=StepRun.Status.ACTIVE, due_date=before
        ).update(due_date=due)
        record(
            organization=organization,
            user=by,
            action="task.recompute_due",
            obj=task,
            before={"due_date": before},
            after={"due_date": due},
            reason=_("Kalender hari kerja diubah."),
        )
        _notify(task, before)
        moved.append(task)
    return moved


def _notify(task: Task, before: datetime.date) -> None:
    """E-mail the holders of the task's position who have an address."""
    addresses = sorted(
        {
            employee.user.email
            for employee in task.eligible_employees().select_related("user")
            if employee.user is not None and employee.user.is_active and employee.user.email
        }
    )
    if not addresses:
        return
    facts = {
        "number": task.step_run.number,
        "step": task.step_run.step.uraian,
        "process": str(task.process),
        "before": format_tanggal(before),
        "due": format_tanggal(task.due_date),
        "explanation": task.due_explanation,
        "url": task_url(task),
    }
    subject = _("[e-RKT] Batas waktu langkah %(number)s berubah menjadi %(due)s") % facts
    body = (
        _(
            "Kalender hari kerja diubah oleh administrator. Batas waktu tugas berikut "
            "berubah.\n\n%(process)s, langkah %(number)s: %(step)s\n"
            "Batas waktu lama: %(before)s\nBatas waktu baru: %(due)s (%(explanation)s)\n\n"
            "Buka tugas: %(url)s\n"
        )
        % facts
    )
    try:
        mail.send_mass_mail([(subject, body, None, [address]) for address in addresses])
    except OSError:
        # The new deadline stands; a mail server down must not undo the calendar change.
        logger.exception("could not send the deadline change of task %s", task.pk)
