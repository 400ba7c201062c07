"""The link between a run of the SOP Penyusunan Renstra and the draft Renstra it builds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from erkt.rkt.models import Renstra
from erkt.workflow.models import Process


class PenyusunanRenstra(models.Model):
    """One process of the SOP Penyusunan Renstra and its Renstra (a draft until penetapan).

    The Renstra covers the five years starting in the process year.
    """

    process = models.OneToOneField(
        Process, models.CASCADE, related_name="penyusunan_renstra", verbose_name=_("proses")
    )
    renstra = models.OneToOneField(
        Renstra,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="penyusunan",
        verbose_name=_("Renstra"),
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("penyusunan Renstra")
        verbose_name_plural = _("penyusunan Renstra")

    def __str__(self) -> str:
        return f"{self.process} → {self.renstra}"
