"""The RKT page is written in Python (erkt.rkt.drafts.page_html): the whole page is what the
template it replaced (former_rkt_page.html, rkt/drafts/page.html with its table) rendered,
before compiling, with one version, with several and an earlier one shown, and final, for
readers with and without step links, in both languages, texts of the database escaped."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.org.models import Employee, Organization
from erkt.rkt.drafts import views
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.drafts.labels import page_labels
from erkt.rkt.drafts.table import build_table, table_head_html, table_rows_html
from erkt.rkt.models import Kegiatan, Program, SasaranStrategis
from erkt.rkt.tests.drafts_helpers import open_task, user
from erkt.workflow import engine

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def request_for(someone, url: str):
    request = RequestFactory().get(url)
    request.user = someone
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(20, EVIL)
    return request


def former_page(request, process, number: int | None) -> str:
    """The former template with the context the view gave it."""
    versions = views._versions(process)
    draft = versions[-1] if versions and number is None else None
    if number is not None:
        draft = next(version for version in versions if version.number == number)
    rows = []
    if draft is not None:
        rows = [SimpleNamespace(**row) for row in views.DRAFT_ROWS.rows(draft.pk)]
    table = build_table(rows)
    context = {
        "process": process,
        "versions": versions,
        "draft": draft,
        "is_latest": draft is not None and draft.number == versions[-1].number,
        "table": table,
        "t": page_labels(),
        "table_head": table_head_html(process.year),
        "table_rows": table_rows_html(table),
        "step_links": views.my_step_links(process, request.user) if process.is_running else [],
    }
    template = engines["django"].from_string((HERE / "former_rkt_page.html").read_text())
    with timezone.override(process.organization.time_zone):
        return template.render(context, request)


def assert_same(process, someone, number: int | None = None) -> str:
    if number is None:
        url = reverse("rkt:drafts:page", args=[process.pk])
    else:
        url = reverse("rkt:drafts:version", args=[process.pk, number])
    for language in ("id", "en"):
        with translation.override(language):
            request = request_for(someone, url)
            if number is None:
                html = views.rkt_page(request, process.pk).content.decode()
            else:
                html = views.version_page(request, process.pk, number).content.decode()
            expected = former_page(request_for(someone, url), process, number)
        assert CSRF.sub(r"\1-", html) == CSRF.sub(r"\1-", expected), (language, someone)
    return html


def with_markup(process) -> None:
    """`<script>` in the organisation's and the people's names, and in the Renstra texts a
    version compiled afterwards copies (a version itself is immutable)."""
    Organization.objects.filter(pk=process.organization_id).update(
        name=EVIL, pemerintah_daerah=EVIL
    )
    Employee.objects.filter(organization_id=process.organization_id).update(name=EVIL)
    SasaranStrategis.objects.update(uraian=EVIL)
    Program.objects.update(name=EVIL)
    Kegiatan.objects.update(name=EVIL)
    process.organization.refresh_from_db()


@pytest.mark.parametrize("reader", ["tim1", "kabid_ppik", "kepala"])
def test_before_compiling_the_page_is_the_template(at_step_6, reader, request):
    assert_same(at_step_6, request.getfixturevalue(reader))


@pytest.mark.parametrize("reader", ["kasubbag_perencanaan", "kabid_ppik", "kabid_psdm"])
def test_one_version_is_the_template(compiled, reader, request):
    assert_same(compiled, request.getfixturevalue(reader))


def test_several_versions_and_an_earlier_one_are_the_template(
    at_step_9, kepala, sekretaris, kasubbag_perencanaan
):
    for reader in (kepala, sekretaris, kasubbag_perencanaan):
        assert_same(at_step_9, reader)
        assert_same(at_step_9, reader, number=1)
        assert_same(at_step_9, reader, number=2)


def test_the_final_version_is_the_template(at_step_10, kabid_mpk, tim1):
    engine.complete_task(
        open_task(at_step_10, 10),
        by=user("kepala"),
        decision="ya",
        payload={"passphrase": DEMO_PASSPHRASE},
    )
    for reader in (kabid_mpk, tim1):
        assert_same(at_step_10, reader)
        assert_same(at_step_10, reader, number=1)


def test_texts_with_markup_are_escaped_as_the_template_escaped_them(at_step_6, tim1, kepala):
    with_markup(at_step_6)
    html = assert_same(at_step_6, tim1)
    assert "<script>" not in html and "&lt;script&gt;" in html
    compile_draft(at_step_6, by=tim1)
    html = assert_same(at_step_6, kepala)
    assert "<script>" not in html and html.count("&lt;script&gt;") > 5
