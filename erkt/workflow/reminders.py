"""Reminders and escalations of open tasks (`erkt remind`, once each working day).

The SOP's Peringatan: each step must be finished within its waktu; a late step is a
warning that the people responsible and their superior must see. For every open task
of a running process, on a working day of the organisation:

- reminder: on the last working day before the due date, to the people who can act on
  the task (its claimant if claimed, else every eligible holder). Never on the day the
  task opened, so a step of one working day is reminded on its due date itself; a run
  missed on the day before is made up on the due date.
- escalation: once the due date has passed, to those people and to their superior
  (erkt.workflow.superiors), each person once.

Each (task pass, kind, person) is one notice: a Notification row, whose unique
constraint makes the daily run never repeat one. The notices are stored here and
sent after the commit by the channels each person chose (erkt.notifications: in the
app, by e-mail, by WhatsApp), through the task queue. A person without an e-mail
address is counted as skipped (they still get the notice in the app); one without an
active account gets nothing. On a day off the run sends nothing (cron may run it
every day).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from erkt.audit.log import record
from erkt.org.models import Employee, Organization
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.events import notices_created
from erkt.workflow.models import Notification, Process, ProcessSuspension, Task
from erkt.workflow.notices import task_facts
from erkt.workflow.permissions import who_can_act
from erkt.workflow.superiors import UnitTree, superior_employees

logger = logging.getLogger(__name__)

Kind = Notification.Kind


@dataclass
class Summary:
    """What one run did (or, with dry_run, would do)."""

    reminders: int = 0
    escalations: int = 0
    skipped: list[str] = field(default_factory=list)  # "name (task)" without an address
    failed: int = 0  # tasks whose sending failed; tried again on the next run
    days_off: list[str] = field(default_factory=list)  # organisations resting today

    def add(self, other: Summary) -> None:
        self.reminders += other.reminders
        self.escalations += other.escalations
        self.skipped += other.skipped
        self.failed += other.failed
        self.days_off += other.days_off


@dataclass(frozen=True)
class Recipient:
    employee: Employee
    to_superior: bool

    @property
    def active(self) -> bool:
        user = self.employee.user
        return user is not None and user.is_active

    @property
    def address(self) -> str:
        return self.employee.user.email if self.active else ""


def remind(organizations: list[Organization] | None = None, *, dry_run: bool = False) -> Summary:
    """Send the reminders and escalations due today in each organisation (default: all)."""
    if organizations is None:
        organizations = list(Organization.objects.order_by("short_name"))
    summary = Summary()
    with translation.override(settings.LANGUAGE_CODE):
        for organization in organizations:
            summary.add(remind_organization(organization, dry_run=dry_run))
    return summary


def remind_organization(organization: Organization, *, dry_run: bool = False) -> Summary:
    summary = Summary()
    calendar, today = WorkingCalendar(organization), today_for(organization)
    if not calendar.is_working_day(today):
        summary.days_off.append(organization.short_name)
        return summary
    tree = UnitTree(organization)
    # A reminder is due at most one working day ahead: later due dates wait for a later run.
    horizon = calendar.add_working_days(today, 2)
    for task in candidate_tasks(organization, horizon):
        kind = kind_due(task, today, calendar)
        if kind is None:
            continue
        try:
            _notify(task, kind, tree, today, calendar, summary, dry_run=dry_run)
        except Exception:
            # One task's failure (SMTP down, a broken address) must not stop the others.
            logger.exception("Pemberitahuan tugas %s gagal dikirim", task.pk)
            summary.failed += 1
    return summary


def candidate_tasks(organization: Organization, horizon: datetime.date) -> QuerySet[Task]:
    return (
        Task.objects.filter(
            process__organization=organization,
            process__status=Process.Status.RUNNING,
            status=Task.Status.OPEN,
            due_date__lt=horizon,
        )
        # A suspended process's clock stands still: no reminder, no escalation.
        .exclude(
            process__in=ProcessSuspension.objects.filter(ended_on__isnull=True).values("process")
        )
        .select_related(
            "process__organization",
            "process__sop_version",
            "step_run__step__actor",
            "unit",
            "position",
            "claimed_by__user",
        )
        .order_by("due_date", "pk")
    )


def kind_due(task: Task, today: datetime.date, calendar: WorkingCalendar) -> str | None:
    """Which notification the task calls for today, if any."""
    if today > task.due_date:
        return Kind.ESCALATION
    if today > task.opened_on and calendar.working_days_between(today, task.due_date) <= 1:
        return Kind.REMINDER
    return None


def recipients_of(task: Task, kind: str, tree: UnitTree) -> list[Recipient]:
    """The people who can act on the task, then (escalation) their superior; each once."""
    actors = who_can_act([task])[task.pk]
    people = [Recipient(e, to_superior=False) for e in actors]
    if kind == Kind.ESCALATION:
        people += [Recipient(e, to_superior=True) for e in superior_employees(tree, task.position)]
    unique: dict[int, Recipient] = {}
    for person in people:
        unique.setdefault(person.employee.pk, person)
    return list(unique.values())


def _notify(
    task: Task,
    kind: str,
    tree: UnitTree,
    today: datetime.date,
    calendar: WorkingCalendar,
    summary: Summary,
    *,
    dry_run: bool,
) -> None:
    """Store the task's notices of `kind` not stored yet, in one small transaction; the
    channels send them once it has committed."""
    people = recipients_of(task, kind, tree)
    with transaction.atomic():
        # Two runs at once: the second waits here, then finds the rows of the first.
        # The task may also have been completed since it was listed.
        still_open = Task.objects.filter(pk=task.pk, status=Task.Status.OPEN)
        if not dry_run and not list(
            still_open.select_for_update(of=("self",)).values_list("pk", flat=True)
        ):
            return
        sent = set(
            Notification.objects.filter(
                task=task, kind=kind, pass_number=task.pass_number
            ).values_list("recipient_id", flat=True)
        )
        actors = [p.employee for p in people if not p.to_superior]
        notices = []
        for person in people:
            if not person.active or person.employee.user.pk in sent:
                continue
            if not person.address:
                summary.skipped.append(f"{person.employee.full_name} ({task})")
            notices.append(build_message(task, kind, person, actors, today, calendar))
            if not dry_run:
                _store(notices[-1], person)
    if notices and not dry_run:
        notices_created.send(Notification, notification_ids=[n.pk for n in notices])
    count = len([n for n in notices if n.recipient.email])
    if kind == Kind.REMINDER:
        summary.reminders += count
    else:
        summary.escalations += count


def _store(notice: Notification, person: Recipient) -> None:
    notice.save()
    task = notice.task
    record(
        organization=task.process.organization,
        action=f"notification.{notice.kind}",
        obj=notice,
        after={
            "task": task.pk,
            "pass_number": task.pass_number,
            "recipient": person.employee.user.get_username(),
            "address": person.address,
            "to_superior": person.to_superior,
        },
    )


# --- The message -----------------------------------------------------------------------------


def task_url(task: Task) -> str:
    return settings.ERKT_PUBLIC_URL.rstrip("/") + reverse("workflow:task", args=[task.pk])


def build_message(
    task: Task,
    kind: str,
    person: Recipient,
    actors: list[Employee],
    today: datetime.date,
    calendar: WorkingCalendar,
) -> Notification:
    """The notice (not saved) of `kind` about the task for one person; its words are
    erkt.workflow.notices.render's."""
    facts = task_facts(task, days=abs(calendar.working_days_between(today, task.due_date)))
    if person.to_superior:
        facts["actors"] = ", ".join(e.full_name for e in actors) or "-"
    return Notification(
        process=task.process,
        task=task,
        kind=kind,
        pass_number=task.pass_number,
        recipient=person.employee.user,
        to_superior=person.to_superior,
        facts=facts,
    )
