"""The public verification of an issued document as JSON: GET /verifikasi/{code}, no login.

The same facts as the page /verifikasi/<code>/, read at every request from the stored signed
PDF and the document's snapshot: the signer, the certificate, the signing time and its
source, and whether the document is unchanged since it was signed.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from erkt.documents.models import IssuedDocument
from erkt.documents.services import stored_sha256s
from erkt.documents.signing.facts import (
    NATIONAL_VERIFIER_URL,
    CertificateFacts,
    SignatureFacts,
    signature_facts,
    signer_of,
)
from erkt.documents.signing.models import DocumentSignature
from erkt.documents.signing.services import public_url

router = Router(tags=["Verifikasi (publik)"])


class SignerOut(Schema):
    name: str
    nip: str
    jabatan: str


class CertificateOut(Schema):
    holder: str = Field(description="Pemilik sertifikat (CN subjek)")
    issuer: str = Field(description="Penerbit (nama CA)")
    issuer_dn: str = Field(description="Nama lengkap (DN) penerbit")
    serial: str = Field(description="Nomor seri, heksadesimal")
    not_before: datetime.datetime
    not_after: datetime.datetime
    trusted: bool = Field(description="Rantai sertifikat sampai ke CA yang dipercaya")
    valid_at_signing: bool = Field(
        description="Dipercaya dan waktu penandatanganan di dalam masa berlakunya"
    )


class SignatureOut(Schema):
    method: Literal["digital", "scan"]
    signer: SignerOut
    signed_at: datetime.datetime | None
    time_source: Literal["tsa", "server"] | None = Field(
        description='"tsa": stempel waktu RFC 3161 dari otoritas stempel waktu; '
        '"server": jam server e-RKT; null untuk pindaian'
    )
    timestamp_authority: str = Field(description="Nama otoritas stempel waktu (TSA)")
    timestamp_valid: bool
    certificate: CertificateOut | None
    intact: bool = Field(
        description="Sidik (digest) tanda tangan cocok dengan isi yang ditandatangani"
    )
    covers_whole_file: bool
    unchanged: bool = Field(description="Dokumen tidak berubah sejak ditandatangani")
    valid: bool = Field(description="Tidak berubah dan sertifikat berlaku saat menandatangani")
    problem: str


class VerificationOut(Schema):
    code: str
    title: str
    organization: str
    issued_at: datetime.datetime
    status: Literal["digital", "scan", "unsigned"]
    signature: SignatureOut | None
    pdf_sha256: str
    sha256: dict[str, str] = Field(description="SHA-256 tiap format yang diterbitkan")
    verification_url: str
    national_verifier: str = Field(
        description="Verifikator nasional untuk dokumen bertanda tangan sertifikat BSrE"
    )


@router.get(
    "/verifikasi/{code}",
    auth=None,
    response=VerificationOut,
    summary="Verifikasi dokumen (publik, tanpa login)",
)
def verify_document(request: HttpRequest, code: str) -> dict:
    document = get_object_or_404(IssuedDocument.objects.select_related("organization"), code=code)
    signature = DocumentSignature.objects.filter(document=document).first()
    zone = zoneinfo.ZoneInfo(document.organization.time_zone)
    return {
        "code": document.code,
        "title": document.title,
        "organization": document.organization.name,
        "issued_at": document.issued_at.astimezone(zone),
        "status": signature.method if signature else "unsigned",
        "signature": _signature(document, signature, zone) if signature else None,
        "pdf_sha256": document.pdf_sha256,
        "sha256": stored_sha256s(document),
        "verification_url": public_url(document),
        "national_verifier": NATIONAL_VERIFIER_URL,
    }


def _signature(document: IssuedDocument, signature: DocumentSignature, zone) -> dict:
    signer = signer_of(document, signature).__dict__
    if signature.method != DocumentSignature.Method.DIGITAL or not document.pdf_file:
        return {
            "method": signature.method,
            "signer": signer,
            "signed_at": signature.signed_at.astimezone(zone),
            "time_source": None,
            "timestamp_authority": "",
            "timestamp_valid": False,
            "certificate": None,
            "intact": False,
            "covers_whole_file": False,
            "unchanged": False,
            "valid": False,
            "problem": "",
        }
    facts: SignatureFacts = signature_facts(document, signature)
    return {
        "method": signature.method,
        "signer": signer,
        "signed_at": facts.signed_at.astimezone(zone) if facts.signed_at else None,
        "time_source": facts.time_source,
        "timestamp_authority": facts.timestamp_authority,
        "timestamp_valid": facts.timestamp_valid,
        "certificate": _certificate(facts.certificate, zone) if facts.certificate else None,
        "intact": facts.intact,
        "covers_whole_file": facts.covers_whole_file,
        "unchanged": facts.unchanged,
        "valid": facts.valid,
        "problem": facts.problem,
    }


def _certificate(certificate: CertificateFacts, zone) -> dict:
    return {
        **certificate.__dict__,
        "not_before": certificate.not_before.astimezone(zone),
        "not_after": certificate.not_after.astimezone(zone),
    }
