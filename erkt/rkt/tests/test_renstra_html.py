"""The Renstra page is written in Python (erkt.rkt.renstra_html): its HTML is the template's
it replaced (former_renstra.html, the content block of rkt/renstra.html), with and without
a Renstra, one or several periods, a draft, in both languages, names escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from erkt.rkt import views
from erkt.rkt.models import Renstra
from erkt.rkt.renstra_html import page_content
from erkt.rkt.renstra_page import program_rows, renstra_labels, sasaran_rows, tree_of

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def former(context: dict) -> str:
    template = engines["django"].from_string((HERE / "former_renstra.html").read_text())
    return template.render(context)


def assert_same_in_both_languages(renstra: Renstra | None, *, can_import: bool) -> None:
    periods = list(Renstra.objects.order_by("-period_start"))
    for language in ("id", "en"):
        with translation.override(language):
            tables = {}
            if renstra is not None:
                renstra = tree_of(renstra)
                tables = {
                    "sasaran_rows": sasaran_rows(renstra),
                    "program_rows": program_rows(renstra),
                }
            context = {"t": renstra_labels(), "renstra": renstra, "periods": periods}
            expected = former({**context, "can_import": can_import, **tables})
            assert page_content(renstra, periods, can_import, tables) == expected, language


@pytest.mark.parametrize("can_import", [True, False])
def test_an_office_without_renstra_reads_as_the_template_wrote_it(demo, can_import):
    assert_same_in_both_languages(None, can_import=can_import)


@pytest.mark.parametrize("can_import", [True, False])
def test_one_renstra_reads_as_the_template_wrote_it(renstra, can_import):
    assert_same_in_both_languages(renstra, can_import=can_import)


def test_several_periods_and_a_draft_read_as_the_template_wrote_them(renstra):
    later = Renstra.objects.create(
        organization=renstra.organization,
        title="Renstra berikutnya",
        period_start=renstra.period_end + 1,
        period_end=renstra.period_end + 5,
        status=Renstra.Status.DRAFT,
    )
    assert_same_in_both_languages(renstra, can_import=True)
    assert_same_in_both_languages(later, can_import=False)


def test_a_title_with_markup_is_escaped_as_the_template_escaped_it(renstra):
    Renstra.objects.filter(pk=renstra.pk).update(title=EVIL)
    renstra.refresh_from_db()
    assert_same_in_both_languages(renstra, can_import=True)
    html = page_content(tree_of(renstra), [renstra], True, {"sasaran_rows": "", "program_rows": ""})
    assert "<script>" not in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_whole_page_is_the_former_template_extending_base_html(renstra, tim1, language):
    """The view's layout around the content (views._page: base.html's head block included)
    is render() of the template it replaced, messages and the CSRF header included."""
    request = RequestFactory().get(reverse("rkt:renstra"))
    request.user = tim1
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(20, EVIL)
    with translation.override(language):
        html = views.renstra_current(request).content.decode()
        request._messages = FallbackStorage(request)
        request._messages.add(20, EVIL)
        content = (HERE / "former_renstra.html").read_text()
        page = engines["django"].from_string(
            '{% extends "base.html" %}{% block title %}{{ t.renstra }}{% endblock %}'
            "{% block head %}<style>.w-1 { width: 1%; }</style>{% endblock %}"
            "{% block content %}" + content + "{% endblock %}"
        )
        tree = tree_of(renstra)
        context = {
            "t": renstra_labels(),
            "renstra": tree,
            "periods": [renstra],
            "can_import": True,
            "sasaran_rows": sasaran_rows(tree),
            "program_rows": program_rows(tree),
        }
        expected = page.render(context, request)
    assert CSRF.sub(r"\1-", html) == CSRF.sub(r"\1-", expected)
    assert "&lt;script&gt;" in html
