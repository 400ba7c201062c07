"""PAdES levels beyond B-B: a trusted timestamp (B-T) and embedded validation data (B-LT).

- B-B: the signature alone; its time is the signing server's clock.
- B-T: an RFC 3161 timestamp from a timestamp authority (ERKT_TSA_URL) proves the
  signature existed at that time.
- B-LT: the certificates and revocation data (OCSP/CRL) of the signer and of the
  timestamp authority are stored in the PDF (its DSS), so the signature can be checked
  later from the file alone, after the CA's services are gone.

Both providers (the uploaded PKCS#12 and BSrE) end with `add_validation_data`: the
DSS is an incremental update that PAdES allows after the signature.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import cms, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation import add_validation_info, validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from erkt.documents.signing.blocking import call_blocking

logger = logging.getLogger(__name__)

SOURCE_TSA = "tsa"
SOURCE_SERVER = "server"
LEVEL_B = "B-B"
LEVEL_T = "B-T"
LEVEL_LT = "B-LT"


def timestamper() -> TimeStamper | None:
    """The configured timestamp authority (RFC 3161 over HTTP), or None (B-B)."""
    url = settings.ERKT_TSA_URL
    if not url:
        return None
    return RequestsHTTPTimeStamper(url, timeout=settings.ERKT_TSA_TIMEOUT)


def asn1_roots(trust_roots: list[x509.Certificate]) -> list[asn1_x509.Certificate]:
    return [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in trust_roots
    ]


def add_validation_data(pdf: bytes, trust_roots: list[x509.Certificate]) -> bytes:
    """`pdf` with the validation data of its last signature (and its timestamp) in the DSS.

    The OCSP responses and CRLs are fetched from the addresses in the certificates. When
    the chain does not lead to a trusted root, or nothing can be fetched, the PDF is
    returned as it was: the signature stays B-B/B-T, still valid.
    """
    if not trust_roots:
        return pdf
    context = ValidationContext(
        trust_roots=asn1_roots(trust_roots),
        allow_fetching=True,
        revocation_mode="soft-fail",
    )
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signature = reader.embedded_signatures[-1]
        out = BytesIO()
        call_blocking(add_validation_info, signature, context, output=out)
    except Exception:  # an untrusted chain or an unreachable service: stay as signed
        logger.warning("No validation data embedded for the signature", exc_info=True)
        return pdf
    return out.getvalue()


@dataclass(frozen=True)
class SignatureTime:
    """When a PDF's last signature was made, and who says so."""

    at: datetime | None
    source: str  # SOURCE_TSA (a timestamp token) or SOURCE_SERVER (the signer's clock)
    authority: str = ""  # the TSA's name, for SOURCE_TSA

    @property
    def source_label(self) -> str:
        if self.source == SOURCE_TSA:
            return _("otoritas cap waktu (%(tsa)s)") % {"tsa": self.authority or "TSA"}
        return _("jam server penanda tangan")


def _timestamp_token(signature) -> tuple[datetime, str] | None:
    for signed_data in extract_tst_data_iter(signature.signer_info, signed=False):
        content = signed_data["encap_content_info"]["content"].parsed
        if not isinstance(content, tsp.TSTInfo):
            content = tsp.TSTInfo.load(signed_data["encap_content_info"]["content"].native)
        authority = ""
        tsa = content["tsa"]
        if tsa.native is not None and tsa.name == "directory_name":
            authority = tsa.chosen.native.get("common_name", "")
        if not authority:
            authority = _signer_common_name(signed_data)
        return content["gen_time"].native, authority
    return None


def _signer_common_name(signed_data: cms.SignedData) -> str:
    sid = signed_data["signer_infos"][0]["sid"]
    for choice in signed_data["certificates"]:
        certificate = choice.chosen
        if sid.name == "issuer_and_serial_number" and (
            certificate.serial_number == sid.chosen["serial_number"].native
        ):
            return certificate.subject.native.get("common_name", "")
    return ""


def signature_time(pdf: bytes) -> SignatureTime:
    """The time of the PDF's last signature as pyHanko reads it: the timestamp token's
    genTime when the signature has one (B-T), else the signer-reported signing time."""
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    signature = reader.embedded_signatures[-1]
    token = _timestamp_token(signature)
    if token is not None:
        return SignatureTime(at=token[0], source=SOURCE_TSA, authority=token[1])
    return SignatureTime(at=signature.self_reported_timestamp, source=SOURCE_SERVER)


def only_archival_updates(status) -> bool:
    """Whether a signature covers the file but for PAdES archival updates (DSS, timestamps)."""
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    return (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level is not None
        and status.modification_level <= ModificationLevel.LTA_UPDATES
    )


def pades_level(pdf: bytes, trust_roots: list[x509.Certificate]) -> str:
    """B-B, B-T or B-LT for the last signature, judged offline from the PDF alone.

    B-LT: the signature (and its timestamp) validates against `trust_roots` with the
    DSS's certificates and revocation data only, revocation checks being mandatory.
    """
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    signature = reader.embedded_signatures[-1]
    if _timestamp_token(signature) is None:
        return LEVEL_B
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:  # no DSS in the file
        return LEVEL_T
    kwargs = {
        "trust_roots": asn1_roots(trust_roots),
        "allow_fetching": False,
        "revocation_mode": "hard-fail",
    }
    try:
        status = call_blocking(
            validate_pdf_signature,
            signature,
            dss.as_validation_context(kwargs),
            ts_validation_context=dss.as_validation_context(kwargs),
        )
    except Exception:
        return LEVEL_T
    timestamp = status.timestamp_validity
    if (
        status.bottom_line
        and only_archival_updates(status)
        and timestamp is not None
        and timestamp.valid
        and timestamp.trusted
    ):
        return LEVEL_LT
    return LEVEL_T
