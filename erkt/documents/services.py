"""Issuing documents and rendering them from their snapshots."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from erkt.documents import registry
from erkt.documents.models import IssuedDocument

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
    return IssuedDocument.objects.create(
        organization=organization,
        process=process,
        kind=kind,
        key=key,
        title=title,
        snapshot=stored,
        digest=digest,
        issued_by=by,
    )


def formats_of(document: IssuedDocument) -> tuple[str, ...]:
    return registry.get(document.kind).formats


def render(document: IssuedDocument, fmt: str) -> Rendered:
    """The document in `fmt`; a stored PDF (signed, or a scan) is served as stored."""
    doc_type = registry.get(document.kind)
    stem = doc_type.filename(document.snapshot)
    if fmt == "pdf" and document.pdf_file:
        with document.pdf_file.open("rb") as stored:
            return Rendered(stored.read(), f"{stem}.pdf", CONTENT_TYPES["pdf"])
    renderer = doc_type.renderer(fmt)
    if renderer is None:
        raise LookupError(f"{document.kind} has no {fmt} format")
    content_type = CONTENT_TYPES.get(fmt) or mimetypes.types_map.get(f".{fmt}", "")
    return Rendered(renderer(document.snapshot), f"{stem}.{fmt}", content_type)
