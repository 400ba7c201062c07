"""The download buttons are written in Python (erkt.rkt.templatetags.rkt_documents): the
markup the template they were (former_download_buttons.html) rendered, in both languages,
for a safe label and for one with markup, escaped as the template escaped it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

from erkt.rkt.templatetags.rkt_documents import download_buttons

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
LINKS = [("pdf", "/rkt/form-rkt/7/dokumen/pdf/"), ("docx", f"/a?b=1&c={EVIL}")]


def former(label, links) -> str:
    template = engines["django"].from_string((HERE / "former_download_buttons.html").read_text())
    return template.render({"label": label, "links": links})


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("label", [mark_safe("Form RKT terkirim"), EVIL])
def test_the_buttons_are_the_former_template(language, label):
    with translation.override(language):
        assert download_buttons(label, LINKS) == former(label, LINKS)
        assert download_buttons(label, []) == former(label, [])


def test_markup_in_a_label_and_a_link_is_escaped():
    html = download_buttons(EVIL, LINKS)
    assert "<script>" not in html and html.count("&lt;script&gt;") == 5
