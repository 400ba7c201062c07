"""Labels translated once per language (erkt.template_labels) are what `{% translate %}`
writes, in Bahasa Indonesia and in English, for every page that uses them."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from erkt.rkt.drafts.labels import page_labels as rkt_page_labels
from erkt.rkt.renstra_page import renstra_labels
from erkt.rkt.unit_forms.page_html import editing_labels, form_labels
from erkt.sop.views import page_labels as sop_page_labels
from erkt.template_labels import TemplateLabels
from erkt.workflow.process_page_html import process_labels
from erkt.workflow.views.tasks import page_labels as task_page_labels

PAGES = [
    rkt_page_labels,
    renstra_labels,
    sop_page_labels,
    task_page_labels,
    form_labels,
    editing_labels,
    process_labels,
]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("labels", PAGES)
def test_each_label_is_what_the_translate_tag_writes(labels, language):
    with translation.override(language):
        written = labels()
        for name, text in labels.texts.items():
            tag = Template('{% load i18n %}{% translate "' + text + '" %}')
            assert written[name] == tag.render(Context())


def test_the_labels_follow_the_active_language():
    labels = TemplateLabels(versi="Versi lain:")
    with translation.override("id"):
        assert labels()["versi"] == "Versi lain:"
    with translation.override("en"):
        assert labels()["versi"] == translation.gettext("Versi lain:") != "Versi lain:"


def test_a_label_the_tag_would_write_otherwise_is_refused():
    with pytest.raises(ValueError):
        TemplateLabels(share="50% selesai")
