"""The Berkas RKT on S3-compatible object storage (a real moto server on loopback): the
bundle, the signed PDF and the steps' uploads are objects of the bucket, the bundle
downloads from it and `erkt archive verify` checks it there."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from erkt.documents.tests.archive.conftest import SIGNED_PDF
from erkt.workflow.models import Attachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def archived_in_bucket(object_storage, archived):
    # `object_storage` comes first: the demo office's logo is stored in the bucket too.
    return archived


def test_the_bundle_and_every_file_of_the_process_are_objects_of_the_bucket(
    object_storage, archived_in_bucket, client_for, tim1, settings
):
    berkas = archived_in_bucket
    assert object_storage.keys("arsip/") == [berkas.bundle.name]
    bundle = object_storage.read(berkas.bundle.name)
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        assert archive.read("dokumen/test.arsip/RKT-2027.pdf") == SIGNED_PDF
    signed = berkas.documents.get(key="final")
    assert object_storage.read(signed.pdf_file.name) == SIGNED_PDF
    uploads = object_storage.keys("workflow/")
    attachments = Attachment.objects.filter(task__process=berkas.process)
    assert uploads == sorted(attachments.values_list("file", flat=True)) != []
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))

    response = client_for(tim1).get(reverse("archive:download", args=[berkas.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == bundle


def test_archive_verify_reads_the_bundle_from_the_bucket(object_storage, archived_in_bucket):
    out = io.StringIO()
    call_command("archive", "verify", archived_in_bucket.nomor_berkas, stdout=out)
    assert "utuh: 6 berkas cocok" in out.getvalue()

    object_storage.client.delete_object(
        Bucket=object_storage.name, Key=archived_in_bucket.bundle.name
    )
    with pytest.raises(CommandError, match="tidak utuh"):
        call_command("archive", "verify", archived_in_bucket.nomor_berkas, stdout=out, stderr=out)
