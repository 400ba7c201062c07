"""Issued documents on S3-compatible object storage (a real moto server on loopback): every
format is stored in the bucket when issued and served from it, a signed PDF too; nothing
is written to the local media folder."""

from __future__ import annotations

import hashlib

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from erkt.documents.services import issue
from erkt.documents.tests.conftest import NOTA
from erkt.storage import ObjectStorage

pytestmark = pytest.mark.django_db


def issue_nota(organization, by, snapshot):
    return issue(
        kind=NOTA, key="nota:1", title="Nota", snapshot=snapshot, organization=organization, by=by
    )


def local_files() -> list:
    media = settings.MEDIA_ROOT
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def test_issuing_stores_every_format_in_the_bucket_and_downloads_serve_those_bytes(
    object_storage, demo, kepala, nota_snapshot, client_for, django_capture_on_commit_callbacks
):
    assert isinstance(default_storage, ObjectStorage)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        document = issue_nota(demo, kepala, nota_snapshot)
    prefix = f"documents/{demo.pk}/{document.code}/terbit/"
    files = {item.format: item for item in document.files.all()}
    assert sorted(object_storage.keys(prefix)) == sorted(item.file.name for item in files.values())

    client = client_for(kepala)
    for fmt, item in files.items():
        stored = object_storage.read(item.file.name)
        assert hashlib.sha256(stored).hexdigest() == item.sha256
        response = client.get(f"/dokumen/{document.pk}/{fmt}/")
        assert response.status_code == 200
        assert response.content == stored
    # The kop's logo is read from the bucket too (the demo office's emblem).
    assert object_storage.keys("logos/") == [demo.logo.name]
    assert local_files() == []


def test_a_stored_signed_pdf_is_the_document_s_pdf_from_the_bucket(
    object_storage, demo, kepala, nota_snapshot, client_for
):
    document = issue_nota(demo, kepala, nota_snapshot)
    signed = b"%PDF-1.7 ditandatangani"
    document.store_pdf(signed, kind="digital", filename="nota.pdf")
    document.refresh_from_db()
    assert object_storage.read(document.pdf_file.name) == signed
    response = client_for(kepala).get(f"/dokumen/{document.pk}/pdf/")
    assert response.status_code == 200 and response.content == signed
    assert local_files() == []


def test_two_servers_saving_one_name_at_the_same_moment_never_replace_each_other(
    object_storage,
):
    """Each server asks for a free name before either has written: they must differ."""
    name = "workflow/1/1/task-1/lampiran.pdf"
    first, second = (default_storage.get_available_name(name) for _server in range(2))
    assert first != second
    assert all(n.startswith("workflow/1/1/task-1/lampiran_") for n in (first, second))
    saved = [default_storage.save(name, ContentFile(text)) for text in (b"satu", b"dua")]
    assert [object_storage.read(key) for key in saved] == [b"satu", b"dua"]


def test_without_a_bucket_files_stay_in_the_local_media_folder(
    demo, kepala, nota_snapshot, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = issue_nota(demo, kepala, nota_snapshot)
    stored = {path.name for path in local_files()}
    assert {item.file.name.rsplit("/", 1)[1] for item in document.files.all()} <= stored
