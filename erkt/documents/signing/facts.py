"""What the verification page states about a signed document, read at every request from the
signed PDF bytes as stored (pyHanko) and from the document's snapshot; nothing is cached.

Like the national verifier (tte.komdigi.go.id/verifyPDF) it names the signer, the
certificate (issuer, serial number, validity period, valid when it signed), the signing
time and where that time comes from (a timestamp authority's RFC 3161 token, or the
server's clock), and whether the document is unchanged since it was signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from asn1crypto import x509 as asn1_x509

from erkt.documents.models import IssuedDocument
from erkt.documents.signing.blocking import call_blocking
from erkt.documents.signing.certificates import sha256_hex
from erkt.documents.signing.models import DocumentSignature, TrustedRoot

# The national verifier of certified electronic signatures (Komdigi), for BSrE-signed PDFs.
NATIONAL_VERIFIER_URL = "https://tte.komdigi.go.id/verifyPDF"

TSA = "tsa"
SERVER = "server"


@dataclass(frozen=True)
class Signer:
    name: str
    nip: str
    jabatan: str


@dataclass(frozen=True)
class CertificateFacts:
    holder: str  # the certificate's subject (CN, else the whole name)
    issuer: str  # the issuing CA by its name
    issuer_dn: str
    serial: str  # hexadecimal, upper case, as PDF readers show it
    not_before: datetime
    not_after: datetime
    trusted: bool  # its chain leads to a CA the organisation trusts
    valid_at_signing: bool  # trusted, and the signing time lies within its validity period


@dataclass(frozen=True)
class SignatureFacts:
    signer: Signer
    certificate: CertificateFacts | None
    signed_at: datetime | None
    time_source: str  # TSA or SERVER
    timestamp_authority: str  # the TSA's name when time_source is TSA
    timestamp_valid: bool  # the timestamp token is intact and its TSA trusted
    intact: bool  # the signature's digest matches the signed bytes
    covers_whole_file: bool  # nothing but validation data (DSS) was appended after signing
    stored_pdf_matches: bool  # the stored PDF still has the SHA-256 recorded at signing
    pdf_sha256: str
    problem: str = ""  # why the signature could not be read at all

    @property
    def unchanged(self) -> bool:
        return self.intact and self.covers_whole_file and self.stored_pdf_matches

    @property
    def valid(self) -> bool:
        return self.unchanged and self.certificate is not None and self.certificate.valid_at_signing


def signer_of(document: IssuedDocument, signature: DocumentSignature | None) -> Signer:
    """Name, NIP and jabatan as the document printed them (its snapshot), else as recorded."""
    printed = document.snapshot.get("signature") if isinstance(document.snapshot, dict) else None
    printed = printed if isinstance(printed, dict) else {}
    return Signer(
        name=str(printed.get("name") or (signature.signer_name if signature else "")),
        nip=str(printed.get("nip") or ""),
        jabatan=str(printed.get("jabatan") or (signature.signer_title if signature else "")),
    )


def signature_facts(document: IssuedDocument, signature: DocumentSignature) -> SignatureFacts:
    """The facts of a digitally signed document, from its stored signed PDF."""
    # pyHanko is imported here, not at the top: the API's schemas import this module
    # at start-up, and pyHanko takes about a second to import.
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from erkt.documents.signing.pades import only_archival_updates
    from erkt.documents.signing.verify import _asn1

    with document.pdf_file.open("rb") as stored:
        data = stored.read()
    digest = sha256_hex(data)
    base = {
        "signer": signer_of(document, signature),
        "stored_pdf_matches": digest == document.pdf_sha256,
        "pdf_sha256": document.pdf_sha256,
    }
    try:
        embedded = PdfFileReader(BytesIO(data), strict=False).embedded_signatures[-1]
        signed_at, from_tsa = _signing_time(embedded)
    except Exception as exc:  # a mangled PDF: pyHanko raises several kinds of errors
        return _unreadable(base, str(exc))
    roots = [_asn1(c) for c in TrustedRoot.certificates_of(document.organization)]
    moment = {"moment": signed_at} if signed_at is not None else {}
    context = ValidationContext(trust_roots=roots, allow_fetching=False, **moment)
    try:
        status = call_blocking(validate_pdf_signature, embedded, context)
    except Exception as exc:
        return _unreadable(base, str(exc))
    timestamp = status.timestamp_validity
    certificate = _certificate_facts(embedded.signer_cert, trusted=status.trusted, at=signed_at)
    return SignatureFacts(
        **base,
        certificate=certificate,
        signed_at=signed_at,
        time_source=TSA if from_tsa else SERVER,
        timestamp_authority=_holder(timestamp.signing_cert) if timestamp is not None else "",
        timestamp_valid=bool(
            timestamp is not None and timestamp.intact and timestamp.valid and timestamp.trusted
        ),
        intact=bool(status.intact and status.valid),
        # PAdES B-LT appends the validation data (DSS) after the signature: allowed.
        covers_whole_file=only_archival_updates(status),
    )


def _unreadable(base: dict, problem: str) -> SignatureFacts:
    return SignatureFacts(
        **base,
        certificate=None,
        signed_at=None,
        time_source=SERVER,
        timestamp_authority="",
        timestamp_valid=False,
        intact=False,
        covers_whole_file=False,
        problem=problem,
    )


def _signing_time(embedded) -> tuple[datetime | None, bool]:
    """The time of the signature timestamp token (RFC 3161), else the time the signer's
    software wrote (the server's clock)."""
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    for token in extract_tst_data_iter(embedded.signer_info, signed=False):
        info = token["encap_content_info"]["content"].parsed
        return info["gen_time"].native, True
    return embedded.self_reported_timestamp, False


def _holder(certificate: asn1_x509.Certificate) -> str:
    names = certificate.subject.native
    return (
        names.get("common_name")
        or names.get("organization_name")
        or (certificate.subject.human_friendly)
    )


def _certificate_facts(
    certificate: asn1_x509.Certificate, *, trusted: bool, at: datetime | None
) -> CertificateFacts:
    validity = certificate["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    issuer = certificate.issuer.native
    return CertificateFacts(
        holder=_holder(certificate),
        issuer=issuer.get("common_name")
        or issuer.get("organization_name")
        or certificate.issuer.human_friendly,
        issuer_dn=certificate.issuer.human_friendly,
        serial=format(certificate.serial_number, "X"),
        not_before=not_before,
        not_after=not_after,
        trusted=bool(trusted),
        valid_at_signing=bool(trusted and at is not None and not_before <= at <= not_after),
    )
