"""The layout written in Python (erkt/org/layout.py): base.html's tags and `page()`, which
renders a page without the template engine, give the same HTML, escaped as the template
escaped it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from erkt.org import layout
from erkt.org.models import Organization
from erkt.org.signed_in import user_with_employee

pytestmark = pytest.mark.django_db

CHILD = (
    '{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}'
    "{% block content %}{{ content }}{% endblock %}"
)


def request_of(user, messages=()):
    request = RequestFactory().get(reverse("workflow:inbox"), QUERY_STRING="a=<b>")
    request.user = user_with_employee(user.pk) if user is not None else AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    request.META["CSRF_COOKIE"] = "a" * 32
    request.resolver_match = resolve(reverse("workflow:inbox"))
    for level, text in messages:
        request._messages.add(level, text)
    return request


def masked(html: str) -> str:
    """The HTML with its CSRF tokens (masked anew on every call) blanked."""
    return re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1X", html)


def both(user, messages=()) -> tuple[str, str]:
    """A template extending base.html and page(), with the same title, content, messages."""
    title, content = "Kotak <Tugas>", mark_safe("<p>isi</p>")
    template = engines["django"].from_string(CHILD)
    by_template = template.render({"title": title, "content": content}, request_of(user, messages))
    by_page = layout.page(request_of(user, messages), title, content).content.decode()
    return masked(by_template), masked(by_page)


MESSAGES = (
    (constants.ERROR, "<script>alert('pesan')</script>"),
    (constants.SUCCESS, mark_safe("<b>Tersimpan</b>")),
    (constants.INFO, "Biasa"),
)


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_page_in_python_is_the_template_page_byte_for_byte(demo, kepala, language):
    with translation.override(language):
        by_template, by_page = both(kepala, MESSAGES)
    assert by_page == by_template
    assert '<nav class="navbar' in by_page and "</footer>\n</body>\n</html>\n" in by_page


def test_a_page_of_someone_signed_out_has_no_navigation(demo):
    by_template, by_page = both(None)
    assert by_page == by_template
    assert "<nav" not in by_page and "e-RKT · Rencana Kinerja Tahunan\n</footer>" in by_page


def test_messages_and_the_organisation_name_holding_markup_stay_text(demo, kepala):
    Organization.objects.filter(employees__user=kepala).update(name="<script>x</script> & co")
    by_template, by_page = both(kepala, MESSAGES)
    assert by_page == by_template
    assert "&lt;script&gt;alert(&#x27;pesan&#x27;)&lt;/script&gt;" in by_page
    assert " · &lt;script&gt;x&lt;/script&gt; &amp; co\n</footer>" in by_page
    assert "<title>Kotak &lt;Tugas&gt; · e-RKT</title>" in by_page
    # A message marked safe by its writer stays HTML, as in the template.
    assert '<div class="alert alert-success alert-dismissible fade show" role="alert">' in by_page
    assert "<b>Tersimpan</b>" in by_page
    assert by_page.count("<script") == 3  # the three scripts of the head, none of the data


def test_the_messages_are_shown_once(demo, kepala):
    request = request_of(kepala, MESSAGES)
    html = layout.page(request, "Kotak Tugas", "").content.decode()
    assert html.count('role="alert">') == 3
    # Shown: the messages middleware forgets them when the response is sent.
    assert get_messages(request).used


def test_the_inbox_shows_a_message_left_for_it(demo, client_for, kasubbag_perencanaan):
    # A message left by the request before (as after an action's redirect), in its cookie.
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Tugas <selesai>")
    response = HttpResponse()
    storage.update(response)
    client = client_for(kasubbag_perencanaan)
    client.cookies["messages"] = response.cookies["messages"].value
    html = client.get(reverse("workflow:inbox")).content.decode()
    assert "<title>Kotak Tugas · e-RKT</title>" in html
    assert "      Tugas &lt;selesai&gt;\n" in html
    assert "Tidak ada tugas terbuka." in html
    assert "Tugas &lt;selesai&gt;" not in client.get(reverse("workflow:inbox")).content.decode()
