"""The bundle is written all or nothing: a failure midway leaves no ZIP and no temporary file."""

import pytest
from django.core.files.base import ContentFile

from erkt.documents.archive.models import Berkas
from erkt.documents.archive.services import create_berkas
from erkt.documents.tests.archive.conftest import BERKAS_DATA, user

pytestmark = pytest.mark.django_db


def _files_under(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_a_disk_that_fills_up_while_the_bundle_is_written_leaves_no_zip_behind(
    at_step_11, settings, monkeypatch
):
    chunks = ContentFile.chunks

    def zip_chunks_then_disk_full(self, chunk_size=None):
        self.seek(0)
        if self.read(4) != b"PK\x03\x04":
            yield from chunks(self, chunk_size)
            return
        self.seek(0)
        yield self.read(1024)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ContentFile, "chunks", zip_chunks_then_disk_full)
    with pytest.raises(OSError, match="No space left"):
        create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA))
    assert not Berkas.objects.exists()
    archive = settings.MEDIA_ROOT / "arsip"
    assert not archive.exists() or _files_under(archive) == []


def test_the_bundle_is_moved_into_place_whole_and_no_temporary_file_remains(at_step_11, settings):
    berkas = create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA))
    folder = settings.MEDIA_ROOT / "arsip"
    assert _files_under(folder) == [berkas.bundle.name.removeprefix("arsip/")]
    with berkas.bundle.open("rb") as stored:
        assert len(stored.read()) == berkas.bundle.size
