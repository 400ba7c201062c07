"""The bundle's manifest is signed with the archive certificate (manifest.json.p7s), and
`openssl cms -verify` checks it on any machine with the bundle's ca.pem, as README.txt says."""

from __future__ import annotations

import io
import json
import shlex
import subprocess
import zipfile
from pathlib import Path

import pytest

from erkt.documents.archive.admin_forms import store_archive_certificate
from erkt.documents.archive.bundle import MANIFEST, sha256
from erkt.documents.archive.models import ArchiveCertificate, Berkas
from erkt.documents.archive.seal import CA_FILE, MANIFEST_SIGNATURE, README
from erkt.documents.archive.services import create_berkas, verify
from erkt.documents.signing.demo import load_demo_signing, make_ca, make_signer_pkcs12
from erkt.documents.tests.archive.conftest import BERKAS_DATA, user
from erkt.workflow.errors import Invalid
from erkt.workflow.models import Task

DOCUMENT = "dokumen/test.arsip/RKT-2027.pdf"


@pytest.fixture
def sealed(at_step_11, demo) -> Berkas:
    """The Berkas archived at step 11 by tim1, the demo office having its archive certificate
    as `erkt demo` makes it."""
    load_demo_signing(demo)
    return create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA))


def unpacked(berkas: Berkas, folder: Path) -> Path:
    with berkas.bundle.open("rb") as stored, zipfile.ZipFile(io.BytesIO(stored.read())) as bundle:
        bundle.extractall(folder)
    return folder


def readme_command(folder: Path) -> list[str]:
    """The openssl command exactly as README.txt writes it."""
    lines = (folder / README).read_text().splitlines()
    return shlex.split(next(line.strip() for line in lines if "openssl cms -verify" in line))


def run(command: list[str], folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)


def test_openssl_accepts_the_manifest_of_a_sealed_bundle(sealed, tmp_path):
    folder = unpacked(sealed, tmp_path)
    assert {MANIFEST_SIGNATURE, CA_FILE, README} <= {p.name for p in folder.iterdir()}

    result = run(readme_command(folder), folder)

    assert result.returncode == 0, result.stderr
    assert "Verification successful" in result.stderr
    assert verify(sealed).ok  # `erkt archive verify` agrees


def test_openssl_refuses_it_after_a_file_and_its_manifest_line_are_rewritten(sealed, tmp_path):
    folder = unpacked(sealed, tmp_path)
    forged = b"%PDF-1.7 RKT 2027 dipalsukan"
    (folder / DOCUMENT).write_bytes(forged)
    manifest = json.loads((folder / MANIFEST).read_bytes())
    for item in manifest["files"]:
        if item["path"] == DOCUMENT:
            item["sha256"], item["size"] = sha256(forged), len(forged)
    (folder / MANIFEST).write_bytes(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    )

    result = run(readme_command(folder), folder)

    assert result.returncode != 0
    assert "Verification failure" in result.stderr


def test_the_sha256_check_of_the_readme_passes(sealed, tmp_path):
    folder = unpacked(sealed, tmp_path)
    listed = run(["jq", "-r", '.files[] | "\\(.sha256)  \\(.path)"', MANIFEST], folder).stdout
    result = subprocess.run(
        ["sha256sum", "-c"], input=listed, cwd=folder, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert f"{README}: OK" in result.stdout and f"{CA_FILE}: OK" in result.stdout
    assert "jq -r '.files[]" in (folder / README).read_text()


def test_the_readme_names_the_archive_certificate_in_indonesian(sealed, demo, tmp_path):
    text = (unpacked(sealed, tmp_path) / README).read_text()
    certificate = ArchiveCertificate.objects.get(organization=demo)
    assert "CARA MEMERIKSA" in text
    assert certificate.fingerprint_sha256 in text
    assert "Verification successful" in text


def test_the_signature_and_its_ca_are_kept_among_the_bundles_hashes(sealed):
    assert {MANIFEST_SIGNATURE, CA_FILE, README} <= set(sealed.manifest)


def test_a_changed_signature_is_named_by_archive_verify(sealed, tmp_path):
    from erkt.documents.archive.bundle import verify_bundle

    with sealed.bundle.open("rb") as stored:
        content = stored.read()
    with zipfile.ZipFile(io.BytesIO(content)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    signature = files[MANIFEST_SIGNATURE]
    # The last byte flipped, never set to a value it may already have (1 run in 256).
    files[MANIFEST_SIGNATURE] = signature[:-1] + bytes([signature[-1] ^ 0xFF])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)
    report = verify_bundle(
        buffer.getvalue(),
        stored=sealed.manifest,
        bundle_sha256=sealed.bundle_sha256,
        manifest_sha256=sealed.manifest_sha256,
    )
    assert report.changed == [MANIFEST_SIGNATURE]


def test_without_an_archive_certificate_the_readme_says_the_manifest_is_unsigned(
    archived, tmp_path
):
    folder = unpacked(archived, tmp_path)
    assert not (folder / MANIFEST_SIGNATURE).exists()
    assert "TIDAK ditandatangani" in (folder / README).read_text()
    assert verify(archived).ok


def test_a_certificate_whose_passphrase_is_missing_refuses_archiving_and_changes_nothing(
    at_step_11, demo, monkeypatch
):
    data = make_signer_pkcs12(
        make_ca(demo.name), name="Arsip", organization=demo.name, passphrase="rahasia-arsip"
    )
    monkeypatch.setenv("ERKT_ARCHIVE_PASSPHRASE", "rahasia-arsip")
    store_archive_certificate(demo, data, passphrase_variable="ERKT_ARCHIVE_PASSPHRASE")
    monkeypatch.delenv("ERKT_ARCHIVE_PASSPHRASE")

    with pytest.raises(Invalid) as refused:
        create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA))

    assert "ERKT_ARCHIVE_PASSPHRASE" in refused.value.message
    assert not Berkas.objects.filter(process=at_step_11).exists()
    assert Task.objects.get(process=at_step_11, step_run__number=11).status == "open"


def test_a_pkcs12_file_named_in_the_settings_signs_for_an_office_without_one(
    at_step_11, demo, settings, monkeypatch, tmp_path
):
    ca = make_ca(demo.name)
    path = tmp_path / "arsip.p12"
    path.write_bytes(
        make_signer_pkcs12(ca, name="Arsip Pemkab", organization=demo.name, passphrase="x1")
    )
    settings.ERKT_ARCHIVE_PKCS12_FILE = str(path)
    monkeypatch.setenv("ERKT_ARCHIVE_PASSPHRASE", "x1")
    berkas = create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA))

    folder = unpacked(berkas, tmp_path / "bundel")
    result = run(readme_command(folder), folder)
    assert result.returncode == 0, result.stderr
    assert "Arsip Pemkab" in (folder / README).read_text()


def test_the_berkas_page_says_the_manifest_is_signed_and_how_to_check_it(sealed, archived_page):
    html = archived_page(sealed)
    assert 'id="manifest-signature"' in html
    assert "openssl cms -verify" in html and MANIFEST_SIGNATURE in html


def test_the_berkas_page_says_an_unsigned_manifest_is_unsigned(archived, archived_page):
    assert "Manifest tidak ditandatangani" in archived_page(archived)


@pytest.fixture
def archived_page(client_for):
    from django.urls import reverse

    def get(berkas: Berkas) -> str:
        response = client_for(user("tim1")).get(reverse("archive:detail", args=[berkas.pk]))
        assert response.status_code == 200
        return response.content.decode()

    return get
