"""Signing a PDF with pyHanko (PAdES): a visible stamp, its QR code to the verification page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from erkt.documents.signing.blocking import call_blocking
from erkt.documents.signing.certificates import CertificateError, open_pkcs12
from erkt.documents.signing.stamp import PdfASigner, keep_pdfa, stamp_style

FIELD_NAME = "TandaTanganKepala"

# page index, x1, y1, x2, y2 in PDF points (origin bottom-left), as the renderer laid it out
Box = tuple[int, float, float, float, float]


@dataclass(frozen=True)
class SignedPdf:
    content: bytes
    signer: str
    signed_at: datetime


def sign_pdf(
    pdf: bytes,
    *,
    pkcs12: bytes,
    passphrase: str,
    box: Box | None,
    url: str,
    reason: str,
    location: str,
    timestamper: TimeStamper | None = None,
) -> SignedPdf:
    """Sign `pdf` with the PKCS#12's key; the stamp goes into `box` (invisible without one).

    With a `timestamper` the signature carries its RFC 3161 timestamp (PAdES B-T).
    Raises CertificateError for a wrong passphrase, an unusable PKCS#12 or a timestamp
    authority that does not answer.
    """
    opened = open_pkcs12(pkcs12, passphrase)
    signer = signers.SimpleSigner.load_pkcs12_data(
        pkcs12, other_certs=[], passphrase=passphrase.encode() if passphrase else None
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    keep_pdfa(writer)
    if box is not None:
        page, *rect = box
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(
                sig_field_name=FIELD_NAME, on_page=page, box=tuple(int(v) for v in rect)
            ),
        )
    name = _signer_name(opened.certificate)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=name,
    )
    out = BytesIO()
    pdf_signer = PdfASigner(meta, signer=signer, stamp_style=stamp_style(), timestamper=timestamper)
    host, path = _split_url(url)
    params = {"url": url, "signer": name, "url_host": host, "url_path": path}
    try:
        call_blocking(pdf_signer.sign_pdf, writer, output=out, appearance_text_params=params)
    except Exception as exc:
        if timestamper is None or not _timestamp_failure(exc):
            raise
        raise CertificateError(
            _(
                "Layanan cap waktu (TSA) tidak dapat dihubungi atau menolak permintaan. "
                "Tidak ada yang berubah; coba lagi beberapa saat lagi."
            )
        ) from exc
    return SignedPdf(content=out.getvalue(), signer=name, signed_at=_signing_time(out.getvalue()))


def _timestamp_failure(exc: BaseException) -> bool:
    """Whether signing failed at the timestamp authority (its error or its transport)."""
    import requests

    while exc is not None:
        if isinstance(exc, TimestampRequestError | requests.RequestException | OSError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _split_url(url: str) -> tuple[str, str]:
    """'https://host:8000/verifikasi/abc/' -> ('https://host:8000', '/verifikasi/abc/')."""
    scheme, _sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return (f"{scheme}://{host}" if _sep else host), f"{slash}{path}"


def _signer_name(certificate) -> str:
    from erkt.documents.signing.certificates import common_name

    return common_name(certificate.subject)


def _signing_time(signed: bytes) -> datetime:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(BytesIO(signed), strict=False)
    return reader.embedded_signatures[-1].self_reported_timestamp
