"""Archiving packs the files stored when each document was issued: it renders nothing."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest

from erkt.documents import registry
from erkt.documents.archive.services import create_berkas
from erkt.documents.tests.archive.conftest import (
    BERKAS_DATA,
    KIND,
    SIGNED_PDF,
    TEST_TYPE,
    user,
)

pytestmark = pytest.mark.django_db


def _refuse(snapshot: dict) -> bytes:
    raise AssertionError("the bundle rendered a document")


def test_the_bundle_builds_from_the_stored_files_when_rendering_fails(
    at_step_11, monkeypatch, django_capture_on_commit_callbacks
):
    tim1 = user("tim1")
    with django_capture_on_commit_callbacks(execute=True):
        documents = registry.providers(at_step_11, by=tim1)
    stored = {
        (document.pk, item.format): item.read()
        for document in documents
        for item in document.files.all()
    }
    refusing = dataclasses.replace(TEST_TYPE, pdf=_refuse, docx=_refuse)
    monkeypatch.setitem(registry._types, KIND, refusing)

    berkas = create_berkas(at_step_11, by=tim1, data=dict(BERKAS_DATA))

    with berkas.bundle.open("rb") as bundle, zipfile.ZipFile(io.BytesIO(bundle.read())) as zip_:
        files = {name: zip_.read(name) for name in zip_.namelist()}
    final, draft = documents
    assert files["dokumen/test.arsip/RKT-2027.pdf"] == SIGNED_PDF
    assert files["dokumen/test.arsip/RKT-2027.docx"] == stored[(final.pk, "docx")]
    assert files["dokumen/test.arsip/RKT-2027-2.pdf"] == stored[(draft.pk, "pdf")]
    assert files["dokumen/test.arsip/RKT-2027-2.docx"] == stored[(draft.pk, "docx")]
    assert (
        berkas.manifest["dokumen/test.arsip/RKT-2027-2.pdf"] == draft.files.get(format="pdf").sha256
    )
