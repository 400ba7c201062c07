"""Where documents record the audit chain head: the snapshot of a signed final RKT
(and any issued document carrying "audit_head") and the manifest.json of every archive
bundle. Registered with erkt.audit.anchors for `erkt audit verify`."""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Iterator

from erkt.audit.anchors import Anchor, anchor_source
from erkt.documents.archive.bundle import MANIFEST
from erkt.documents.archive.models import Berkas
from erkt.documents.models import IssuedDocument


@anchor_source
def issued_documents(organization_ids: set[int] | None) -> Iterator[Anchor]:
    documents = IssuedDocument.objects.filter(snapshot__has_key="audit_head")
    if organization_ids is not None:
        documents = documents.filter(organization_id__in=organization_ids)
    for document in documents.order_by("pk").iterator(chunk_size=200):
        yield Anchor(
            f"Dokumen {document.title} (#{document.pk})",
            document.organization_id,
            document.snapshot.get("audit_head") or {},
        )


@anchor_source
def archive_bundles(organization_ids: set[int] | None) -> Iterator[Anchor]:
    """The head in each bundle's manifest.json (a missing or unreadable bundle is
    `erkt archive verify`'s finding)."""
    berkas_list = Berkas.objects.exclude(bundle="")
    if organization_ids is not None:
        berkas_list = berkas_list.filter(organization_id__in=organization_ids)
    for berkas in berkas_list.order_by("pk"):
        try:
            with berkas.bundle.open("rb") as stored, zipfile.ZipFile(stored) as archive:
                manifest = json.loads(archive.read(MANIFEST))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, zlib.error):
            continue
        head = (manifest.get("berkas") or {}).get("audit_head")
        if head:
            yield Anchor(f"Berkas {berkas.nomor_berkas}", berkas.organization_id, head)
