"""Who makes the signature: the signer's uploaded PKCS#12 here, or BSrE's signing service.

The organisation chooses in the admin (SigningConfig). A provider takes the signer (a
user: the Kepala, or a Plt. signing with their own certificate) and the text of the
signature block, checks what it can before anything is written (`check`), and signs
(`sign`); both raise CertificateError with a message for the signer, and nothing is kept
on a failure. Either way the signature gets a timestamp when a TSA is configured (B-T)
and its validation data when they can be fetched (B-LT), see pades.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any, Protocol

import qrcode
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont
from pyhanko.pdf_utils.reader import PdfFileReader

from erkt.documents.signing import certificates, pades
from erkt.documents.signing.bsre import Appearance, BsreClient, BsreError
from erkt.documents.signing.certificates import CertificateError
from erkt.documents.signing.models import SigningCertificate, SigningConfig, TrustedRoot
from erkt.documents.signing.sign import Box, sign_pdf
from erkt.org.access import employee_of
from erkt.org.models import Organization

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@dataclass(frozen=True)
class SignRequest:
    """What to sign and how it shows: the PDF, the box of the stamp, the QR address."""

    pdf: bytes
    box: Box | None
    signer: Any  # the user who signs in person
    passphrase: str
    url: str  # the verification page, in the QR code
    reason: str
    location: str
    block_text: str = ""  # the signature block's jabatan line, e.g. "Plt. Kepala Badan"


@dataclass(frozen=True)
class Signed:
    content: bytes
    signer_name: str
    signed_at: datetime
    time_source: str  # pades.SOURCE_TSA or pades.SOURCE_SERVER
    certificate: SigningCertificate | None
    certificate_subject: str
    certificate_fingerprint: str


class SigningProvider(Protocol):
    name: str  # for the audit trail: "pkcs12", "bsre_v1", "bsre_v2"

    def check(self, signer: Any, passphrase: str) -> None: ...

    def sign(self, request: SignRequest) -> Signed: ...


def provider_for(organization: Organization) -> SigningProvider:
    config = SigningConfig.for_organization(organization)
    if config.uses_bsre:
        return BsreProvider(config)
    return Pkcs12Provider(organization)


def _finish(pdf: bytes, organization: Organization) -> tuple[bytes, pades.SignatureTime]:
    """Embed the validation data (B-LT when it can be had); read back the signing time."""
    content = pades.add_validation_data(pdf, TrustedRoot.certificates_of(organization))
    return content, pades.signature_time(content)


class Pkcs12Provider:
    """The signer's own PKCS#12, uploaded on the certificate page (today's route)."""

    name = SigningConfig.Provider.PKCS12.value

    def __init__(self, organization: Organization) -> None:
        self.organization = organization

    def check(self, signer: Any, passphrase: str) -> None:
        from erkt.documents.signing.services import usable_certificate

        usable_certificate(signer, passphrase)

    def sign(self, request: SignRequest) -> Signed:
        from erkt.documents.signing.services import usable_certificate

        certificate = usable_certificate(request.signer, request.passphrase)
        signed = sign_pdf(
            request.pdf,
            pkcs12=certificate.pkcs12(),
            passphrase=request.passphrase,
            box=request.box,
            url=request.url,
            reason=request.reason,
            location=request.location,
            timestamper=pades.timestamper(),
        )
        content, time = _finish(signed.content, self.organization)
        return Signed(
            content=content,
            signer_name=signed.signer,
            signed_at=time.at or signed.signed_at,
            time_source=time.source,
            certificate=certificate,
            certificate_subject=certificate.subject,
            certificate_fingerprint=certificate.fingerprint_sha256,
        )


class BsreProvider:
    """BSrE's signing service: the signer's NIK and passphrase, sent by e-RKT's client."""

    def __init__(self, config: SigningConfig) -> None:
        self.config = config
        self.organization = config.organization
        self.name = config.provider

    def client(self) -> BsreClient:
        return BsreClient(
            url=self.config.bsre_url,
            client_id=self.config.bsre_client_id,
            client_secret=self.config.client_secret(),
            version=1 if self.config.provider == SigningConfig.Provider.BSRE_V1 else 2,
            timeout=self.config.bsre_timeout,
        )

    def nik_of(self, signer: Any) -> str:
        employee = employee_of(signer)
        if employee is None or not employee.nik:
            raise CertificateError(
                _(
                    "NIK Anda belum tercatat pada data pegawai. Penandatanganan melalui BSrE "
                    "memerlukan NIK; minta administrator mengisinya."
                )
            )
        return employee.nik

    def check(self, signer: Any, passphrase: str) -> None:
        self.nik_of(signer)
        if not passphrase:
            raise CertificateError(_("Masukkan frasa sandi sertifikat elektronik BSrE Anda."))

    def sign(self, request: SignRequest) -> Signed:
        nik = self.nik_of(request.signer)
        client = self.client()
        try:
            client.check_user(nik)
            content = client.sign(
                nik=nik,
                passphrase=request.passphrase,
                pdf=request.pdf,
                appearance=_appearance(request, employee_of(request.signer)),
            )
        except BsreError as error:
            raise CertificateError(error.message) from error
        certificate = _signing_certificate(content)
        content, time = _finish(content, self.organization)
        return Signed(
            content=content,
            signer_name=certificates.common_name(certificate.subject),
            signed_at=time.at,
            time_source=time.source,
            certificate=None,
            certificate_subject=certificate.subject.rfc4514_string()[:500],
            certificate_fingerprint=certificates.fingerprint(certificate),
        )


def _signing_certificate(pdf: bytes) -> x509.Certificate:
    """The signer's certificate in BSrE's answer (refused when the answer holds none)."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        cert: asn1_x509.Certificate = reader.embedded_signatures[-1].signer_cert
        return x509.load_der_x509_certificate(cert.dump())
    except Exception as exc:  # not a signed PDF: BSrE answered something else
        raise CertificateError(
            _(
                "Jawaban layanan BSrE bukan PDF yang ditandatangani. Tidak ada yang berubah; "
                "coba lagi beberapa saat lagi."
            )
        ) from exc


def _appearance(request: SignRequest, employee) -> Appearance:
    page, x1, y1, x2, y2 = request.box or (0, 0, 0, 0, 0)
    name = employee.full_name if employee is not None else request.signer.get_username()
    return Appearance(
        page=page + 1,
        x=x1,
        y=y1,
        width=x2 - x1,
        height=y2 - y1,
        image_png=stamp_image(request.url, name, request.block_text),
        link_qr=request.url,
        location=request.location,
        reason=request.reason,
    )


def stamp_image(url: str, name: str, block_text: str) -> bytes:
    """The visible stamp sent to BSrE: the QR code to the verification page and who signs."""
    qr = qrcode.make(url, box_size=4, border=1).get_image().convert("RGB")
    side = qr.size[1]
    image = Image.new("RGB", (side * 4, side), "white")
    image.paste(qr, (0, 0))
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(FONT, max(12, side // 8))
    except OSError:
        font = ImageFont.load_default()
    lines = [_("Ditandatangani secara elektronik"), _("oleh %(name)s") % {"name": name}]
    if block_text:
        lines.append(block_text)
    lines.append(_("Verifikasi: pindai kode QR"))
    step = side // (len(lines) + 1)
    for index, line in enumerate(lines):
        draw.text((side + 10, step // 2 + index * step), line, fill="black", font=font)
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
