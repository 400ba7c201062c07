"""The Arsip page is written in Python, its layout too (erkt.documents.archive.index_rows,
erkt.org.layout.page): its HTML is the template's it replaced (former_index.html,
documents/archive/index.html, extending base.html), with no process, one, and several
(the search box) of which one is archived, in both languages, `<script>` in an SOP's title
and in a message shown above the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from erkt.documents.archive import views
from erkt.documents.archive.index_rows import archived_processes, sections_html
from erkt.documents.tests.archive.conftest import user
from erkt.documents.tests.test_documents_queries import more_processes
from erkt.org.access import organization_of
from erkt.sop.models import SopVersion

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def the_view_and_the_former_template(reader) -> tuple[str, str]:
    """The view's page and render() of the template it replaced with the context the view
    gave it, the same message shown above both, their CSRF tokens masked."""
    request = RequestFactory().get(reverse("archive:index"))
    request.user = reader
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(20, EVIL)
    html = views.archive_index(request).content.decode()
    request._messages = FallbackStorage(request)
    request._messages.add(20, EVIL)
    organization = organization_of(reader)
    rows = archived_processes(organization)
    readable = views.Readable(reader)
    for row in rows:
        listed = row["listed"] if row["berkas__pk"] else views.latest_documents(row["listed"])
        row["documents"], row["whole"] = readable.with_formats(listed)
    former = engines["django"].from_string((HERE / "former_index.html").read_text())
    with timezone.override(organization.time_zone):
        context = {"rows": rows, "sections": sections_html(rows)}
        expected = former.render(context, request)
    return CSRF.sub(r"\1-", html), CSRF.sub(r"\1-", expected)


@pytest.mark.parametrize("language", ["id", "en"])
def test_an_archive_without_any_process_is_the_former_template(stranger, language):
    with translation.override(language):
        html, expected = the_view_and_the_former_template(stranger)
    assert html == expected
    assert 'id="archive-list"' in html and "data-erkt-filter-box" not in html


@pytest.mark.parametrize("language", ["id", "en"])
def test_one_process_is_the_former_template(at_step_11, language):
    with translation.override(language):
        html, expected = the_view_and_the_former_template(user("tim1"))
    assert html == expected
    assert "data-erkt-filter-box" not in html  # no search box over one section


@pytest.mark.parametrize("username", ["tim1", "kabid.ppik"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_several_processes_one_archived_are_the_former_template(
    archived, demo, kepala, username, language
):
    more_processes(demo, kepala, 2)
    SopVersion.objects.filter(pk=archived.process.sop_version_id).update(judul=EVIL)
    with translation.override(language):
        html, expected = the_view_and_the_former_template(user(username))
    assert html == expected
    assert "data-erkt-filter-box" in html and 'href="/arsip/berkas/' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
