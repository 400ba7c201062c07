"""Processes (pelaksanaan SOP), their step runs and tasks, attachments and the local calendar.

State changes go through erkt.workflow.engine only; these models carry the state
rules that views and the API read (overdue, remaining working days, who may act).
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from erkt.compiled_sql import Shape
from erkt.org.models import Employee, Organization, Position, Substitution, Unit
from erkt.sop.models import Sop, SopStep, SopVersion
from erkt.workflow import calendar, deadlines


class Process(models.Model):
    """One run of an SOP version for a subject (the RKT year) in an organisation."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Berjalan")
        COMPLETED = "completed", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="processes", verbose_name=_("perangkat daerah")
    )
    # Denormalised from sop_version so the database can enforce one running process per SOP.
    sop = models.ForeignKey(Sop, models.PROTECT, related_name="processes", verbose_name=_("SOP"))
    sop_version = models.ForeignKey(
        SopVersion, models.PROTECT, related_name="processes", verbose_name=_("versi SOP")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    start_date = models.DateField(_("tanggal mulai"))
    planned_end = models.DateField(_("rencana selesai"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RUNNING
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dimulai oleh")
    )
    started_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    completed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibatalkan oleh"),
    )
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)
    # A Perubahan RKT: the Kepala revises a signed, archived year (1, 2, ...); 0 for the
    # year's own process.
    revision = models.PositiveSmallIntegerField(_("perubahan ke"), default=0)
    revision_reason = models.TextField(_("alasan perubahan"), blank=True)
    # {"<step number>": working days}: a plan may tighten a step's waktu, never extend it.
    step_working_days = models.JSONField(
        _("waktu langkah yang diperketat"),
        default=dict,
        blank=True,
        help_text=_("Hari kerja per nomor langkah, bila rencana lebih singkat dari waktu SOP."),
    )

    class Meta:
        verbose_name = _("pelaksanaan SOP")
        verbose_name_plural = _("pelaksanaan SOP")
        ordering = ["-year", "-start_date", "-pk"]
        indexes = [
            # The running processes of one organisation (the Kotak Tugas, its badge).
            models.Index(fields=["organization", "status"], name="process_organization_status"),
            # The years of every OPD's RKT (the Pemkab's year picker), newest first: one
            # index step per year (erkt.pemkab.overview.years), not a read of every process.
            # Its condition always holds (revision is never negative) and only years()
            # states it: SQLite, which keeps no statistics, would otherwise take this index
            # for every lookup of an organisation's year (900 processes a year at 900 OPDs)
            # instead of the organisation's own index.
            models.Index(
                fields=["year", "sop"],
                condition=models.Q(revision__gte=0),
                name="process_year_sop",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "sop", "year"],
                condition=models.Q(status="running"),
                name="process_one_running_per_sop_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sop_version.judul} {self.year_label}"

    @property
    def year_label(self) -> str:
        """ "2027", or "2027 — Perubahan 1" for a revision of a signed year."""
        if not self.revision:
            return str(self.year)
        return _("%(year)s — Perubahan %(number)s") % {"year": self.year, "number": self.revision}

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING

    def today(self) -> datetime.date:
        return calendar.today_for(self.organization)

    @cached_property
    def working_calendar(self) -> calendar.WorkingCalendar:
        """The organisation's calendar, read once for all the deadlines shown with a process."""
        return calendar.WorkingCalendar(self.organization)

    def working_days_for(self, step: SopStep) -> int:
        """The step's waktu in this process: the SOP's, or the shorter limit of the plan."""
        return limited_working_days(step, self.step_working_days)

    def active_step_runs(self) -> models.QuerySet[StepRun]:
        return self.step_runs.filter(status=StepRun.Status.ACTIVE)

    def open_tasks(self) -> models.QuerySet[Task]:
        return self.tasks.filter(status=Task.Status.OPEN)

    @cached_property
    def current_suspension(self) -> ProcessSuspension | None:
        """The suspension under way (the process clock is stopped), else None."""
        found = OPEN_SUSPENSION.rows(self.pk)
        if not found:
            return None
        found[0].process = self  # as self.suspensions sets it
        return found[0]

    @property
    def is_suspended(self) -> bool:
        return self.is_running and self.current_suspension is not None

    def can_be_viewed_by(self, user) -> bool:
        """Every signed-in user of the organisation may follow a process; only assignees act."""
        from erkt.workflow.permissions import is_member_of

        return is_member_of(user, self.organization_id)


class ProcessSuspension(models.Model):
    """A stop of a running process's clock (e.g. "menunggu pagu anggaran").

    While one is open (no `ended_on`) no task can be completed; on resume the open tasks'
    due dates move by the working days in (started_on, ended_on] (`working_days`), and
    monitoring counts those days apart from the passes' working days.
    """

    process = models.ForeignKey(
        Process, models.CASCADE, related_name="suspensions", verbose_name=_("proses")
    )
    reason = models.TextField(_("alasan penangguhan"))
    started_at = models.DateTimeField(_("ditangguhkan pada"), default=timezone.now)
    started_on = models.DateField(_("ditangguhkan sejak"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    ended_at = models.DateTimeField(_("dilanjutkan pada"), null=True, blank=True)
    ended_on = models.DateField(_("dilanjutkan sejak"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dilanjutkan oleh"),
    )
    working_days = models.PositiveSmallIntegerField(
        _("hari kerja ditangguhkan"), default=0, help_text=_("Dihitung saat dilanjutkan.")
    )

    class Meta:
        verbose_name = _("penangguhan proses")
        verbose_name_plural = _("penangguhan proses")
        ordering = ["process", "started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process"],
                condition=models.Q(ended_on__isnull=True),
                name="process_one_open_suspension",
            )
        ]

    def __str__(self) -> str:
        return f"{self.process}: {self.reason}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


# Process.current_suspension, compiled once (erkt.compiled_sql); ordered on its own
# columns: Meta.ordering's "process" would join the process.
OPEN_SUSPENSION = Shape(
    lambda process_id: ProcessSuspension.objects.filter(
        process_id=process_id, ended_on__isnull=True
    ).order_by("started_at", "pk")[:1]
)


class StepRun(models.Model):
    """The state of one SOP step within a process, over all its passes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        ACTIVE = "active", _("Berjalan")
        DONE = "done", _("Selesai")

    process = models.ForeignKey(Process, models.CASCADE, related_name="step_runs")
    step = models.ForeignKey(SopStep, models.PROTECT, related_name="+", verbose_name=_("langkah"))
    number = models.PositiveSmallIntegerField(_("no"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    passes = models.PositiveSmallIntegerField(
        _("putaran"), default=0, help_text=_("Berapa kali langkah ini sudah dibuka.")
    )
    planned_start = models.DateField(_("rencana mulai"), null=True, blank=True)
    planned_due = models.DateField(_("rencana batas waktu"), null=True, blank=True)
    opened_on = models.DateField(_("dibuka pada"), null=True, blank=True)
    due_date = models.DateField(_("batas waktu"), null=True, blank=True)
    completed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("langkah pelaksanaan")
        verbose_name_plural = _("langkah pelaksanaan")
        ordering = ["process", "number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "step"], name="step_run_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.process} - {self.step}"

    @property
    def overdue(self) -> bool:
        return (
            self.status == self.Status.ACTIVE
            and self.process.is_running
            and _is_past(self.due_date, self.process)
        )

    @property
    def remaining_working_days(self) -> int | None:
        """Working days from today to the due date; 0 on the due date, negative when late."""
        if self.status != self.Status.ACTIVE or not self.process.is_running:
            return None
        return _remaining(self.due_date, self.process)

    @property
    def planned_explanation(self) -> str:
        """Why the planned due date falls where it does ("" without a plan)."""
        return _explanation(self.process, self.planned_start, self.planned_due)


class Task(models.Model):
    """Work of one position (or one unit's head) for one pass of a step."""

    class Status(models.TextChoices):
        OPEN = "open", _("Terbuka")
        DONE = "done", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")
        WITHDRAWN = "withdrawn", _("Ditarik kembali")

    class Decision(models.TextChoices):
        YA = "ya", _("Ya")
        TIDAK = "tidak", _("Tidak")

    process = models.ForeignKey(Process, models.CASCADE, related_name="tasks")
    step_run = models.ForeignKey(StepRun, models.CASCADE, related_name="tasks")
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit kerja")
    )
    position = models.ForeignKey(
        Position, models.PROTECT, related_name="workflow_tasks", verbose_name=_("jabatan")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    pass_number = models.PositiveSmallIntegerField(_("putaran"), default=1)
    opened_on = models.DateField(_("dibuka pada"))
    due_date = models.DateField(_("batas waktu"))
    return_reason = models.TextField(
        _("catatan koreksi"), blank=True, help_text=_("Alasan langkah ini dibuka kembali.")
    )
    claimed_by = models.ForeignKey(
        Employee,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="claimed_tasks",
        verbose_name=_("dikerjakan oleh"),
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diselesaikan oleh"),
    )
    completed_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    on_behalf_reason = models.TextField(_("alasan bertindak atas nama"), blank=True)
    # Completed by a Plt./Plh. of the position: the kind and the holder(s) acted for.
    completed_acting_kind = models.CharField(
        _("diselesaikan sebagai"),
        max_length=3,
        choices=Substitution.Kind.choices,
        blank=True,
    )
    completed_for = models.CharField(_("atas nama"), max_length=200, blank=True)
    decision = models.CharField(_("keputusan"), max_length=5, choices=Decision.choices, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    # The task whose completion opened this one (None: opened at the start or reopened).
    opened_by_task = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("dibuka oleh penyelesaian tugas"),
    )
    withdraw_reason = models.TextField(_("alasan tarik kembali"), blank=True)

    class Meta:
        verbose_name = _("tugas")
        verbose_name_plural = _("tugas")
        ordering = ["process", "step_run__number", "pass_number", "unit__order", "pk"]
        indexes = [
            # The Kotak Tugas and its badge: a user's open tasks, found by position.
            models.Index(fields=["position", "status"], name="task_position_status"),
        ]

    def __str__(self) -> str:
        unit = f" ({self.unit.short_name})" if self.unit_id else ""
        return f"{self.step_run.step}{unit}"

    @property
    def step(self) -> SopStep:
        return self.step_run.step

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def overdue(self) -> bool:
        return self.is_open and self.process.is_running and _is_past(self.due_date, self.process)

    @property
    def remaining_working_days(self) -> int | None:
        """Working days from today to the due date; 0 on the due date, negative when late."""
        if not self.is_open or not self.process.is_running:
            return None
        return _remaining(self.due_date, self.process)

    @property
    def due_explanation(self) -> str:
        """Why the due date falls where it does: "3 hari kerja; dilewati: Sab 28 Mar, ..."."""
        return _explanation(self.process, self.opened_on, self.due_date)

    def eligible_employees(self) -> models.QuerySet[Employee]:
        """Who may work on the task: the holders of its position (a unit task: the unit's head).

        A lane task (not per unit) belongs to every position holding the step's role.
        """
        from erkt.workflow.permissions import eligible_employees

        return eligible_employees(self)

    def can_be_completed_by(self, user) -> bool:
        """True for an assignee who may act now (the claimant when claimed). Admins excluded."""
        from erkt.workflow.permissions import is_assignee

        return self.is_open and self.process.is_running and is_assignee(user, self)


class Notification(models.Model):
    """One notice about one event to one person: the in-app list and what the channels send.

    Task events (opened, returned, decided "tidak", due tomorrow, late, escalated) name
    their task and its pass; process events (signed, archived) only the process. The
    text is rendered from `facts` (erkt.workflow.notices) in the reader's language. The
    unique constraints make each (task pass, kind, person) and each (process event,
    person) a single notice, which is what makes `erkt remind` send each reminder once.
    How each notice leaves by e-mail or WhatsApp is erkt.notifications' Delivery.
    """

    class Kind(models.TextChoices):
        OPENED = "opened", _("Tugas baru")
        RETURNED = "returned", _("Dikembalikan")
        REJECTED = "rejected", _("Keputusan tidak")
        REMINDER = "reminder", _("Pengingat")
        ESCALATION = "escalation", _("Eskalasi")
        SIGNED = "signed", _("Ditandatangani")
        ARCHIVED = "archived", _("Diarsipkan")

    process = models.ForeignKey(
        Process, models.CASCADE, related_name="notifications", verbose_name=_("proses")
    )
    task = models.ForeignKey(
        Task, models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    pass_number = models.PositiveSmallIntegerField(_("putaran"), default=0)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("penerima")
    )
    to_superior = models.BooleanField(
        _("kepada atasan"), default=False, help_text=_("Dikirim kepada atasan pelaksana tugas.")
    )
    facts = models.JSONField(_("isi"), default=dict, blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The bell: a user's unread notices.
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "kind", "pass_number", "recipient"],
                condition=models.Q(task__isnull=False),
                name="notification_once_per_pass",
            ),
            models.UniqueConstraint(
                fields=["process", "kind", "recipient"],
                condition=models.Q(task__isnull=True),
                name="notification_once_per_process_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.task or self.process} -> {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


def attachment_path(instance: Attachment, filename: str) -> str:
    task = instance.task
    return (
        f"workflow/{task.process.organization_id}/{task.process_id}/"
        f"task-{task.pk}/{PurePath(filename).name}"
    )


class Attachment(models.Model):
    """A file uploaded as (part of) a task's output."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    size = models.PositiveBigIntegerField(_("ukuran"))
    content_type = models.CharField(_("jenis"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("diunggah oleh")
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["task", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class CalendarDay(models.Model):
    """A local exception to the national calendar, set by a Keputusan Bupati or similar."""

    class Kind(models.TextChoices):
        LIBUR = "libur", _("Hari libur lokal")
        KERJA = "kerja", _("Hari kerja pengganti")

    organization = models.ForeignKey(
        Organization,
        models.CASCADE,
        related_name="calendar_days",
        verbose_name=_("perangkat daerah"),
    )
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    dasar_hukum = models.CharField(
        _("dasar hukum"),
        max_length=300,
        help_text=_("Misalnya SKB 3 Menteri atau Keputusan Bupati Balangan Nomor ..."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("hari kalender lokal")
        verbose_name_plural = _("hari kalender lokal")
        ordering = ["organization", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "date"], name="calendar_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


def limited_working_days(step: SopStep, limits: dict[str, int] | None) -> int:
    """The step's working days under `limits` ({"<number>": days}); never above the SOP's."""
    limit = (limits or {}).get(str(step.number))
    return min(limit, step.working_days) if limit else step.working_days


def _is_past(due: datetime.date | None, process: Process) -> bool:
    return due is not None and process.today() > due


def _explanation(process: Process, start: datetime.date | None, due: datetime.date | None) -> str:
    return deadlines.span_text(process.working_calendar, start, due)


def _remaining(due: datetime.date | None, process: Process) -> int | None:
    if due is None:
        return None
    return process.working_calendar.working_days_between(process.today(), due)


@receiver([post_save, post_delete], sender=CalendarDay)
def _new_calendar_token(sender, instance: CalendarDay, **kwargs) -> None:
    """Every process reads the organisation's local days again (erkt.workflow.calendar)."""
    token = uuid.uuid4()
    Organization.objects.filter(pk=instance.organization_id).update(calendar_token=token)
    if CalendarDay.organization.is_cached(instance):
        instance.organization.calendar_token = token
