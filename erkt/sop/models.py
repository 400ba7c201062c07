"""SOP definitions in the national format (PermenPAN-RB 35/2012): identity sheet + flowchart."""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from erkt.org.models import Organization, Role
from erkt.org.substitutes import substitution_for, today_in

DAYS_PER_WEEK = 5


class SopVersionError(Exception):
    """A version change the versioning rules forbid; `message` is in Bahasa Indonesia."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class ReadOnlyVersionError(SopVersionError):
    """An active or superseded version (or one of its rows) was about to be changed."""

    def __init__(self, version: SopVersion) -> None:
        super().__init__(
            gettext(
                "Versi %(number)d berstatus %(status)s dan tidak dapat diubah; "
                "buat versi draf baru untuk mengubahnya."
            )
            % {"number": version.number, "status": version.get_status_display()}
        )


def current_signatory(version: SopVersion, signer=None) -> dict[str, str]:
    """The pengesahan as it would be signed now: the version's jabatan, the Kepala's holder.

    When `signer` (a user) acts in the Kepala's position today as Plt. (or Plh.), they sign:
    "Plt. <jabatan>" with their own name, pangkat and NIP (as the RKT's step 10)."""
    organization = version.sop.organization
    head = organization.head
    jabatan = version.disahkan_oleh or (head.title if head else "")
    employee = getattr(signer, "employee", None) if signer is not None else None
    acting = (
        substitution_for(employee, head, today_in(organization))
        if employee is not None and head is not None
        else None
    )
    if acting is not None:
        holder = employee
        jabatan = f"{acting.get_kind_display()} {jabatan}"
    else:
        holder = head.holders.first() if head else None
    if holder is None:
        return {"jabatan": jabatan, "name": "", "pangkat": "", "nip": ""}
    return {
        "jabatan": jabatan,
        "name": holder.full_name,
        "pangkat": holder.get_pangkat_display() if holder.pangkat else "",
        "nip": holder.nip_display,
    }


def _require_draft(version_id: int | None) -> None:
    """Refuse a write to a version that is no longer a draft, reading its stored status
    (an in-memory object may be stale)."""
    if version_id is None:
        return
    version = SopVersion.objects.filter(pk=version_id).first()
    if version is not None and version.status != SopVersion.Status.DRAFT:
        raise ReadOnlyVersionError(version)


class Sop(models.Model):
    """One SOP of an organisation, identified by its code; its content lives in versions."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="sops", verbose_name=_("perangkat daerah")
    )
    code = models.SlugField(_("kode"), max_length=60)

    class Meta:
        verbose_name = _("SOP")
        verbose_name_plural = _("SOP")
        ordering = ["organization", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="sop_code_unique")
        ]

    def __str__(self) -> str:
        active = self.active_version
        return active.judul if active else self.code

    @property
    def active_version(self) -> SopVersion | None:
        # By number, not Meta.ordering (its "sop" would join the SOP and the organisation).
        return self.versions.filter(status=SopVersion.Status.ACTIVE).order_by("-number").first()


class SopVersion(models.Model):
    """A version of an SOP. Only drafts are edited; approval (pengesahan) activates one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Berlaku")
        SUPERSEDED = "superseded", _("Tidak berlaku")

    sop = models.ForeignKey(Sop, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    judul = models.CharField(_("judul"), max_length=300)
    nomor = models.CharField(_("nomor SOP"), max_length=100, blank=True)
    tanggal_pembuatan = models.DateField(_("tanggal pembuatan"), null=True, blank=True)
    tanggal_revisi = models.DateField(_("tanggal revisi"), null=True, blank=True)
    tanggal_efektif = models.DateField(_("tanggal efektif"), null=True, blank=True)
    disahkan_oleh = models.CharField(_("disahkan oleh"), max_length=300)
    dasar_hukum = models.JSONField(_("dasar hukum"), default=list, blank=True)
    kualifikasi_pelaksana = models.JSONField(_("kualifikasi pelaksana"), default=list, blank=True)
    keterkaitan = models.JSONField(_("keterkaitan"), default=list, blank=True)
    peralatan = models.JSONField(_("peralatan/perlengkapan"), default=list, blank=True)
    peringatan = models.JSONField(_("peringatan"), default=list, blank=True)
    pencatatan = models.JSONField(_("pencatatan dan pendataan"), default=list, blank=True)
    approved_at = models.DateTimeField(_("disahkan pada"), null=True, blank=True)
    # Who signed the pengesahan, as they were at approval: the document of an approved
    # version keeps naming them after the Kepala changes.
    pengesahan = models.JSONField(
        _("penanda tangan pengesahan"), default=dict, blank=True, editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disahkan oleh (pengguna)"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("versi SOP")
        verbose_name_plural = _("versi SOP")
        ordering = ["sop", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["sop", "number"], name="sop_version_number_unique"),
            models.UniqueConstraint(
                fields=["sop"], condition=models.Q(status="active"), name="sop_one_active_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judul} (v{self.number})"

    def save(self, *args, **kwargs) -> None:
        # Status changes go through approve()/supersede via queryset updates, so any save
        # of a stored non-draft version is an edit, and an active version is read-only.
        if not self._state.adding:
            _require_draft(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _require_draft(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def total_working_days(self) -> int:
        return sum(step.working_days for step in self.steps.all())

    def approve(self, user=None) -> None:
        """Activate this draft (pengesahan): the active version becomes superseded.

        The draft is validated with the same rules as `erkt sop load`
        (raises erkt.sop.io.SopDefinitionError)."""
        from erkt.sop.io import SopDefinitionError, export_definition, validate_definition

        with transaction.atomic():
            # Lock the SOP row so two approvals cannot both leave an active version behind.
            Sop.objects.select_for_update().filter(pk=self.sop_id).get()
            current = SopVersion.objects.get(pk=self.pk)
            if current.status != self.Status.DRAFT:
                raise SopVersionError(
                    gettext(
                        "Hanya versi draf yang dapat disahkan; "
                        "versi %(number)d berstatus %(status)s."
                    )
                    % {"number": current.number, "status": current.get_status_display()}
                )
            messages = validate_definition(export_definition(current))
            if messages:
                raise SopDefinitionError(messages)
            SopVersion.objects.filter(sop_id=self.sop_id, status=self.Status.ACTIVE).update(
                status=self.Status.SUPERSEDED
            )
            self.status = self.Status.ACTIVE
            self.approved_at = timezone.now()
            self.approved_by = user
            self.pengesahan = current_signatory(current, signer=user)
            SopVersion.objects.filter(pk=self.pk).update(
                status=self.status,
                approved_at=self.approved_at,
                approved_by=user,
                pengesahan=self.pengesahan,
            )

    def new_draft(self) -> SopVersion:
        """Copy identity, actors and steps into version n+1 as a draft: the way to edit
        an SOP whose active version is read-only."""
        with transaction.atomic():
            Sop.objects.select_for_update().filter(pk=self.sop_id).get()
            pending = self.sop.versions.filter(status=self.Status.DRAFT).first()
            if pending is not None:
                raise SopVersionError(
                    gettext("SOP ini sudah punya versi draf (versi %(number)d); ubah versi itu.")
                    % {"number": pending.number}
                )
            last = self.sop.versions.aggregate(last=models.Max("number"))["last"]
            draft = SopVersion.objects.create(
                sop_id=self.sop_id,
                number=last + 1,
                status=self.Status.DRAFT,
                **{name: getattr(self, name) for name in COPIED_VERSION_FIELDS},
            )
            actors = {
                actor.pk: SopActor.objects.create(
                    version=draft,
                    order=actor.order,
                    key=actor.key,
                    name=actor.name,
                    role=actor.role,
                )
                for actor in self.actors.all()
            }
            for step in self.steps.all():
                SopStep.objects.create(
                    version=draft,
                    actor=actors[step.actor_id],
                    **{name: getattr(step, name) for name in COPIED_STEP_FIELDS},
                )
        return draft


class SopActor(models.Model):
    """A pelaksana column of the flowchart, mapped to a role."""

    version = models.ForeignKey(SopVersion, models.CASCADE, related_name="actors")
    order = models.PositiveSmallIntegerField(_("urutan kolom"))
    key = models.SlugField(_("kunci"), max_length=40)
    name = models.CharField(_("nama pelaksana"), max_length=100)
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("pelaksana")
        verbose_name_plural = _("pelaksana")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="sop_actor_key_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        _require_draft(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _require_draft(self.version_id)
        return super().delete(*args, **kwargs)


class StepKind(models.TextChoices):
    START = "start", _("Mulai")
    PROCESS = "process", pgettext_lazy("SOP step symbol", "Proses")
    DECISION = "decision", _("Keputusan")
    END = "end", _("Selesai")


class WaktuUnit(models.TextChoices):
    HARI_KERJA = "hari_kerja", _("hari kerja")
    MINGGU = "minggu", _("minggu")


class SopStep(models.Model):
    """One row of the flowchart table, with its Mutu Baku (kelengkapan, waktu, output)."""

    version = models.ForeignKey(SopVersion, models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("no"))
    uraian = models.TextField(_("uraian prosedur"))
    actor = models.ForeignKey(
        SopActor, models.PROTECT, related_name="steps", verbose_name=_("pelaksana")
    )
    kind = models.CharField(_("simbol"), max_length=10, choices=StepKind.choices)
    kelengkapan = models.CharField(_("persyaratan/kelengkapan"), max_length=300, blank=True)
    waktu_amount = models.PositiveSmallIntegerField(_("waktu"))
    waktu_unit = models.CharField(
        _("satuan waktu"), max_length=12, choices=WaktuUnit.choices, default=WaktuUnit.HARI_KERJA
    )
    output = models.CharField(_("output"), max_length=300)
    keterangan = models.TextField(_("keterangan"), blank=True)
    yes_step = models.PositiveSmallIntegerField(_("jika ya, ke langkah"), null=True, blank=True)
    no_step = models.PositiveSmallIntegerField(_("jika tidak, ke langkah"), null=True, blank=True)
    per_unit = models.BooleanField(_("per unit pengisi Form RKT"), default=False)
    action = models.CharField(_("kunci aksi"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("langkah")
        verbose_name_plural = _("langkah")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="sop_step_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.uraian}"

    def save(self, *args, **kwargs) -> None:
        _require_draft(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _require_draft(self.version_id)
        return super().delete(*args, **kwargs)

    @property
    def working_days(self) -> int:
        if self.waktu_unit == WaktuUnit.MINGGU:
            return self.waktu_amount * DAYS_PER_WEEK
        return self.waktu_amount

    @property
    def is_decision(self) -> bool:
        return self.kind == StepKind.DECISION


COPIED_VERSION_FIELDS = (
    "judul",
    "nomor",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
)
COPIED_STEP_FIELDS = (
    "number",
    "uraian",
    "kind",
    "kelengkapan",
    "waktu_amount",
    "waktu_unit",
    "output",
    "keterangan",
    "yes_step",
    "no_step",
    "per_unit",
    "action",
)


from erkt.sop.monev_models import SopEvaluation, SopEvaluationItem  # noqa: E402, F401
