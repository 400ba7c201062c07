import datetime
from decimal import Decimal

import pytest

from erkt.documents.models import ImmutableError, IssuedDocument
from erkt.documents.services import issue
from erkt.documents.tests.conftest import NOTA

pytestmark = pytest.mark.django_db


def _issue(demo, kepala, snapshot, title="Nota Anggaran"):
    return issue(
        kind=NOTA, key="nota:1", title=title, snapshot=snapshot, organization=demo, by=kepala
    )


def test_printing_the_same_content_twice_reuses_the_issued_document(demo, kepala, nota_snapshot):
    first = _issue(demo, kepala, nota_snapshot)
    again = _issue(demo, kepala, dict(nota_snapshot))
    assert again.pk == first.pk
    assert IssuedDocument.objects.count() == 1


def test_a_changed_record_gets_a_new_issue_and_the_old_one_keeps_its_content(
    demo, kepala, nota_snapshot
):
    first = _issue(demo, kepala, nota_snapshot)
    changed = {**nota_snapshot, "perihal": "Anggaran Perubahan"}
    second = _issue(demo, kepala, changed)
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.snapshot["perihal"] == "Anggaran"


def test_the_snapshot_is_stored_as_plain_json(demo, kepala, nota_snapshot):
    snapshot = {**nota_snapshot, "tanggal": datetime.date(2026, 11, 29), "pagu": Decimal("1.50")}
    document = _issue(demo, kepala, snapshot)
    document.refresh_from_db()
    assert document.snapshot["tanggal"] == "2026-11-29"
    assert document.snapshot["pagu"] == "1.50"


def test_an_issued_document_cannot_be_changed_or_deleted(demo, kepala, nota_snapshot):
    document = _issue(demo, kepala, nota_snapshot)
    document.title = "Lain"
    with pytest.raises(ImmutableError):
        document.save()
    with pytest.raises(ImmutableError):
        document.delete()


def test_a_stored_pdf_is_kept_once_with_its_hash(demo, kepala, nota_snapshot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = _issue(demo, kepala, nota_snapshot)
    document.store_pdf(b"%PDF-1.7 signed", kind=IssuedDocument.PdfKind.DIGITAL, filename="a.pdf")
    document.refresh_from_db()
    assert document.pdf_kind == "digital"
    assert len(document.pdf_sha256) == 64
    with pytest.raises(ImmutableError):
        document.store_pdf(b"%PDF-1.7 other", kind=IssuedDocument.PdfKind.SCAN, filename="b.pdf")


def test_an_unknown_kind_is_refused_before_anything_is_stored(demo, kepala):
    with pytest.raises(LookupError):
        issue(kind="nope", key="x", title="x", snapshot={}, organization=demo, by=kepala)
    assert not IssuedDocument.objects.exists()
