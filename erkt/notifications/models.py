"""Each person's choice of channels, and each sending of a notice by e-mail or WhatsApp.

The notices themselves are erkt.workflow's Notification (the in-app list reads them).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from erkt.workflow.models import Notification


class EmailMode(models.TextChoices):
    EACH = "each", _("Setiap pemberitahuan")
    DIGEST = "digest", _("Ringkasan harian")
    OFF = "off", _("Tidak")


class NotificationSettings(models.Model):
    """What a person chose in "Pengaturan notifikasi"; without a row: e-mail each, no
    WhatsApp. The notices in the app are always kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("pengguna"),
    )
    email_mode = models.CharField(
        _("e-mail"), max_length=8, choices=EmailMode.choices, default=EmailMode.EACH
    )
    whatsapp = models.BooleanField(_("WhatsApp"), default=False)
    phone = models.CharField(
        _("nomor WhatsApp"), max_length=16, blank=True, help_text=_("Contoh: 0812 3456 7890.")
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan notifikasi")
        verbose_name_plural = _("pengaturan notifikasi")

    def __str__(self) -> str:
        return str(self.user)


class Delivery(models.Model):
    """One notice through one channel: queued, sent (or waiting for the digest), failed."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        WHATSAPP = "whatsapp", _("WhatsApp")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        DIGEST = "digest", _("Menunggu ringkasan harian")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    notification = models.ForeignKey(
        Notification, models.CASCADE, related_name="deliveries", verbose_name=_("pemberitahuan")
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    address = models.CharField(_("alamat"), max_length=254)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    sent_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman pemberitahuan")
        verbose_name_plural = _("pengiriman pemberitahuan")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_once_per_channel"
            )
        ]
        indexes = [models.Index(fields=["channel", "status"], name="delivery_channel_status")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} -> {self.address} ({self.get_status_display()})"
