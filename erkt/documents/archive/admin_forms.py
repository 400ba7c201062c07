"""Setting up an organisation's archive certificate: the admin's upload of a PKCS#12 file."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from erkt.documents.archive.models import ArchiveCertificate
from erkt.documents.archive.seal import open_archive_pkcs12
from erkt.documents.signing import certificates
from erkt.documents.signing.certificates import MAX_PKCS12_SIZE, CertificateError


def store_archive_certificate(
    organization, data: bytes, *, passphrase_variable: str
) -> ArchiveCertificate:
    """Keep `data` (a PKCS#12 that opens with the passphrase in `passphrase_variable`) as the
    organisation's archive certificate, encrypted at rest. Raises CertificateError."""
    instance = ArchiveCertificate.objects.filter(organization=organization).first()
    instance = instance or ArchiveCertificate(organization=organization)
    instance.passphrase_variable = passphrase_variable
    fill(instance, data)
    instance.save()
    return instance


def fill(instance: ArchiveCertificate, data: bytes) -> None:
    opened = open_archive_pkcs12(data, instance.passphrase_variable)
    info = certificates.describe(opened.certificate)
    instance.encrypted_pkcs12 = certificates.encrypt(data)
    instance.subject = info.subject[:500]
    instance.issuer = info.issuer[:500]
    instance.serial = info.serial[:80]
    instance.not_before = info.not_before
    instance.not_after = info.not_after
    instance.fingerprint_sha256 = info.fingerprint_sha256
    instance.uploaded_at = timezone.now()


class ArchiveCertificateForm(forms.ModelForm):
    pkcs12 = forms.FileField(
        label=_("Berkas sertifikat (.p12/.pfx)"),
        required=False,
        help_text=_(
            "Sertifikat arsip perangkat daerah beserta kunci privatnya. Frasa sandinya tidak "
            "disimpan: isikan pada variabel lingkungan server yang dinamai di bawah."
        ),
    )

    class Meta:
        model = ArchiveCertificate
        fields = ("organization", "passphrase_variable")

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("pkcs12")
        if upload is None and self.instance.pk is None:
            raise forms.ValidationError(_("Unggah berkas sertifikat arsip (.p12/.pfx)."))
        if upload is not None and upload.size > MAX_PKCS12_SIZE:
            raise forms.ValidationError(_("Berkas sertifikat kosong atau terlalu besar."))
        self.instance.passphrase_variable = cleaned.get("passphrase_variable", "")
        data = (
            upload.read()
            if upload is not None
            else certificates.decrypt(self.instance.encrypted_pkcs12)
        )
        try:
            fill(self.instance, data)
        except CertificateError as error:
            raise forms.ValidationError(error.message) from error
        return cleaned
