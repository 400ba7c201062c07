"""Reminders and escalations of open tasks by e-mail (`erkt remind`, once each working day).

The SOP's Peringatan: each step must be finished within its waktu; a late step is a
warning that the people responsible and their superior must see. For every open task
of a running process, on a working day of the organisation:

- reminder: on the last working day before the due date, to the people who can act on
  the task (its claimant if claimed, else every eligible holder). Never on the day the
  task opened, so a step of one working day is reminded on its due date itself; a run
  missed on the day before is made up on the due date.
- escalation: once the due date has passed, to those people and to their superior
  (erkt.workflow.superiors), each person once.

Each (task pass, kind, person) is sent once: a Notification row records it, so the
daily run never repeats one. A person without an e-mail address (or without an
active account) is skipped and counted; nothing is stored for them, so they are
counted again on the next run until an address is recorded. On a day off the run
sends nothing (cron may run it every day).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.org.models import Employee, Organization
from erkt.org.templatetags.indonesian import format_tanggal
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.models import Notification, Process, Task
from erkt.workflow.permissions import eligible_employees
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
    def address(self) -> str:
        user = self.employee.user
        return user.email if user is not None and user.is_active else ""


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
    if task.claimed_by_id:
        actors = [task.claimed_by]
    else:
        actors = list(eligible_employees(task).select_related("user").order_by("pk"))
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
    """Send the task's notifications of `kind` not sent yet, in one small transaction."""
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
        messages = []
        for person in people:
            user = person.employee.user
            if user is not None and user.pk in sent:
                continue
            if not person.address:
                summary.skipped.append(f"{person.employee.full_name} ({task})")
                continue
            messages.append(build_message(task, kind, person, actors, today, calendar))
            if not dry_run:
                _store(task, kind, person)
        if messages and not dry_run:
            mail.get_connection().send_messages(messages)
    count = len(messages)
    if kind == Kind.REMINDER:
        summary.reminders += count
    else:
        summary.escalations += count


def _store(task: Task, kind: str, person: Recipient) -> None:
    notification = Notification.objects.create(
        task=task,
        kind=kind,
        pass_number=task.pass_number,
        recipient=person.employee.user,
        to_superior=person.to_superior,
        address=person.address,
        sent_at=timezone.now(),
    )
    record(
        organization=task.process.organization,
        action=f"notification.{kind}",
        obj=notification,
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
) -> mail.EmailMessage:
    step = task.step_run.step
    facts = {
        "process": str(task.process),
        "number": step.number,
        "step": step.uraian,
        "unit": task.unit.name if task.unit_id else step.actor.name,
        "due": format_tanggal(task.due_date),
        "days": abs(calendar.working_days_between(today, task.due_date)),
    }
    if kind == Kind.REMINDER:
        subject = _("[e-RKT] Pengingat: langkah %(number)s jatuh tempo %(due)s") % facts
    else:
        subject = _("[e-RKT] Terlambat %(days)s hari kerja: langkah %(number)s") % facts
    body = "\n\n".join(
        [
            _("Yth. %(name)s,") % {"name": person.employee.full_name},
            _intro(kind, person, actors),
            _facts(kind, facts),
            _("Buka tugas: %(url)s") % {"url": task_url(task)},
            _("Pesan ini dikirim otomatis oleh e-RKT %(organization)s.")
            % {"organization": task.process.organization.name},
        ]
    )
    return mail.EmailMessage(subject, body + "\n", to=[person.address])


def _intro(kind: str, person: Recipient, actors: list[Employee]) -> str:
    if kind == Kind.REMINDER:
        return _("Batas waktu tugas berikut sudah dekat. Mohon diselesaikan tepat waktu.")
    if not person.to_superior:
        return _("Tugas berikut telah melewati batas waktu menurut SOP. Mohon segera diselesaikan.")
    names = ", ".join(e.full_name for e in actors) or "-"
    return _(
        "Tugas berikut di unit yang Anda bawahi telah melewati batas waktu menurut SOP. "
        "Pelaksana: %(names)s. Mohon perhatian Anda."
    ) % {"names": names}


def _facts(kind: str, facts: dict) -> str:
    if kind == Kind.ESCALATION:
        time_line = _("Keterlambatan: %(days)s hari kerja") % facts
    elif facts["days"]:
        time_line = _("Sisa waktu: %(days)s hari kerja") % facts
    else:
        time_line = _("Sisa waktu: jatuh tempo hari ini")
    return "\n".join(
        [
            _("Proses: %(process)s") % facts,
            _("Langkah: %(number)s. %(step)s") % facts,
            _("Unit kerja: %(unit)s") % facts,
            _("Batas waktu: %(due)s") % facts,
            time_line,
        ]
    )
