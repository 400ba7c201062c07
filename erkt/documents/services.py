"""Issuing documents, rendering each format once from the snapshot, and serving the stored
bytes.

A document's formats are rendered when it is issued (right after the issuing
transaction commits, so a transaction holding locks is never slowed by rendering) and
kept as DocumentFiles; every later download, the archive bundle and the verification
page read those bytes. A document issued before files were stored gets each format
rendered and stored at its first download, once.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from erkt.documents import registry
from erkt.documents.metadata import issued_at, organisation
from erkt.documents.models import DocumentFile, IssuedDocument
from erkt.documents.pdf import PdfIdentity, describing

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


def canonical(snapshot: dict) -> dict:
    """The snapshot as it will be stored: plain JSON (dates, Decimals as strings)."""
    return json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))


def digest_of(snapshot: dict) -> str:
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def issue(
    *,
    kind: str,
    key: str,
    title: str,
    snapshot: dict[str, Any],
    organization,
    process=None,
    by,
) -> IssuedDocument:
    """Issue the document, or reuse the latest one of the same thing when nothing changed
    (printing twice must not pile up copies, yet a changed record gets a new issue)."""
    registry.get(kind)  # an unknown kind is a programming error: fail before storing
    stored = canonical(snapshot)
    digest = digest_of(stored)
    latest = (
        IssuedDocument.objects.filter(
            organization=organization, process=process, kind=kind, key=key
        )
        .order_by("-issued_at", "-pk")
        .first()
    )
    if latest is not None and latest.digest == digest and latest.title == title:
        return latest
    document = IssuedDocument.objects.create(
        organization=organization,
        process=process,
        kind=kind,
        key=key,
        title=title,
        snapshot=stored,
        digest=digest,
        issued_by=by,
    )
    # Now when no transaction is open, else once the caller's transaction commits (its locks
    # are not held while rendering). A failure is logged: the first download renders again.
    transaction.on_commit(partial(_freeze_committed, document.pk), robust=True)
    return document


def _freeze_committed(pk: int) -> None:
    document = IssuedDocument.objects.filter(pk=pk).first()
    if document is not None:  # gone when the transaction was rolled back meanwhile
        freeze(document)


def formats_of(document: IssuedDocument) -> tuple[str, ...]:
    return registry.get(document.kind).formats


def freeze(document: IssuedDocument) -> dict[str, DocumentFile]:
    """Every format of the document rendered once and stored; what is stored already stays.

    A stored signed PDF (or scan) is the document's PDF: no unsigned PDF is added then."""
    files = {item.format: item for item in document.files.all()}
    for fmt in formats_of(document):
        if fmt not in files and not (fmt == "pdf" and document.pdf_file):
            files[fmt] = _store(document, fmt)
    return files


def _store(document: IssuedDocument, fmt: str) -> DocumentFile:
    """Render `fmt` and keep it; a concurrent first download that stored it first wins."""
    content = render_fresh(document, fmt)
    filename = f"{registry.get(document.kind).filename(document.snapshot)}.{fmt}"
    item = DocumentFile(
        document=document,
        format=fmt,
        filename=filename,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    item.file.save(filename, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        item.file.storage.delete(item.file.name)
        return DocumentFile.objects.get(document=document, format=fmt)
    return item


def stored_file(document: IssuedDocument, fmt: str) -> DocumentFile:
    """The stored bytes of `fmt`, rendered and stored now when the document predates them."""
    if fmt not in formats_of(document):
        raise LookupError(f"{document.kind} has no {fmt} format")
    item = next((item for item in document.files.all() if item.format == fmt), None)
    return item or _store(document, fmt)


def stored_sha256s(document: IssuedDocument) -> dict[str, str]:
    """Format -> SHA-256 of every file the document was issued as (its signed PDF included)."""
    hashes = {item.format: item.sha256 for item in document.files.all()}
    if document.pdf_file:
        hashes["pdf"] = document.pdf_sha256
    return hashes


def render(document: IssuedDocument, fmt: str) -> Rendered:
    """The document in `fmt`, exactly as issued: a stored PDF (signed, or a scan) as stored,
    every other format as it was rendered once when the document was issued."""
    doc_type = registry.get(document.kind)
    stem = doc_type.filename(document.snapshot)
    content_type = CONTENT_TYPES.get(fmt) or mimetypes.types_map.get(f".{fmt}", "")
    if fmt == "pdf" and document.pdf_file:
        with document.pdf_file.open("rb") as stored:
            return Rendered(stored.read(), f"{stem}.pdf", content_type)
    item = stored_file(document, fmt)
    return Rendered(item.read(), item.filename, content_type)


def render_fresh(document: IssuedDocument, fmt: str) -> bytes:
    """A new rendering of the snapshot in `fmt`: only for storing it (see `freeze`)."""
    renderer = registry.get(document.kind).renderer(fmt)
    if renderer is None:
        raise LookupError(f"{document.kind} has no {fmt} format")
    with describing(pdf_identity(document)):
        return renderer(document.snapshot)


def pdf_identity(document: IssuedDocument) -> PdfIdentity:
    """What a PDF of the document says about itself: its title, the organisation, its
    verification code, the day its snapshot is dated."""
    return PdfIdentity(
        title=document.title,
        author=organisation(document.snapshot) or document.organization.name,
        identifier=document.code,
        created=issued_at(document.snapshot),
    )
