"""Checking an uploaded PDF against an issued document: same bytes? intact, trusted signature?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.utils.translation import gettext as _

from erkt.documents.signing.blocking import call_blocking
from erkt.documents.signing.certificates import sha256_hex


@dataclass
class SignatureCheck:
    """What the verification page tells: each answer, and why it is no."""

    sha256: str
    same_document: bool
    signed: bool = False
    intact: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    signed_at: datetime | None = None
    reasons: list[str] = field(default_factory=list)

    @property
    def signature_valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.covers_whole_file


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def check_signature(
    data: bytes, *, trust_roots: list[x509.Certificate], check: SignatureCheck
) -> SignatureCheck:
    """Validate the last signature of `data` against `trust_roots` (offline)."""
    # pyHanko is imported on use: it costs seconds at every start of the program.
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # a mangled PDF: pyHanko raises several kinds of errors
        check.reasons.append(_("Berkas tidak dapat dibaca sebagai PDF."))
        return check
    if not signatures:
        check.reasons.append(_("Berkas tidak memuat tanda tangan elektronik."))
        return check
    check.signed = True
    context = ValidationContext(trust_roots=[_asn1(c) for c in trust_roots], allow_fetching=False)
    try:
        status = call_blocking(validate_pdf_signature, signatures[-1], context)
    except Exception as exc:
        check.reasons.append(_("Tanda tangan tidak dapat diperiksa: %(error)s") % {"error": exc})
        return check
    check.intact = status.intact and status.valid
    check.trusted = status.trusted
    check.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    check.signer = status.signing_cert.subject.native.get("common_name", "")
    check.signed_at = status.signer_reported_dt
    if not check.intact:
        check.reasons.append(
            _("Isi dokumen telah berubah setelah ditandatangani (tanda tangan tidak utuh).")
        )
    if check.intact and not check.trusted:
        check.reasons.append(
            _("Sertifikat penanda tangan tidak diterbitkan oleh CA yang dipercaya.")
        )
    if check.intact and not check.covers_whole_file:
        check.reasons.append(_("Ada tambahan pada berkas setelah ditandatangani."))
    return check


def verify_unsigned(data: bytes, *, stored_sha256s: Iterable[str]) -> SignatureCheck:
    """Same bytes as one of the files an unsigned document was issued as (any format)?"""
    digest = sha256_hex(data)
    known = set(stored_sha256s)
    check = SignatureCheck(sha256=digest, same_document=digest in known)
    if not known:
        check.reasons.append(_("Dokumen ini belum memiliki berkas tersimpan untuk dibandingkan."))
    elif not check.same_document:
        check.reasons.append(
            _("SHA-256 berkas berbeda dari dokumen yang diterbitkan: bukan dokumen yang sama.")
        )
    return check


def verify_pdf(
    data: bytes,
    *,
    expected_sha256: str,
    trust_roots: list[x509.Certificate],
    digital: bool = True,
) -> SignatureCheck:
    """Same bytes as the issued PDF? For a digitally signed document, also its signature."""
    digest = sha256_hex(data)
    check = SignatureCheck(
        sha256=digest, same_document=bool(expected_sha256) and digest == expected_sha256
    )
    if not expected_sha256:
        check.reasons.append(_("Dokumen ini belum memiliki PDF yang disahkan."))
    elif not check.same_document:
        check.reasons.append(
            _("SHA-256 berkas berbeda dari dokumen yang diterbitkan: bukan dokumen yang sama.")
        )
    if not digital:
        return check
    return check_signature(data, trust_roots=trust_roots, check=check)
