"""Issued documents: those of a process, and each one's file in PDF, DOCX or XLSX.

The same rule as the web pages: a document of another organisation, or one its type
keeps from the caller (another unit's Form RKT), answers 404 as if it did not exist.
Every file is served as stored when the document was issued, byte for byte (a signed
RKT's PDF, or its wet-signed scan, as stored then).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from erkt.api.schemas import LocalDateTime
from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.services import formats_of, stored_sha256s
from erkt.documents.signing.services import public_url
from erkt.documents.views import document_of, download_response
from erkt.workflow.pages import get_process

router = Router(tags=["Dokumen"])


class DocumentOut(Schema):
    id: int
    process: int | None
    kind: str = Field(description="Jenis dokumen, mis. rkt.final, rkt.draft, rkt.form")
    label: str
    title: str
    key: str
    issued_at: LocalDateTime
    digest: str = Field(description="SHA-256 isi (snapshot) dokumen")
    formats: list[str] = Field(description="Format unduhan: pdf, docx, xlsx")
    pdf_kind: str = Field(description='"" (dicetak dari data), "digital" atau "scan"')
    pdf_sha256: str = Field(description="SHA-256 PDF yang disimpan (RKT yang disahkan)")
    sha256: dict[str, str] = Field(
        description="SHA-256 tiap format yang disimpan saat diterbitkan (PDF yang disahkan "
        "bila ada); format yang belum pernah diunduh dari dokumen lama belum tercantum"
    )
    verification_code: str
    verification_url: str


def readable(document: IssuedDocument, user) -> bool:
    try:
        return registry.get(document.kind).can_read(document, user)
    except LookupError:  # a type no longer registered cannot be rendered either
        return False


def document_data(document: IssuedDocument) -> dict:
    return {
        "id": document.pk,
        "process": document.process_id,
        "kind": document.kind,
        "label": registry.get(document.kind).label,
        "title": document.title,
        "key": document.key,
        "issued_at": document.issued_at,
        "digest": document.digest,
        "formats": list(formats_of(document)),
        "pdf_kind": document.pdf_kind,
        "pdf_sha256": document.pdf_sha256,
        "sha256": stored_sha256s(document),
        "verification_code": document.code,
        "verification_url": public_url(document),
    }


@router.get(
    "/processes/{process_id}/documents",
    response=list[DocumentOut],
    summary="Dokumen yang diterbitkan dalam proses",
)
def process_documents(request: HttpRequest, process_id: int) -> list[dict]:
    process = get_process(request.user, process_id)
    documents = (
        IssuedDocument.objects.filter(process=process)
        .prefetch_related("files")
        .order_by("issued_at", "pk")
    )
    return [document_data(d) for d in documents if readable(d, request.user)]


@router.get("/documents/{document_id}/{fmt}", summary="Unduh dokumen (pdf, docx atau xlsx)")
def document_download(request: HttpRequest, document_id: int, fmt: str) -> HttpResponse:
    return download_response(document_of(request, document_id), fmt)
