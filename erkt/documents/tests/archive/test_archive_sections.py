"""The Arsip sections written in Python (erkt.documents.archive.index_rows) give the HTML
the template loop (and its include of _documents.html) gave, escaped, for every kind of
process and document line."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from erkt.documents.archive.index_rows import sections_html
from erkt.documents.archive.models import Berkas
from erkt.documents.models import IssuedDocument
from erkt.sop.models import SopVersion
from erkt.workflow.models import Process

# The loop documents/archive/index.html had.
FORMER = "{% load i18n indonesian %}" + (Path(__file__).parent / "former_sections.html").read_text()
ISSUED = datetime.datetime(2026, 11, 2, 23, 30, tzinfo=datetime.UTC)  # 3 Nov 07:30 WITA


def document(title: str, pdf_kind: str, number: int = 1, count: int = 1) -> IssuedDocument:
    made = IssuedDocument(title=title, pdf_kind=pdf_kind, issued_at=ISSUED)
    made.issue_number, made.issue_count = number, count
    return made


URLS = (("pdf", "/dokumen/1/pdf/?a=1&b=2"), ("docx", "/dokumen/1/docx/"))
ARCHIVED = [
    (document("<script>alert(1)</script> RKT", "digital"), URLS),
    (document("Form RKT PPIK", "scan", 1, 2), URLS[:1]),
    (document("Form RKT PPIK", "", 2, 2), ()),
]


def row(pk, year, revision, status, berkas: bool, documents, whole=True) -> dict:
    return {
        "pk": pk,
        "year": year,
        "revision": revision,
        "status": status,
        "start_date": datetime.date(2026, 1, 5),
        "sop_version__judul": "Penyusunan <RKT>",
        "berkas__pk": 9 if berkas else None,
        "berkas__nomor_berkas": "000.1/<01>" if berkas else None,
        "berkas__kode_klasifikasi": "000.5.2" if berkas else None,
        "berkas__tanggal": datetime.date(2026, 12, 1) if berkas else None,
        "documents": documents,
        "whole": whole,
    }


ROWS = [
    row(1, 2027, 0, "running", False, []),
    row(2, 2026, 1, "completed", True, ARCHIVED),
    row(3, 2025, 0, "completed", True, ARCHIVED[:1], whole=False),
    row(4, 2024, 0, "cancelled", False, ARCHIVED[2:]),
]


def as_former_row(values: dict) -> SimpleNamespace:
    fields = ("pk", "year", "revision", "status", "start_date")
    process = Process(**{name: values[name] for name in fields})
    process.sop_version = SopVersion(judul=values["sop_version__judul"])
    berkas = None
    if values["berkas__pk"]:
        berkas = Berkas(
            pk=values["berkas__pk"],
            nomor_berkas=values["berkas__nomor_berkas"],
            kode_klasifikasi=values["berkas__kode_klasifikasi"],
            tanggal=values["berkas__tanggal"],
        )
    return SimpleNamespace(
        process=process, berkas=berkas, documents=values["documents"], whole=values["whole"]
    )


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_sections_are_the_template_loops_html(language):
    with translation.override(language), timezone.override("Asia/Makassar"):
        context = Context({"rows": [as_former_row(values) for values in ROWS]})
        context.request = RequestFactory().get("/")
        expected = Template(FORMER).render(context)
        assert normalised(sections_html(ROWS)) == normalised(expected)
        assert "07:30" in expected


def test_a_title_with_markup_is_escaped():
    html = sections_html(ROWS)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<RKT>" not in html and "<01>" not in html
