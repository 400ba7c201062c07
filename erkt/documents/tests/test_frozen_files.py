"""Issued means frozen: each format is rendered once, when the document is issued (after the
issuing transaction commits), or at the first download of a document issued before files
were stored; then only the stored bytes are served."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from django.db import transaction

from erkt.documents import registry
from erkt.documents.models import DocumentFile, ImmutableError
from erkt.documents.services import issue
from erkt.documents.tests.conftest import NOTA

pytestmark = pytest.mark.django_db


@pytest.fixture
def renderings(monkeypatch) -> Counter:
    """How often each format of the nota is rendered from now on."""
    calls: Counter = Counter()
    doc_type = registry.get(NOTA)

    def counted(fmt):
        render = doc_type.renderer(fmt)

        def wrapper(snapshot):
            calls[fmt] += 1
            return render(snapshot)

        return wrapper

    counting = {fmt: counted(fmt) for fmt in doc_type.formats}
    monkeypatch.setitem(registry._types, NOTA, dataclasses.replace(doc_type, **counting))
    return calls


def issue_nota(organization, by, snapshot):
    return issue(
        kind=NOTA, key="nota:1", title="Nota", snapshot=snapshot, organization=organization, by=by
    )


def download(client, document, fmt: str) -> bytes:
    response = client.get(f"/dokumen/{document.pk}/{fmt}/")
    assert response.status_code == 200
    return response.content


def test_issuing_stores_every_format_once_the_transaction_commits(
    demo, kepala, nota_snapshot, renderings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        document = issue_nota(demo, kepala, nota_snapshot)
        assert not document.files.exists()  # nothing renders while the lock is held
    assert set(document.files.values_list("format", flat=True)) == {"pdf", "docx", "xlsx"}
    assert renderings == Counter(pdf=1, docx=1, xlsx=1)


def test_downloads_serve_the_stored_bytes_without_rendering(
    demo, kepala, tim1, client_for, nota_snapshot, renderings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = issue_nota(demo, kepala, nota_snapshot)
    client = client_for(tim1)
    for fmt in ("pdf", "docx", "xlsx"):
        stored = DocumentFile.objects.get(document=document, format=fmt)
        assert download(client, document, fmt) == download(client, document, fmt) == stored.read()
    assert renderings == Counter(pdf=1, docx=1, xlsx=1)


def test_printing_again_reuses_the_issue_and_its_files(
    demo, kepala, nota_snapshot, renderings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = issue_nota(demo, kepala, nota_snapshot)
        again = issue_nota(demo, kepala, nota_snapshot)
    assert again.pk == first.pk
    assert renderings == Counter(pdf=1, docx=1, xlsx=1)


def test_a_document_issued_before_files_were_stored_is_rendered_at_its_first_download_once(
    demo, kepala, tim1, client_for, nota_snapshot, renderings
):
    document = issue_nota(demo, kepala, nota_snapshot)  # its commit never came: no files yet
    assert not document.files.exists()
    client = client_for(tim1)
    first = download(client, document, "docx")
    assert download(client, document, "docx") == first
    assert renderings == Counter(docx=1)
    assert DocumentFile.objects.get(document=document, format="docx").read() == first


def test_a_stored_file_can_be_neither_changed_nor_deleted(
    demo, kepala, nota_snapshot, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = issue_nota(demo, kepala, nota_snapshot)
    stored = document.files.get(format="pdf")
    stored.sha256 = "0" * 64
    with pytest.raises(ImmutableError):
        stored.save()
    with pytest.raises(ImmutableError):
        stored.delete()
