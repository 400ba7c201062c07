import io

import pytest
from pypdf import PdfReader

from erkt.documents.pdf import render_pdf_with_box

pytestmark = pytest.mark.django_db


def test_the_signature_box_is_found_on_the_page_inside_the_signature_block(nota_snapshot):
    content, box = render_pdf_with_box("documents/tests/nota.html", nota_snapshot)
    page_index, x1, y1, x2, y2 = box
    page = PdfReader(io.BytesIO(content)).pages[page_index]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height  # landscape
    assert round(x2 - x1) == 283 and round(y2 - y1) == 96  # 100 mm x 34 mm
    assert 0 < x1 < x2 <= width and 0 < y1 < y2 <= height
    assert x1 > width / 2  # the block stands on the right


def test_a_document_without_the_box_reports_none(nota_snapshot):
    _content, box = render_pdf_with_box("documents/tests/nota.html", nota_snapshot, box_id="nope")
    assert box is None
