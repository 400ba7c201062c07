import io
import json
import zipfile

import pytest

from erkt.audit.models import AuditEntry
from erkt.documents.archive.bundle import AUDIT_EXTRACT, MANIFEST, sha256, verify_bundle
from erkt.documents.archive.models import ArchiveImmutable, Berkas
from erkt.documents.archive.seal import README
from erkt.documents.archive.services import verify
from erkt.documents.tests.archive.conftest import SIGNED_PDF

pytestmark = pytest.mark.django_db

DOCUMENT_FILES = {
    "dokumen/test.arsip/RKT-2027.pdf",
    "dokumen/test.arsip/RKT-2027.docx",
    "dokumen/test.arsip/RKT-2027-2.pdf",
    "dokumen/test.arsip/RKT-2027-2.docx",
}


def _files(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _bundle(berkas: Berkas) -> bytes:
    with berkas.bundle.open("rb") as stored:
        return stored.read()


def _check(berkas: Berkas, content: bytes):
    return verify_bundle(
        content,
        stored=berkas.manifest,
        bundle_sha256=berkas.bundle_sha256,
        manifest_sha256=berkas.manifest_sha256,
    )


def test_the_bundle_holds_every_format_of_every_document_the_audit_extract_and_the_manifest(
    archived,
):
    files = _files(_bundle(archived))
    assert set(files) == DOCUMENT_FILES | {AUDIT_EXTRACT, README, MANIFEST}
    assert files["dokumen/test.arsip/RKT-2027.pdf"] == SIGNED_PDF  # the signed PDF as stored
    assert files["dokumen/test.arsip/RKT-2027-2.pdf"] == b"%PDF-1.4 Draft RKT versi 1"


def test_the_manifest_and_the_database_hold_the_sha256_of_every_file(archived):
    content = _bundle(archived)
    files = _files(content)
    manifest = json.loads(files[MANIFEST])
    listed = {item["path"]: item["sha256"] for item in manifest["files"]}
    expected = {path: sha256(data) for path, data in files.items() if path != MANIFEST}
    assert listed == expected == archived.manifest
    assert archived.bundle_sha256 == sha256(content)
    assert archived.manifest_sha256 == sha256(files[MANIFEST])
    assert manifest["berkas"]["nomor_berkas"] == "000.7/001/BKPSDM/2026"
    assert manifest["berkas"]["arsiparis"]["jabatan"]
    assert [d["title"] for d in manifest["documents"]] == ["RKT 2027", "Draft RKT versi 1"]


def test_the_audit_extract_holds_the_process_and_its_tasks_with_their_hashes(archived):
    lines = [json.loads(line) for line in _files(_bundle(archived))[AUDIT_EXTRACT].splitlines()]
    actions = {line["action"] for line in lines}
    assert {"process.start", "task.complete", "step.open", "attachment.add"} <= actions
    assert [line["seq"] for line in lines] == sorted(line["seq"] for line in lines)
    for line in lines:
        entry = AuditEntry.objects.get(pk=line["id"])
        assert line["hash"] == entry.hash == entry.compute_hash()
        assert line["prev_hash"] == entry.prev_hash


def test_the_manifest_check_accepts_the_intact_bundle(archived):
    report = verify(archived)
    assert report.ok, report.lines()
    assert report.checked == len(DOCUMENT_FILES) + 2  # the audit extract, README.txt


def test_the_manifest_check_names_a_changed_file(archived):
    files = _files(_bundle(archived))
    files["dokumen/test.arsip/RKT-2027.pdf"] = SIGNED_PDF + b" "
    report = _check(archived, _zip(files))
    assert not report.ok
    assert report.changed == ["dokumen/test.arsip/RKT-2027.pdf"]
    assert report.missing == report.extra == []


def test_the_manifest_check_names_a_missing_and_an_extra_file(archived):
    files = _files(_bundle(archived))
    del files[AUDIT_EXTRACT]
    files["dokumen/sisipan.pdf"] = b"%PDF-1.4"
    report = _check(archived, _zip(files))
    assert (report.missing, report.extra, report.changed) == (
        [AUDIT_EXTRACT],
        ["dokumen/sisipan.pdf"],
        [],
    )


def test_a_file_changed_together_with_its_manifest_line_is_still_named(archived):
    files = _files(_bundle(archived))
    path = "dokumen/test.arsip/RKT-2027-2.docx"
    files[path] = b"DOCX dipalsukan"
    manifest = json.loads(files[MANIFEST])
    for item in manifest["files"]:
        if item["path"] == path:
            item["sha256"] = sha256(files[path])
    files[MANIFEST] = json.dumps(manifest).encode()
    report = _check(archived, _zip(files))
    assert path in report.changed
    assert MANIFEST in report.changed
    assert any(path in problem for problem in report.problems)


def test_a_bundle_that_is_no_zip_is_refused_with_the_reason(archived):
    report = _check(archived, b"bukan zip")
    assert not report.ok
    assert any("tidak dapat dibaca" in problem for problem in report.problems)


def test_the_berkas_and_its_bundle_cannot_be_changed_or_deleted(archived):
    archived.uraian = "Lain"
    with pytest.raises(ArchiveImmutable):
        archived.save()
    archived.refresh_from_db()
    archived.bundle_sha256 = "0" * 64
    with pytest.raises(ArchiveImmutable):
        archived.save(update_fields=["bundle_sha256"])
    with pytest.raises(ArchiveImmutable):
        archived.delete()
    assert Berkas.objects.get(pk=archived.pk).bundle_sha256 == sha256(_bundle(archived))
