"""The Berkas: the archive record of one finished process, with its immutable ZIP bundle.

A Berkas is created once, at the archiving step, together with its bundle (every
document of the process, the audit extract and manifest.json). The SHA-256 of every
file and of the bundle itself is kept in the database, so `erkt archive verify`
can tell a changed, missing or added file even when the manifest was rewritten too.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from erkt.org.models import Organization

__all__ = ["ArchiveCertificate", "Berkas"]

# Permendagri 83/2022 (Kode Klasifikasi Arsip Kemendagri dan Pemerintah Daerah):
# 000.7 Perencanaan Pembangunan. Offices refine it (e.g. 000.7.3); the form lets them.
DEFAULT_KODE_KLASIFIKASI = "000.7"
DEFAULT_RETENSI_AKTIF = 2
DEFAULT_RETENSI_INAKTIF = 3
KODE_KLASIFIKASI = re.compile(r"^\d{3}(\.\d{1,3}){0,4}$")
MAX_RETENSI_YEARS = 100


class ArchiveImmutable(RuntimeError):
    """A Berkas was asked to change after it was created."""


def validate_kode_klasifikasi(value: str) -> None:
    if not KODE_KLASIFIKASI.match(value or ""):
        raise ValidationError(
            _("Kode klasifikasi arsip berpola 000.7 atau 000.7.3 (Permendagri 83/2022).")
        )


def bundle_path(instance: Berkas, filename: str) -> str:
    return f"arsip/{instance.organization_id}/{instance.process_id}/{filename}"


class Berkas(models.Model):
    """Nomor berkas, kode klasifikasi, retensi, arsiparis, and the bundle's hashes."""

    class NasibAkhir(models.TextChoices):
        PERMANEN = "permanen", _("Permanen")
        MUSNAH = "musnah", _("Musnah")
        DINILAI_KEMBALI = "dinilai_kembali", _("Dinilai kembali")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name=_("perangkat daerah")
    )
    process = models.OneToOneField(
        "workflow.Process",
        models.PROTECT,
        related_name="berkas",
        verbose_name=_("pelaksanaan SOP"),
    )
    nomor_berkas = models.CharField(_("nomor berkas"), max_length=60)
    kode_klasifikasi = models.CharField(
        _("kode klasifikasi arsip"),
        max_length=30,
        default=DEFAULT_KODE_KLASIFIKASI,
        validators=[validate_kode_klasifikasi],
        help_text=_("Menurut Permendagri 83/2022; 000.7 = Perencanaan Pembangunan."),
    )
    uraian = models.CharField(_("uraian informasi berkas"), max_length=300)
    tanggal = models.DateField(_("tanggal pemberkasan"))
    retensi_aktif = models.PositiveSmallIntegerField(
        _("retensi aktif (tahun)"),
        default=DEFAULT_RETENSI_AKTIF,
        validators=[MaxValueValidator(MAX_RETENSI_YEARS)],
    )
    retensi_inaktif = models.PositiveSmallIntegerField(
        _("retensi inaktif (tahun)"),
        default=DEFAULT_RETENSI_INAKTIF,
        validators=[MaxValueValidator(MAX_RETENSI_YEARS)],
    )
    nasib_akhir = models.CharField(
        _("nasib akhir"), max_length=16, choices=NasibAkhir.choices, default=NasibAkhir.PERMANEN
    )
    # The archivist as they were when archiving: a later change of jabatan keeps the record.
    arsiparis = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("arsiparis")
    )
    arsiparis_name = models.CharField(_("nama arsiparis"), max_length=200)
    arsiparis_nip = models.CharField(_("NIP arsiparis"), max_length=30, blank=True)
    arsiparis_jabatan = models.CharField(_("jabatan arsiparis"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    documents = models.ManyToManyField(
        "documents.IssuedDocument", related_name="+", blank=True, verbose_name=_("dokumen")
    )
    bundle = models.FileField(_("bundel ZIP"), upload_to=bundle_path, blank=True)
    bundle_sha256 = models.CharField(_("SHA-256 bundel"), max_length=64, blank=True)
    # {path in the ZIP: SHA-256}, manifest.json excepted (it cannot hold its own hash).
    manifest = models.JSONField(_("hash berkas dalam bundel"), default=dict, blank=True)
    manifest_sha256 = models.CharField(_("SHA-256 manifest.json"), max_length=64, blank=True)

    BUNDLE_FIELDS = frozenset({"bundle", "bundle_sha256", "manifest", "manifest_sha256"})

    class Meta:
        verbose_name = _("berkas arsip")
        verbose_name_plural = _("berkas arsip")
        ordering = ["-tanggal", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "nomor_berkas"], name="berkas_nomor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nomor_berkas} {self.uraian}"

    def save(self, *args, **kwargs) -> None:
        # The one allowed update: the bundle and its hashes, stored once right after creation.
        fields = set(kwargs.get("update_fields") or ())
        if not self._state.adding and not (fields and fields <= self.BUNDLE_FIELDS):
            raise ArchiveImmutable(_("Berkas arsip tidak dapat diubah."))
        if not self._state.adding and fields and self._bundle_stored():
            raise ArchiveImmutable(
                _("Bundel berkas arsip sudah tersimpan dan tidak dapat diganti.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ArchiveImmutable(_("Berkas arsip tidak dapat dihapus."))

    # A Berkas is written once (erkt.workflow.versioning): version 0 is "not archived yet",
    # so a second archivist's form, loaded before the first one archived, is stale.
    version = 1

    @property
    def updated_by(self):
        return self.arsiparis

    @property
    def updated_at(self):
        return self.created_at

    @property
    def has_bundle(self) -> bool:
        return bool(self.bundle)

    @property
    def retention_label(self) -> str:
        return _("%(aktif)s tahun aktif, %(inaktif)s tahun inaktif, lalu %(nasib)s") % {
            "aktif": self.retensi_aktif,
            "inaktif": self.retensi_inaktif,
            "nasib": self.get_nasib_akhir_display().lower(),
        }

    def _bundle_stored(self) -> bool:
        return bool(
            Berkas.objects.filter(pk=self.pk).exclude(bundle="").values_list("pk", flat=True)
        )


PASSPHRASE_VARIABLE = "ERKT_ARCHIVE_PASSPHRASE"
# Only variables meant for it may hold the passphrase: never SECRET_KEY or the like.
PASSPHRASE_VARIABLE_PATTERN = r"^ERKT_ARCHIVE_[A-Z0-9_]+$"


class ArchiveCertificate(models.Model):
    """The organisation's archive certificate: it signs the manifest.json of every bundle
    (a detached CMS signature, manifest.json.p7s) so the bundle can be checked anywhere.

    The PKCS#12 is kept encrypted at rest (like the signers' certificates); its passphrase
    is never stored: it is read from the environment variable named here when signing.
    """

    organization = models.OneToOneField(
        Organization, models.CASCADE, related_name="+", verbose_name=_("perangkat daerah")
    )
    encrypted_pkcs12 = models.BinaryField(_("PKCS#12 terenkripsi"), editable=False)
    passphrase_variable = models.CharField(
        _("variabel lingkungan frasa sandi"),
        max_length=64,
        blank=True,
        default=PASSPHRASE_VARIABLE,
        validators=[
            RegexValidator(
                PASSPHRASE_VARIABLE_PATTERN,
                _("Nama variabel lingkungan berawalan ERKT_ARCHIVE_ (huruf besar, angka, _)."),
            )
        ],
        help_text=_(
            "Variabel lingkungan server yang memuat frasa sandi berkas PKCS#12; kosongkan "
            "untuk berkas tanpa frasa sandi."
        ),
    )
    subject = models.CharField(_("subjek"), max_length=500, editable=False)
    issuer = models.CharField(_("penerbit"), max_length=500, editable=False)
    serial = models.CharField(_("nomor seri"), max_length=80, editable=False)
    not_before = models.DateTimeField(_("berlaku mulai"), editable=False)
    not_after = models.DateTimeField(_("berlaku sampai"), editable=False)
    fingerprint_sha256 = models.CharField(_("sidik jari SHA-256"), max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("diunggah pada"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("sertifikat arsip")
        verbose_name_plural = _("sertifikat arsip")

    def __str__(self) -> str:
        return self.subject
