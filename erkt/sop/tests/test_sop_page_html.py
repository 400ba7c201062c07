"""The SOP page is written in Python, its layout too (erkt.sop.detail_html,
erkt.org.layout.page): its HTML is the template's it replaced (former_detail.html,
sop/detail.html, with former_qualifications.html, sop/_qualifications.html), for a
reader, the administrator (the revision form), a draft beside the version in force (its
editor and its approver), an older version, a signed version, in both languages,
`<script>` in the title, a Keterkaitan entry and a message shown above the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.sop import views
from erkt.sop.io import load_definition
from erkt.sop.models import SopVersion
from erkt.sop.tests.editor_helpers import seed_draft
from erkt.sop.tests.helpers import seed_definition

HERE = Path(__file__).parent
CODE = "penyusunan-rkt"
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def former(name: str):
    return engines["django"].from_string((HERE / name).read_text())


def the_view_and_the_former_template(username: str, query: dict) -> tuple[str, str]:
    """The view's page and render() of the template it replaced with the same context,
    the same message shown above both, their CSRF tokens masked."""
    request = RequestFactory().get(reverse("sop:detail", args=[CODE]), query)
    request.user = get_user_model().objects.get(username=username)
    request.session = {}
    request._messages = FallbackStorage(request)
    request._messages.add(20, EVIL)
    html = views.sop_detail(request, CODE).content.decode()
    request._messages = FallbackStorage(request)
    request._messages.add(20, EVIL)
    context = views.detail_context(request, CODE)
    context["former_qualifications"] = former("former_qualifications.html")
    expected = former("former_detail.html").render(context, request)
    return CSRF.sub(r"\1-", html), CSRF.sub(r"\1-", expected)


def assert_the_same(username: str, query: dict | None = None) -> str:
    for language in ("id", "en"):
        with translation.override(language):
            html, expected = the_view_and_the_former_template(username, query or {})
        assert html == expected, (username, query, language)
    return html


@pytest.mark.parametrize("username", ["kabid.ppik", "tim1", "kepala", "admin"])
def test_the_version_in_force_is_the_former_template(demo, username):
    SopVersion.objects.filter(sop__code=CODE).update(judul=EVIL, keterkaitan=[EVIL, "SOP X"])
    html = assert_the_same(username)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'data-testid="sop-qualifications"' in html


def test_the_revision_form_of_the_administrator_is_the_former_template(demo):
    html = assert_the_same("admin")
    assert f'action="{reverse("sop:revise", args=[CODE])}"' in html


@pytest.mark.parametrize("username", ["admin", "kepala", "kabid.ppik"])
def test_a_draft_beside_the_version_in_force_is_the_former_template(demo, username):
    draft = seed_draft(demo)
    assert_the_same(username)
    html = assert_the_same(username, {"versi": str(draft.number)})
    assert "alert-warning" in html


def test_an_older_version_and_one_without_kualifikasi_are_the_former_template(demo):
    data = seed_definition()
    data["identity"]["judul"] = "Penyusunan RKT (revisi)"
    load_definition(demo, data)
    html = assert_the_same("kasubbag.perencanaan", {"versi": "1"})
    assert "alert-warning" in html and "?versi=2" in html
    SopVersion.objects.filter(sop__code=CODE).update(kualifikasi_pelaksana=[])
    html = assert_the_same("tim1")
    assert 'data-testid="sop-qualifications"' not in html


def test_a_signed_version_is_the_former_template(demo, kepala, kepala_certificate, client_for):
    seed_draft(demo)
    response = client_for(kepala).post(
        reverse("sop:approve", args=[CODE]), {"passphrase": DEMO_PASSPHRASE}
    )
    assert response.status_code == 302
    html = assert_the_same("kasubbag.perencanaan")
    assert 'data-testid="sop-signed"' in html
