"""The RKT document types: each Draft RKT version ("rkt.draft") and the final RKT
("rkt.final"); issuing them from a version, and the archive's provider."""

from __future__ import annotations

from erkt.audit.log import chain_head
from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.rkt.documents import rkt_render
from erkt.rkt.documents.rkt_snapshot import version_snapshot
from erkt.rkt.drafts.models import DraftRkt
from erkt.workflow.models import Process

DRAFT, FINAL = "rkt.draft", "rkt.final"

for _kind, _label in ((DRAFT, "Draft RKT (per versi, dengan koreksinya)"), (FINAL, "RKT")):
    registry.register(
        registry.DocumentType(
            kind=_kind,
            label=_label,
            filename=rkt_render.filename,
            pdf=rkt_render.pdf,
            docx=rkt_render.docx,
            xlsx=rkt_render.xlsx,
        )
    )


def document_key(draft: DraftRkt) -> str:
    return f"draft:{draft.pk}"


def issue_version_document(draft: DraftRkt, *, by) -> IssuedDocument:
    """The document of this version: issued now, or the earlier one when nothing changed.

    A draft's document is issued again when its corrections moved on. The final RKT
    is issued once: every later call returns that document (the one that is signed,
    or whose wet-signed scan is stored), whatever changed in the live records since.
    """
    process = draft.process
    if draft.is_final:
        issued = _final_of(draft)
        if issued is not None:
            return issued
    snapshot = version_snapshot(draft)
    if draft.is_final:
        # The final RKT is signed: it records the audit chain head (see erkt.audit.anchors).
        snapshot["audit_head"] = chain_head(process.organization)
    return issue(
        kind=FINAL if draft.is_final else DRAFT,
        key=document_key(draft),
        title=rkt_render.document_title(snapshot),
        snapshot=snapshot,
        organization=process.organization,
        process=process,
        by=by,
    )


def _final_of(draft: DraftRkt) -> IssuedDocument | None:
    issued = IssuedDocument.objects.filter(
        process_id=draft.process_id, kind=FINAL, key=document_key(draft)
    )
    return issued.exclude(pdf_file="").order_by("-pk").first() or issued.order_by("-pk").first()


def final_pdf_with_box(snapshot: dict):
    """The final RKT PDF and its signature box (page, x1, y1, x2, y2 in points)."""
    return rkt_render.final_pdf_with_box(snapshot)


@registry.register_provider
def version_documents(process: Process, *, by) -> list[IssuedDocument]:
    """For the archive: the document of every version, the final RKT last."""
    drafts = DraftRkt.objects.filter(process=process).select_related("process__organization")
    return [issue_version_document(draft, by=by) for draft in drafts.order_by("number")]
