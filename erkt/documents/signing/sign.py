"""Signing a PDF with pyHanko (PAdES): a visible stamp, its QR code to the verification page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from erkt.documents.signing.blocking import call_blocking
from erkt.documents.signing.certificates import open_pkcs12

FIELD_NAME = "TandaTanganKepala"
# Short lines (the address split after its host) so the stamp fits the signature box at
# STAMP_FONT_SIZE: pyHanko shrinks a wider stamp, and its text with it.
STAMP_TEXT = (
    "Ditandatangani secara elektronik\noleh %(signer)s\n%(ts)s\n"
    "Verifikasi: pindai kode QR atau buka\n%(url_host)s\n%(url_path)s"
)
STAMP_FONT_SIZE = 9
STAMP_QR_SIZE = 64  # points: about 1.5 pt a module, still read by a phone

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
) -> SignedPdf:
    """Sign `pdf` with the PKCS#12's key; the stamp goes into `box` (invisible without one).

    Raises CertificateError for a wrong passphrase or an unusable PKCS#12.
    """
    # pyHanko is imported on use: it costs seconds at every start of the program.
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.stamp import QRStampStyle

    opened = open_pkcs12(pkcs12, passphrase)
    signer = signers.SimpleSigner.load_pkcs12_data(
        pkcs12, other_certs=[], passphrase=passphrase.encode() if passphrase else None
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
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
    style = QRStampStyle(
        stamp_text=STAMP_TEXT,
        border_width=1,
        text_box_style=TextBoxStyle(font_size=STAMP_FONT_SIZE),
        qr_inner_size=STAMP_QR_SIZE,
        timestamp_format="%d-%m-%Y %H:%M:%S %Z",
    )
    out = BytesIO()
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
    host, path = _split_url(url)
    params = {"url": url, "signer": name, "url_host": host, "url_path": path}
    call_blocking(pdf_signer.sign_pdf, writer, output=out, appearance_text_params=params)
    return SignedPdf(content=out.getvalue(), signer=name, signed_at=_signing_time(out.getvalue()))


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
