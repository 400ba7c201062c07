"""Uploading a certificate, signing an issued document, storing a wet-signed scan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.documents.models import IssuedDocument
from erkt.documents.signing import certificates
from erkt.documents.signing.certificates import CertificateError
from erkt.documents.signing.models import DocumentSignature, SigningCertificate
from erkt.org.access import employee_of
from erkt.org.models import Employee

if TYPE_CHECKING:
    from erkt.documents.signing.sign import Box

PDF_MAGIC = b"%PDF-"
MAX_SCAN_SIZE = 20 * 1024 * 1024


def public_url(document: IssuedDocument) -> str:
    """The absolute address of the document's verification page (printed in the QR code)."""
    base = settings.ERKT_PUBLIC_URL.rstrip("/")
    return base + reverse("signing:verify", args=[document.code])


@transaction.atomic
def upload_certificate(
    *, employee: Employee, data: bytes, passphrase: str, by: Any
) -> SigningCertificate:
    """Keep the employee's PKCS#12 (encrypted) once it opens with its passphrase.

    Raises CertificateError; the previous certificate stays active then.
    """
    opened = certificates.open_pkcs12(data, passphrase)
    certificates.check_current(opened.certificate)
    info = certificates.describe(opened.certificate)
    SigningCertificate.objects.filter(employee=employee, active=True).update(active=False)
    certificate = SigningCertificate.objects.create(
        organization=employee.organization,
        employee=employee,
        encrypted_pkcs12=certificates.encrypt(data),
        subject=info.subject[:500],
        common_name=info.common_name[:200],
        issuer=info.issuer[:500],
        serial=info.serial[:80],
        not_before=info.not_before,
        not_after=info.not_after,
        fingerprint_sha256=info.fingerprint_sha256,
        uploaded_by=by,
    )
    record(
        organization=employee.organization,
        user=by,
        action="signing.certificate.upload",
        obj=certificate,
        after={"subject": info.subject, "serial": info.serial, "sha256": info.fingerprint_sha256},
    )
    return certificate


def usable_certificate(user: Any, passphrase: str) -> SigningCertificate:
    """The user's own certificate, opened with `passphrase` to prove it; else CertificateError."""
    certificate = SigningCertificate.current_for(employee_of(user))
    if certificate is None:
        raise CertificateError(
            _(
                "Anda belum mengunggah sertifikat elektronik. Unggah berkas sertifikat Anda "
                "(.p12/.pfx) di halaman Sertifikat, atau unggah pindaian RKT yang "
                "ditandatangani basah."
            )
        )
    try:
        opened = certificates.open_pkcs12(certificate.pkcs12(), passphrase)
    except certificates.CertificateError as error:
        # The stored file opened at its upload: only the passphrase can be wrong now.
        raise certificates.CertificateError(_("Frasa sandi salah.")) from error
    certificates.check_current(opened.certificate)
    return certificate


def sign_document(
    document: IssuedDocument,
    *,
    pdf: bytes,
    box: Box | None,
    by: Any,
    passphrase: str,
    filename: str,
    signer_title: str = "",
) -> DocumentSignature:
    """Sign `pdf` (the document's rendering) through the organisation's provider and keep
    it: the uploaded certificate of `by`, or BSrE. `signer_title` is the signature
    block's jabatan line. Raises CertificateError; nothing is kept then."""
    # The providers import pyHanko (about a second): loaded when a document is signed,
    # not by every process that imports this module.
    from erkt.documents.signing.providers import SignRequest, provider_for

    organization = document.organization
    provider = provider_for(organization)
    signed = provider.sign(
        SignRequest(
            pdf=pdf,
            box=box,
            signer=by,
            passphrase=passphrase,
            url=public_url(document),
            reason=_("Pengesahan %(title)s") % {"title": document.title},
            location=organization.city or organization.name,
            block_text=signer_title,
        )
    )
    document.store_pdf(signed.content, kind=IssuedDocument.PdfKind.DIGITAL, filename=filename)
    signature = DocumentSignature.objects.create(
        document=document,
        method=DocumentSignature.Method.DIGITAL,
        signer_name=signed.signer_name,
        signer_title=signer_title,
        signed_at=signed.signed_at,
        signed_by=by,
        certificate=signed.certificate,
        certificate_subject=signed.certificate_subject[:500],
        certificate_fingerprint=signed.certificate_fingerprint,
    )
    _record(document, signature, by, provider=provider.name, time_source=signed.time_source)
    return signature


def check_signer(organization: Any, user: Any, passphrase: str) -> None:
    """What can be checked before signing, by the organisation's provider (CertificateError)."""
    from erkt.documents.signing.providers import provider_for

    provider_for(organization).check(user, passphrase)


def check_scan(content: bytes) -> None:
    if not content.startswith(PDF_MAGIC):
        raise CertificateError(_("Pindaian RKT harus berupa berkas PDF."))
    if len(content) > MAX_SCAN_SIZE:
        raise CertificateError(_("Berkas pindaian terlalu besar (paling besar 20 MB)."))


def store_scan(
    document: IssuedDocument,
    *,
    content: bytes,
    by: Any,
    filename: str,
    signer_name: str,
    signer_title: str = "",
    uploaded_by: Any = None,
) -> DocumentSignature:
    """Keep the scan of the wet-signed document as its PDF; the document is marked as such.

    `uploaded_by` is who uploaded the scan (default `by`): recorded with its name, which
    the public verification page shows.
    """
    check_scan(content)
    uploader = uploaded_by or by
    document.store_pdf(content, kind=IssuedDocument.PdfKind.SCAN, filename=filename)
    signature = DocumentSignature.objects.create(
        document=document,
        method=DocumentSignature.Method.SCAN,
        signer_name=signer_name,
        signer_title=signer_title,
        signed_at=timezone.now(),
        signed_by=by,
        scan_uploaded_by=uploader,
        scan_uploaded_by_name=_display_name(uploader),
    )
    _record(document, signature, by)
    return signature


def _display_name(user: Any) -> str:
    employee = employee_of(user)
    return employee.full_name if employee is not None else user.get_username()


def _record(document: IssuedDocument, signature: DocumentSignature, by: Any, **extra) -> None:
    record(
        organization=document.organization,
        user=by,
        action="document.sign",
        obj=document,
        after={
            "method": signature.method,
            "signer": signature.signer_name,
            "pdf_sha256": document.pdf_sha256,
            "certificate": signature.certificate_fingerprint,
            **(
                {"scan_uploaded_by": signature.scan_uploaded_by_name}
                if signature.method == DocumentSignature.Method.SCAN
                else {}
            ),
            **extra,
        },
    )
