"""Notices: who is told what about an event, and the words of each notice.

A notice (Notification) stores the facts of its event (step, unit, due date, reason...)
as they were; its subject and text are rendered from them in the reader's language
when shown or sent, so the English interface reads English. E-mail and WhatsApp
(erkt.notifications) send the same words.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from erkt.org.access import employee_of
from erkt.org.models import Employee
from erkt.org.templatetags.indonesian import format_tanggal
from erkt.workflow.models import Notification, Process, Task
from erkt.workflow.permissions import who_can_act

Kind = Notification.Kind


@dataclass(frozen=True)
class Message:
    subject: str  # one line: the in-app title, the e-mail subject
    body: str  # the e-mail body (without greeting and footer)
    url: str  # absolute link to the task or the process


# --- The facts of an event -------------------------------------------------------------------


def task_facts(task: Task, **extra: Any) -> dict[str, Any]:
    step = task.step_run.step
    return {
        "process": str(task.process),
        "number": step.number,
        "step": step.uraian,
        "unit": task.unit.name if task.unit_id else step.actor.name,
        "due": task.due_date.isoformat(),
        "pass": task.pass_number,
        "path": reverse("workflow:task", args=[task.pk]),
        **extra,
    }


def process_facts(process: Process, **extra: Any) -> dict[str, Any]:
    return {
        "process": str(process),
        "path": reverse("workflow:process", args=[process.pk]),
        **extra,
    }


def name_of(user: Any) -> str:
    if user is None:
        return ""
    employee = employee_of(user)
    return employee.full_name if employee else user.get_username()


# --- Who is told (the worker calls these after the engine's transaction) --------------------


def notify_tasks_opened(task_ids: Iterable[int], kind: str, reason: str, by: str) -> list[int]:
    """Store a notice for each person who can act on each still-open task; their ids.

    Idempotent: a notice already stored (a retried job) is kept, and its id returned.
    """
    tasks = list(
        Task.objects.filter(pk__in=list(task_ids), status=Task.Status.OPEN)
        .select_related("process__sop_version", "step_run__step__actor", "unit", "position")
        .order_by("pk")
    )
    actors = who_can_act(tasks)
    extra = {"reason": reason, "by": by} if reason or by else {}
    rows = [
        Notification(
            process=task.process,
            task=task,
            kind=kind,
            pass_number=task.pass_number,
            recipient=employee.user,
            facts=task_facts(task, **extra),
        )
        for task in tasks
        for employee in actors[task.pk]
        if employee.user is not None and employee.user.is_active
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Notification.objects.filter(task__in=tasks, kind=kind).values_list("pk", flat=True))


def notify_process(process_id: int, kind: str, facts: dict[str, Any]) -> list[int]:
    """Store a notice of a process event for every active member of its organisation."""
    process = Process.objects.select_related("sop_version").get(pk=process_id)
    people = (
        Employee.objects.filter(
            organization_id=process.organization_id,
            user__is_active=True,
            positions__isnull=False,
        )
        .select_related("user")
        .distinct()
    )
    rows = [
        Notification(
            process=process,
            kind=kind,
            recipient=employee.user,
            facts={**process_facts(process), **facts},
        )
        for employee in people
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Notification.objects.filter(process=process, task=None, kind=kind).values_list(
            "pk", flat=True
        )
    )


# --- The words -------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.ERKT_PUBLIC_URL.rstrip("/") + path


def render(notification: Notification) -> Message:
    """Subject, body and link of a notice, in the active language."""
    facts = dict(notification.facts)
    if facts.get("due"):
        facts["due"] = format_tanggal(datetime.date.fromisoformat(facts["due"]))
    url = absolute(facts.get("path", "/"))
    kind = notification.kind
    if kind in (Kind.REMINDER, Kind.ESCALATION):
        return Message(_reminder_subject(kind, facts), _reminder_body(notification, facts), url)
    if kind == Kind.SIGNED:
        subject = _("[e-RKT] %(process)s telah ditandatangani") % facts
        body = _("%(process)s telah ditandatangani dan ditetapkan.") % facts
        return Message(subject, body, url)
    if kind == Kind.ARCHIVED:
        subject = _("[e-RKT] %(process)s selesai dan diarsipkan") % facts
        body = _("%(process)s selesai dan diarsipkan dalam berkas %(nomor_berkas)s.") % {
            "nomor_berkas": "-",
            **facts,
        }
        return Message(subject, body, url)
    if kind == Kind.RETURNED:
        subject = _("[e-RKT] Dikembalikan untuk diperbaiki: langkah %(number)s") % facts
        intro = _("Tugas berikut dikembalikan kepada Anda oleh %(by)s dengan alasan:") % facts
    elif kind == Kind.REJECTED:
        subject = _("[e-RKT] Keputusan tidak: langkah %(number)s dibuka kembali") % facts
        intro = _("%(by)s memutuskan tidak; langkah berikut dibuka kembali dengan catatan:") % facts
    else:
        subject = _("[e-RKT] Tugas baru: langkah %(number)s") % facts
        intro = _("Tugas berikut menunggu Anda.")
    lines = [intro]
    if facts.get("reason"):
        lines.append(f"\u201c{facts['reason']}\u201d")
    lines.append(_task_lines(facts))
    return Message(subject, "\n\n".join(lines), url)


def email_text(notification: Notification, name: str) -> tuple[str, str]:
    """(subject, body) of the e-mail of one notice to `name`."""
    message = render(notification)
    body = "\n\n".join(
        [
            _("Yth. %(name)s,") % {"name": name},
            message.body,
            _("Buka tugas: %(url)s") % {"url": message.url}
            if notification.task_id
            else _("Buka: %(url)s") % {"url": message.url},
            footer(notification),
        ]
    )
    return message.subject, body + "\n"


def footer(notification: Notification) -> str:
    return _("Pesan ini dikirim otomatis oleh e-RKT %(organization)s.") % {
        "organization": notification.process.organization.name
    }


def _task_lines(facts: dict[str, Any]) -> str:
    return "\n".join(
        [
            _("Proses: %(process)s") % facts,
            _("Langkah: %(number)s. %(step)s") % facts,
            _("Unit kerja: %(unit)s") % facts,
            _("Batas waktu: %(due)s") % facts,
        ]
    )


def _reminder_subject(kind: str, facts: dict[str, Any]) -> str:
    if kind == Kind.REMINDER:
        return _("[e-RKT] Pengingat: langkah %(number)s jatuh tempo %(due)s") % facts
    return _("[e-RKT] Terlambat %(days)s hari kerja: langkah %(number)s") % facts


def _reminder_body(notification: Notification, facts: dict[str, Any]) -> str:
    kind = notification.kind
    if kind == Kind.REMINDER:
        intro = _("Batas waktu tugas berikut sudah dekat. Mohon diselesaikan tepat waktu.")
        if facts["days"]:
            time_line = _("Sisa waktu: %(days)s hari kerja") % facts
        else:
            time_line = _("Sisa waktu: jatuh tempo hari ini")
    else:
        time_line = _("Keterlambatan: %(days)s hari kerja") % facts
        if notification.to_superior:
            intro = _(
                "Tugas berikut di unit yang Anda bawahi telah melewati batas waktu menurut SOP. "
                "Pelaksana: %(names)s. Mohon perhatian Anda."
            ) % {"names": facts.get("actors") or "-"}
        else:
            intro = _(
                "Tugas berikut telah melewati batas waktu menurut SOP. Mohon segera diselesaikan."
            )
    return "\n\n".join([intro, _task_lines(facts) + "\n" + time_line])


def label(notification: Notification) -> str:
    """The notice's kind as the list shows it ("Terlambat" for a late task's own holder)."""
    if notification.kind == Kind.ESCALATION and not notification.to_superior:
        return _("Terlambat")
    return notification.get_kind_display()
