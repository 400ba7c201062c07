"""What the pages of the step 1-3 documents show: one date line on the letter, the
notulis's pangkat, and files that describe themselves (title, organisation, language)."""

from __future__ import annotations

import io

import pytest
from docx import Document

from erkt.documents.services import render
from erkt.rkt.documents.preparation import issue_prep_document
from erkt.rkt.tests.document_helpers import docx_text, pdf_text
from erkt.rkt.tests.preparation_helpers import hold_meeting, to_sosialisasi

KASUBBAG_PANGKAT = "Penata Tingkat I (III/d)"


@pytest.fixture
def met(rkt_process):
    process = to_sosialisasi(rkt_process)
    hold_meeting(process)
    return process


def test_the_undangan_names_its_place_and_date_once(met, kepala):
    undangan = issue_prep_document(met, "undangan", by=kepala)
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        assert text_of(render(undangan, fmt).content).count("Paringin, ") == 1, fmt


@pytest.mark.parametrize("slug", ["daftar-hadir", "notulen"])
def test_the_notulis_signs_with_the_kasubbags_pangkat(met, kepala, slug):
    document = issue_prep_document(met, slug, by=kepala)
    assert document.snapshot["signature"]["pangkat"] == "Penata Tingkat I"
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        assert KASUBBAG_PANGKAT in text_of(render(document, fmt).content), fmt


def test_the_notulen_docx_describes_itself_in_indonesian(met, kepala):
    notulen = issue_prep_document(met, "notulen", by=kepala)
    properties = Document(io.BytesIO(render(notulen, "docx").content)).core_properties
    assert properties.language == "id-ID"
    assert properties.author == notulen.snapshot["kop"]["name"]
    assert properties.title.startswith("Notulen Rapat Sosialisasi")
    assert properties.created.year == 2026 and properties.created == properties.modified
