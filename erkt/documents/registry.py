"""Which document types exist and how each is rendered; who provides a process's documents.

Apps register their document types (renderers that read a snapshot dict only) and
their providers (which issue every document the app holds for a process, for the
archive) at start-up. The documents app itself knows no RKT.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from erkt.documents.models import IssuedDocument

FORMATS = ("pdf", "docx", "xlsx")

Renderer = Callable[[dict], bytes]


@dataclass(frozen=True)
class DocumentType:
    kind: str
    label: str
    filename: Callable[[dict], str]  # the file name's stem, without extension
    pdf: Renderer
    docx: Renderer | None = None
    xlsx: Renderer | None = None
    # Who of the organisation may read one document of this type (everyone when None):
    # e.g. a unit's Form RKT is not for the head of another unit.
    readable_by: Callable[[IssuedDocument, Any], bool] | None = None

    def can_read(self, document: IssuedDocument, user: Any) -> bool:
        return self.readable_by is None or self.readable_by(document, user)

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(fmt for fmt in FORMATS if getattr(self, fmt) is not None)

    def renderer(self, fmt: str) -> Renderer | None:
        return getattr(self, fmt, None) if fmt in FORMATS else None


_types: dict[str, DocumentType] = {}
Provider = Callable[..., "list[IssuedDocument]"]
_providers: list[Provider] = []


def register(doc_type: DocumentType) -> DocumentType:
    _types[doc_type.kind] = doc_type
    return doc_type


def get(kind: str) -> DocumentType:
    try:
        return _types[kind]
    except KeyError:
        raise LookupError(f"No document type {kind!r} is registered") from None


def register_provider(provider: Provider) -> Provider:
    """Decorator: `provider(process, *, by) -> list[IssuedDocument]`."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers(process: Any, *, by: Any) -> list[IssuedDocument]:
    """Every document the apps hold for `process`, issued (or reused) now."""
    documents: list[IssuedDocument] = []
    for provider in _providers:
        documents.extend(provider(process, by=by))
    return documents
