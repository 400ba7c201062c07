"""The archive bundle: a ZIP of a process's documents, its audit extract and manifest.json.

Layout of the ZIP:
    dokumen/<kind>/<file name>.<pdf|docx|xlsx>   every format of every issued document, the
                                                  bytes stored when it was issued (the signed
                                                  RKT's PDF as signed): nothing is rendered
    audit/jejak-audit.jsonl                       the audit entries of the process and of
                                                  every record bound to it, with their hashes
    README.txt                                    what the bundle holds, how to check it
                                                  (Bahasa Indonesia)
    ca.pem                                        the archive certificate's CA certificates
    manifest.json                                 the Berkas, the documents, and the SHA-256
                                                  of every other file
    manifest.json.p7s                             the archive certificate's detached CMS
                                                  signature of manifest.json (seal.py)
ca.pem and manifest.json.p7s only when the organisation has an archive certificate.
The database keeps the same hashes (Berkas.manifest) and the bundle's own SHA-256, so
`verify_bundle` can name what changed even when manifest.json was rewritten as well.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, prefetch_related_objects

from erkt.audit.models import AuditEntry
from erkt.documents import registry
from erkt.documents.archive import seal
from erkt.documents.models import IssuedDocument
from erkt.documents.services import render as stored_content

MANIFEST = "manifest.json"
AUDIT_EXTRACT = "audit/jejak-audit.jsonl"
MANIFEST_FORMAT = 1
# A fixed time for every ZIP entry: the bytes depend on the content only.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


@dataclass(frozen=True)
class BundleFile:
    path: str
    content: bytes

    @property
    def sha256(self) -> str:
        return sha256(self.content)


@dataclass(frozen=True)
class Bundle:
    content: bytes
    hashes: dict[str, str]  # path -> SHA-256, manifest.json excepted (its signature included)
    manifest_sha256: str

    @property
    def sha256(self) -> str:
        return sha256(self.content)


@dataclass
class BundleReport:
    """What `verify_bundle` found; empty lists and no problems mean the bundle is intact."""

    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra or self.problems)

    def lines(self) -> list[str]:
        return (
            self.problems
            + [f"berubah: {path}" for path in self.changed]
            + [f"hilang: {path}" for path in self.missing]
            + [f"tambahan: {path}" for path in self.extra]
        )


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


# --- Building ----------------------------------------------------------------------------------


def build_bundle(
    *,
    berkas: dict[str, Any],
    documents: Iterable[IssuedDocument],
    audit: bytes,
    signer: seal.ArchiveSigner | None = None,
) -> Bundle:
    """The ZIP of every document in every format (as stored), the audit extract, README.txt
    and the manifest; signed by `signer` (manifest.json.p7s, with ca.pem) when given."""
    documents = list(documents)
    prefetch_related_objects(documents, "files")
    files = [
        *document_files(documents),
        BundleFile(AUDIT_EXTRACT, audit),
        BundleFile(seal.README, seal.readme(berkas, signer)),
    ]
    if signer is not None:
        files.append(BundleFile(seal.CA_FILE, seal.ca_pem(signer)))
    manifest = _manifest_bytes(berkas, documents, files)
    after = [BundleFile(MANIFEST, manifest)]
    if signer is not None:
        after.append(BundleFile(seal.MANIFEST_SIGNATURE, seal.sign_manifest(manifest, signer)))
    hashes = {f.path: f.sha256 for f in [*files, *after[1:]]}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in [*files, *after]:
            archive.writestr(zipfile.ZipInfo(item.path, ZIP_TIME), item.content)
    return Bundle(buffer.getvalue(), hashes, sha256(manifest))


def document_files(documents: list[IssuedDocument]) -> list[BundleFile]:
    files: list[BundleFile] = []
    used: set[str] = set()
    for document in documents:
        for fmt in registry.get(document.kind).formats:
            rendered = stored_content(document, fmt)
            path = _unique(f"dokumen/{_safe(document.kind)}/{_safe(rendered.filename)}", used)
            files.append(BundleFile(path, rendered.content))
    return files


def _manifest_bytes(
    berkas: dict[str, Any], documents: list[IssuedDocument], files: list[BundleFile]
) -> bytes:
    manifest = {
        "format": MANIFEST_FORMAT,
        "berkas": berkas,
        "documents": [
            {
                "id": d.pk,
                "kind": d.kind,
                "key": d.key,
                "title": d.title,
                "code": d.code,
                "digest": d.digest,
                "issued_at": d.issued_at.isoformat(),
                "pdf_kind": d.pdf_kind,
                "pdf_sha256": d.pdf_sha256,
            }
            for d in documents
        ],
        "files": [{"path": f.path, "size": len(f.content), "sha256": f.sha256} for f in files],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()


def _safe(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return UNSAFE.sub("-", name).strip(" .") or "dokumen"


def _unique(path: str, used: set[str]) -> str:
    stem, dot, extension = path.rpartition(".")
    if not dot:
        stem, extension = path, ""
    candidate, number = path, 2
    while candidate in used:
        candidate = f"{stem}-{number}{dot}{extension}"
        number += 1
    used.add(candidate)
    return candidate


# --- The audit extract ------------------------------------------------------------------------


def audit_extract(process: models.Model) -> bytes:
    """JSON lines: every audit entry of the process and of each record bound to it (its step
    runs, tasks, documents, and the app records with a `process` foreign key), in chain order,
    each with its hash and the previous hash, so the extract can be checked against the chain."""
    condition = Q()
    for label, ids in _bound_objects(process).items():
        condition |= Q(object_type=label, object_id__in=ids)
    entries = AuditEntry.objects.filter(condition, organization_id=process.organization_id)
    lines = [
        json.dumps(
            {"id": entry.pk, **entry.hashed_content(), "hash": entry.hash},
            ensure_ascii=False,
            sort_keys=True,
        )
        for entry in entries.order_by("seq")
    ]
    return ("\n".join(lines) + "\n").encode() if lines else b""


def _bound_objects(process: models.Model) -> dict[str, list[str]]:
    bound: dict[str, list[str]] = {process._meta.label_lower: [str(process.pk)]}
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if (
                isinstance(model_field, models.ForeignKey)
                and model_field.related_model is type(process)
                and not model_field.many_to_many
            ):
                ids = model._base_manager.filter(**{model_field.name: process}).values_list(
                    "pk", flat=True
                )
                bound.setdefault(model._meta.label_lower, []).extend(str(pk) for pk in ids)
    return bound


# --- Verifying --------------------------------------------------------------------------------


def verify_bundle(
    content: bytes | None, *, stored: dict[str, str], bundle_sha256: str, manifest_sha256: str
) -> BundleReport:
    """Check the ZIP against the hashes kept in the database and against its manifest.json."""
    report = BundleReport()
    if content is None:
        report.problems.append("bundel ZIP tidak ditemukan")
        return report
    if sha256(content) != bundle_sha256:
        report.problems.append("SHA-256 bundel ZIP tidak sama dengan yang tercatat")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            present = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        report.problems.append(f"bundel ZIP tidak dapat dibaca ({error})")
        return report
    for path in sorted(stored):
        report.checked += 1
        if path not in present:
            report.missing.append(path)
        elif sha256(present[path]) != stored[path]:
            report.changed.append(path)
    report.extra.extend(sorted(p for p in present if p not in stored and p != MANIFEST))
    _check_manifest(present.get(MANIFEST), stored, manifest_sha256, report)
    return report


def _check_manifest(
    manifest: bytes | None, stored: dict[str, str], manifest_sha256: str, report: BundleReport
) -> None:
    if manifest is None:
        report.missing.append(MANIFEST)
        return
    if sha256(manifest) != manifest_sha256:
        report.changed.append(MANIFEST)
    try:
        listed = {item["path"]: item["sha256"] for item in json.loads(manifest)["files"]}
    except (ValueError, KeyError, TypeError):
        report.problems.append("manifest.json tidak dapat dibaca")
        return
    # The manifest cannot list its own signature: the database holds that file's hash.
    for path in sorted((set(stored) | set(listed)) - {seal.MANIFEST_SIGNATURE}):
        if listed.get(path) != stored.get(path):
            report.problems.append(f"manifest.json tidak sesuai catatan untuk {path}")
