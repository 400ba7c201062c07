import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("archive", *args, stdout=out, stderr=out)
    return out.getvalue()


def _tamper(berkas, change) -> None:
    """Rewrite the stored ZIP in place, as someone with access to the media directory could."""
    with berkas.bundle.open("rb") as stored:
        source = zipfile.ZipFile(io.BytesIO(stored.read()))
    files = {name: source.read(name) for name in source.namelist()}
    change(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in files.items():
            target.writestr(name, content)
    storage, name = berkas.bundle.storage, berkas.bundle.name
    storage.delete(name)
    assert storage.save(name, ContentFile(buffer.getvalue())) == name


def test_it_accepts_an_intact_bundle_by_nomor_berkas(archived):
    assert "utuh: 6 berkas cocok" in _run("verify", archived.nomor_berkas)


def test_it_finds_the_berkas_by_its_id_too(archived):
    assert archived.nomor_berkas in _run("verify", str(archived.pk))


def test_it_fails_and_names_the_changed_file(archived):
    path = "dokumen/test.arsip/RKT-2027.pdf"
    _tamper(archived, lambda files: files.__setitem__(path, b"%PDF-1.7 diubah"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="tidak utuh"):
        call_command("archive", "verify", archived.nomor_berkas, stdout=out, stderr=out)
    assert f"berubah: {path}" in out.getvalue()


def test_it_fails_and_names_the_missing_file(archived):
    _tamper(archived, lambda files: files.pop("audit/jejak-audit.jsonl"))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("archive", "verify", archived.nomor_berkas, stdout=out, stderr=out)
    assert "hilang: audit/jejak-audit.jsonl" in out.getvalue()


def test_it_fails_when_the_bundle_file_is_gone(archived):
    archived.bundle.storage.delete(archived.bundle.name)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("archive", "verify", str(archived.pk), stdout=out, stderr=out)
    assert "bundel ZIP tidak ditemukan" in out.getvalue()


def test_an_unknown_berkas_is_an_error(archived):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _run("verify", "999/XYZ")


def test_the_command_line_exits_non_zero_on_a_changed_bundle(archived, capsys):
    from django.core.management import execute_from_command_line

    _tamper(archived, lambda files: files.__setitem__("manifest.json", b"{}"))
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["erkt", "archive", "verify", archived.nomor_berkas])
    assert exit_.value.code != 0
    assert "manifest.json" in capsys.readouterr().err
