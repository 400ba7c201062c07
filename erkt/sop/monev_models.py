"""The evaluation form of an SOP (PermenPAN-RB 35/2012) for a six-month period.

Imported by erkt.sop.models so Django finds the models of the sop app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SopEvaluation(models.Model):
    """Per step of one SOP version: does it run well, catatan, tindakan; the Kepala signs it
    off, then "Revisi SOP" may start a new draft version from it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Disahkan")

    version = models.ForeignKey(
        "sop.SopVersion", models.PROTECT, related_name="evaluations", verbose_name=_("versi SOP")
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    semester = models.PositiveSmallIntegerField(
        _("semester"), choices=[(1, _("Semester I")), (2, _("Semester II"))]
    )
    late_share = models.PositiveSmallIntegerField(
        _("batas keterlambatan (%)"),
        default=30,
        help_text=_("Langkah yang terlambat lebih dari persentase ini diusulkan tidak baik."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    process_count = models.PositiveIntegerField(_("jumlah proses"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("dibuat oleh")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disahkan oleh"),
    )
    signed_at = models.DateTimeField(_("disahkan pada"), null=True, blank=True)
    # Who signed, as they were when signing (jabatan, name, pangkat, NIP).
    signatory = models.JSONField(_("penanda tangan"), default=dict, blank=True, editable=False)
    # The draft version "Revisi SOP" started from this evaluation.
    revision = models.OneToOneField(
        "sop.SopVersion",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_evaluation",
        verbose_name=_("revisi SOP"),
    )

    class Meta:
        verbose_name = _("evaluasi SOP")
        verbose_name_plural = _("evaluasi SOP")
        ordering = ["version", "-year", "-semester"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "year", "semester"], name="sop_evaluation_period_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.year}/{self.semester}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class SopEvaluationItem(models.Model):
    """One step's row of the evaluation form."""

    evaluation = models.ForeignKey(SopEvaluation, models.CASCADE, related_name="items")
    step_number = models.PositiveSmallIntegerField(_("no"))
    uraian = models.TextField(_("uraian prosedur"))
    berjalan_baik = models.BooleanField(_("berjalan dengan baik"), default=True)
    catatan = models.TextField(_("catatan"), blank=True)
    tindakan = models.TextField(_("tindakan yang harus diambil"), blank=True)
    proposed_waktu = models.PositiveSmallIntegerField(
        _("usulan waktu (hari kerja)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("butir evaluasi SOP")
        verbose_name_plural = _("butir evaluasi SOP")
        ordering = ["evaluation", "step_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "step_number"], name="sop_evaluation_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step_number}. {self.uraian}"
