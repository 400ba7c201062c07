"""One NIP filter: every page and document writes a NIP as "19820425 200902 2 002"."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from erkt.org.templatetags.indonesian import nip
from erkt.rkt.documents.prep_render import _nip


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("198204252009022002", "19820425 200902 2 002"),
        ("19820425 200902 2 002", "19820425 200902 2 002"),
        ("bukan NIP", "bukan NIP"),
        ("", ""),
        (None, ""),
    ],
)
def test_the_filter_writes_one_form(stored, written):
    assert nip(stored) == written


def test_both_template_libraries_give_the_same_form():
    context = Context({"value": "198204252009022002"})
    one = Template("{% load indonesian %}{{ value|nip }}").render(context)
    other = Template("{% load preparation_tags %}{{ value|nip }}").render(context)
    assert one == other == "19820425 200902 2 002"


def test_the_signature_block_of_a_pdf_formats_the_nip():
    from django.template.loader import render_to_string

    html = render_to_string(
        "documents/pdf/_signature.html",
        {"signature": {"name": "Siti", "nip": "198204252009022002", "jabatan": "Kepala"}},
    )
    assert "NIP. 19820425 200902 2 002" in html


def test_the_documents_written_by_python_format_the_nip():
    assert _nip({"nip": "198204252009022002"}) == "NIP. 19820425 200902 2 002"
    assert _nip({"nip": ""}) == ""
