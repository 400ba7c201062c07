"""Issued documents: the immutable snapshot every printed document is rendered from.

A document is issued once with everything it prints (its snapshot); renderers read
only the snapshot, so a document shows tomorrow exactly what it showed when issued,
whatever happens to the live records. Each format's bytes are rendered once when the
document is issued and kept as a DocumentFile with its SHA-256: downloads, the archive
bundle and the verification page use exactly those bytes, never a new rendering. The
only later change allowed is storing the PDF bytes once, for a PDF that can never be
re-rendered: the digitally signed RKT, or the scan of the wet-signed one.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from erkt.org.models import Organization

__all__ = ["DocumentFile", "IssuedDocument"]


class ImmutableError(RuntimeError):
    """An issued document was asked to change."""


def new_code() -> str:
    # 20 random characters: unguessable, yet short enough for a QR code and a URL.
    return secrets.token_urlsafe(15)


def stored_pdf_path(instance: IssuedDocument, filename: str) -> str:
    return f"documents/{instance.organization_id}/{instance.code}/{filename}"


class IssuedDocument(models.Model):
    class PdfKind(models.TextChoices):
        RENDERED = "", _("Dicetak dari data")
        DIGITAL = "digital", _("Ditandatangani secara elektronik")
        SCAN = "scan", _("Pindaian dokumen bertanda tangan basah")

    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name=_("perangkat daerah")
    )
    process = models.ForeignKey(
        "workflow.Process",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("pelaksanaan SOP"),
    )
    kind = models.CharField(_("jenis"), max_length=64)
    key = models.CharField(_("kunci"), max_length=200)
    title = models.CharField(_("judul"), max_length=300)
    snapshot = models.JSONField(_("isi"))
    digest = models.CharField(_("SHA-256 isi"), max_length=64)
    code = models.CharField(_("kode verifikasi"), max_length=32, unique=True, default=new_code)
    issued_at = models.DateTimeField(_("diterbitkan pada"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    pdf_file = models.FileField(_("berkas PDF"), upload_to=stored_pdf_path, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 PDF"), max_length=64, blank=True)
    pdf_kind = models.CharField(
        _("jenis PDF"), max_length=8, choices=PdfKind.choices, default=PdfKind.RENDERED, blank=True
    )
    pdf_stored_at = models.DateTimeField(_("PDF disimpan pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokumen terbit")
        verbose_name_plural = _("dokumen terbit")
        ordering = ["issued_at", "pk"]
        indexes = [models.Index(fields=["process", "kind", "key"], name="issued_doc_key_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        fields = set(kwargs.get("update_fields") or ())
        if not self._state.adding and not (fields and fields <= self.PDF_FIELDS):
            raise ImmutableError(_("Dokumen yang sudah diterbitkan tidak dapat diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("Dokumen yang sudah diterbitkan tidak dapat dihapus."))

    PDF_FIELDS = frozenset({"pdf_file", "pdf_sha256", "pdf_kind", "pdf_stored_at"})

    @property
    def has_stored_pdf(self) -> bool:
        return bool(self.pdf_file)

    def store_pdf(self, content: bytes, *, kind: str, filename: str) -> None:
        """Keep these PDF bytes as the document's PDF; once only."""
        if self.pdf_file:
            raise ImmutableError(_("PDF dokumen ini sudah tersimpan dan tidak dapat diganti."))
        self.pdf_file.save(filename, ContentFile(content), save=False)
        self.pdf_sha256 = hashlib.sha256(content).hexdigest()
        self.pdf_kind = kind
        self.pdf_stored_at = timezone.now()
        self.save(update_fields=list(self.PDF_FIELDS))


def stored_file_path(instance: DocumentFile, filename: str) -> str:
    document = instance.document
    return f"documents/{document.organization_id}/{document.code}/terbit/{filename}"


class DocumentFile(models.Model):
    """One format of an issued document, rendered once and kept byte for byte."""

    document = models.ForeignKey(
        IssuedDocument, models.PROTECT, related_name="files", verbose_name=_("dokumen")
    )
    format = models.CharField(_("format"), max_length=8)
    file = models.FileField(_("berkas"), upload_to=stored_file_path)
    filename = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"))
    stored_at = models.DateTimeField(_("disimpan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("berkas dokumen terbit")
        verbose_name_plural = _("berkas dokumen terbit")
        constraints = [
            models.UniqueConstraint(fields=["document", "format"], name="document_file_once")
        ]

    def __str__(self) -> str:
        return self.filename

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableError(_("Berkas dokumen yang sudah diterbitkan tidak dapat diubah."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("Berkas dokumen yang sudah diterbitkan tidak dapat dihapus."))

    def read(self) -> bytes:
        with self.file.open("rb") as stored:
            return stored.read()


# The signing and archive records live in their own packages; Django finds models here.
from erkt.documents.archive.models import *  # noqa: E402,F403
from erkt.documents.signing.models import *  # noqa: E402,F403
