"""Signing certificates (encrypted PKCS#12), trusted CA roots and the signature of a document."""

from __future__ import annotations

from cryptography import x509
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from erkt.documents.signing import certificates
from erkt.org.models import Employee, Organization

__all__ = ["DocumentSignature", "SigningCertificate", "SigningConfig", "TrustedRoot"]


class SigningCertificate(models.Model):
    """An employee's PKCS#12, encrypted at rest; the passphrase is never stored."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="+", verbose_name=_("perangkat daerah")
    )
    employee = models.ForeignKey(
        Employee, models.CASCADE, related_name="signing_certificates", verbose_name=_("pegawai")
    )
    encrypted_pkcs12 = models.BinaryField(_("PKCS#12 terenkripsi"), editable=False)
    subject = models.CharField(_("subjek"), max_length=500)
    common_name = models.CharField(_("nama pada sertifikat"), max_length=200)
    issuer = models.CharField(_("penerbit"), max_length=500)
    serial = models.CharField(_("nomor seri"), max_length=80)
    not_before = models.DateTimeField(_("berlaku mulai"))
    not_after = models.DateTimeField(_("berlaku sampai"))
    fingerprint_sha256 = models.CharField(_("sidik jari SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("sertifikat elektronik")
        verbose_name_plural = _("sertifikat elektronik")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.common_name} ({self.serial})"

    @classmethod
    def current_for(cls, employee: Employee | None) -> SigningCertificate | None:
        if employee is None:
            return None
        return cls.objects.filter(employee=employee, active=True).first()

    @property
    def expired(self) -> bool:
        return timezone.now() > self.not_after

    def pkcs12(self) -> bytes:
        return certificates.decrypt(self.encrypted_pkcs12)

    @property
    def holder(self) -> dict[str, str]:
        """The subject, readable: {"name": CN, "organization": O, "unit": OU}."""
        return certificates.readable_name(self.subject)

    @property
    def issuer_name(self) -> str:
        """The issuing CA by its name (CN, else O), not its whole distinguished name."""
        issuer = certificates.readable_name(self.issuer)
        return issuer["name"] or issuer["organization"] or self.issuer


class TrustedRoot(models.Model):
    """A CA whose certificates the organisation trusts (e.g. the BSrE root, the demo CA)."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="+", verbose_name=_("perangkat daerah")
    )
    name = models.CharField(_("nama"), max_length=200)
    certificate_pem = models.TextField(_("sertifikat (PEM)"))
    subject = models.CharField(_("subjek"), max_length=500, editable=False)
    fingerprint_sha256 = models.CharField(_("sidik jari SHA-256"), max_length=64, editable=False)
    added_at = models.DateTimeField(_("ditambahkan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("CA terpercaya")
        verbose_name_plural = _("CA terpercaya")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fingerprint_sha256"], name="trusted_root_once"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        certificate = self.certificate()
        self.subject = certificate.subject.rfc4514_string()
        self.fingerprint_sha256 = certificates.fingerprint(certificate)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        try:
            certificate = self.certificate()
        except certificates.CertificateError as error:
            raise ValidationError({"certificate_pem": error.message}) from error
        self.certificate_pem = certificates.to_pem(certificate)

    def certificate(self) -> x509.Certificate:
        return certificates.load_certificate(self.certificate_pem.strip().encode())

    @classmethod
    def certificates_of(cls, organization: Organization) -> list[x509.Certificate]:
        return [root.certificate() for root in cls.objects.filter(organization=organization)]


class DocumentSignature(models.Model):
    """Who signed an issued document, when, and how (certificate or wet-signed scan)."""

    class Method(models.TextChoices):
        DIGITAL = "digital", _("Tanda tangan elektronik (sertifikat)")
        SCAN = "scan", _("Tanda tangan basah (pindaian)")

    document = models.OneToOneField(
        "documents.IssuedDocument",
        models.PROTECT,
        related_name="signature",
        verbose_name=_("dokumen"),
    )
    method = models.CharField(_("cara"), max_length=8, choices=Method.choices)
    signer_name = models.CharField(_("penanda tangan"), max_length=300)
    signer_title = models.CharField(_("jabatan"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("ditandatangani pada"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    certificate = models.ForeignKey(
        SigningCertificate,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("sertifikat"),
    )
    # A wet-signed scan: who uploaded the file (the signer, or whoever put it on the task).
    scan_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pindaian diunggah oleh"),
    )
    scan_uploaded_by_name = models.CharField(
        _("nama pengunggah pindaian"), max_length=300, blank=True
    )
    certificate_subject = models.CharField(_("subjek sertifikat"), max_length=500, blank=True)
    certificate_fingerprint = models.CharField(
        _("sidik jari sertifikat"), max_length=64, blank=True
    )

    class Meta:
        verbose_name = _("tanda tangan dokumen")
        verbose_name_plural = _("tanda tangan dokumen")

    def __str__(self) -> str:
        return f"{self.document} — {self.signer_name}"


class SigningConfig(models.Model):
    """How an organisation signs: the signer's uploaded PKCS#12, or BSrE's signing service.

    Without a row the organisation signs with uploaded certificates (the demo's route).
    The BSrE client secret is kept encrypted; the signer's passphrase is never stored.
    """

    class Provider(models.TextChoices):
        PKCS12 = "pkcs12", _("Sertifikat yang diunggah (PKCS#12)")
        BSRE_V1 = "bsre_v1", _("Layanan tanda tangan BSrE (API v1)")
        BSRE_V2 = "bsre_v2", _("Layanan tanda tangan BSrE (API v2)")

    organization = models.OneToOneField(
        Organization,
        models.CASCADE,
        related_name="signing_config",
        verbose_name=_("perangkat daerah"),
    )
    provider = models.CharField(
        _("cara tanda tangan"), max_length=8, choices=Provider.choices, default=Provider.PKCS12
    )
    bsre_url = models.URLField(
        _("alamat layanan BSrE"),
        blank=True,
        help_text=_("Alamat dasar, mis. https://esign.example.go.id (tanpa /api/...)."),
    )
    bsre_client_id = models.CharField(_("client id / username BSrE"), max_length=200, blank=True)
    encrypted_bsre_client_secret = models.BinaryField(
        _("client secret BSrE terenkripsi"), blank=True, default=b"", editable=False
    )
    bsre_timeout = models.PositiveSmallIntegerField(
        _("batas waktu BSrE (detik)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(300)],
    )

    class Meta:
        verbose_name = _("pengaturan tanda tangan elektronik")
        verbose_name_plural = _("pengaturan tanda tangan elektronik")

    def __str__(self) -> str:
        return f"{self.organization} — {self.get_provider_display()}"

    @property
    def uses_bsre(self) -> bool:
        return self.provider in (self.Provider.BSRE_V1, self.Provider.BSRE_V2)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.uses_bsre and not (self.bsre_url and self.bsre_client_id):
            raise ValidationError(
                _("Layanan BSrE memerlukan alamat layanan dan client id / username.")
            )

    def set_client_secret(self, secret: str) -> None:
        self.encrypted_bsre_client_secret = certificates.encrypt(secret.encode())

    def client_secret(self) -> str:
        token = bytes(self.encrypted_bsre_client_secret or b"")
        return certificates.decrypt(token).decode() if token else ""

    @classmethod
    def for_organization(cls, organization: Organization) -> SigningConfig:
        """The organisation's configuration; an unsaved PKCS#12 one when none is kept."""
        found = cls.objects.filter(organization=organization).first()
        return found or cls(organization=organization)
