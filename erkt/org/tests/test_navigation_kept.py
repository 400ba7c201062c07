"""The navigation bar kept per NavFacts (erkt.org.navigation.main_nav): the same HTML as the
bar written anew from the context (`written_nav`), for every kind of reader, page, count and
language, markup in the values; and a change of a name, a jabatan, a role or the
organisation's name shows on the next request."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from erkt.org import layout
from erkt.org.models import Employee, Organization, Position, Role
from erkt.org.navigation import main_nav, written_nav
from erkt.org.signed_in import user_with_employee

pytestmark = pytest.mark.django_db

PAGES = ["workflow:inbox", "workflow:process_list", "workflow:monitoring", "rkt:renstra"]
PAGES += ["rkt:drafts:index", "rkt:unit_form_current", "archive:index", "sop:list", "home"]
PAGES += ["pemkab:overview", "notifications:profile"]
READERS = ["kepala", "kasubbag.perencanaan", "tim1", "kabid.ppik", "admin", "bappeda"]


def context_of(username: str, url_name: str, count: int, query: str = "a=<b>&c") -> dict:
    url = reverse(url_name)
    request = RequestFactory().get(url, QUERY_STRING=query)
    user = User.objects.get(username=username)
    request.user = SimpleLazyObject(lambda: user_with_employee(user.pk))
    request.session = {}
    request.META["CSRF_COOKIE"] = "a" * 32
    request.resolver_match = resolve(url)
    request._erkt_open_task_count = count
    return layout.layout_context(request)


def masked(html: str) -> str:
    return re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1X", html)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("username", READERS)
def test_the_kept_bar_is_the_bar_written_anew(demo, username, language):
    with translation.override(language):
        for url_name in PAGES:
            for count in (0, 7):
                # Twice: the first writes the bar, the second reads it kept.
                for _ in range(2):
                    context = context_of(username, url_name, count)
                    assert masked(main_nav(context)) == masked(written_nav(context))


def test_markup_in_names_jabatan_and_the_path_stays_text(demo, sekretaris):
    Employee.objects.filter(user=sekretaris).update(name="<script>alert('{x}')</script>")
    Position.objects.filter(holders__user=sekretaris).update(title="<b>{0}</b> & co")
    context = context_of("sekretaris", "sop:list", 3, query="next=<script>{csrf}")
    nav = main_nav(context)
    assert masked(nav) == masked(written_nav(context))
    assert "&lt;script&gt;alert(&#x27;{x}&#x27;)&lt;/script&gt;" in nav
    assert "&lt;b&gt;{0}&lt;/b&gt; &amp; co" in nav
    assert 'value="/sop/?next=%3Cscript%3E%7Bcsrf%7D"' in nav
    assert "<script>" not in nav and "<erkt-hole" not in nav


def nav_of(client) -> str:
    html = client.get(reverse("sop:list")).content.decode()
    return html[html.index("<nav") : html.index("</footer>")]


def test_a_new_name_jabatan_role_or_organisation_name_shows_on_the_next_request(
    demo, client_for, kabid_ppik
):
    client = client_for(kabid_ppik)
    before = nav_of(client)
    title = Position.objects.get(holders__user=kabid_ppik).title
    assert title in before and 'id="nav-rkt"' in before
    assert reverse("workflow:monitoring") not in before

    Employee.objects.filter(user=kabid_ppik).update(name="Nama Baru")
    Position.objects.filter(holders__user=kabid_ppik).update(
        title="Jabatan Baru", role=Role.SEKRETARIS
    )
    Organization.objects.filter(employees__user=kabid_ppik).update(name="Badan Baru")
    after = nav_of(client)
    assert "Nama Baru" in after and "Jabatan Baru" in after
    # The Sekretaris is of the planning line: Pemantauan and Renstra in the menu.
    assert reverse("workflow:monitoring") in after and reverse("rkt:renstra") in after
    assert "e-RKT · Rencana Kinerja Tahunan · Badan Baru\n</footer>" in after + "</footer>"

    Position.objects.filter(holders__user=kabid_ppik).update(role=Role.KEPALA_UNIT)
    assert reverse("workflow:monitoring") not in nav_of(client)


def test_the_count_and_the_csrf_token_are_each_requests_own(demo, client_for, kepala):
    client = client_for(kepala)
    first = client.get(reverse("sop:list")).content.decode()
    second = client.get(reverse("sop:list")).content.decode()
    tokens = [re.findall(r'csrfmiddlewaretoken" value="([^"]+)"', html) for html in (first, second)]
    # The language and sign-out forms carry the page's token, masked anew for each page.
    assert len(set(tokens[0])) == len(set(tokens[1])) == 1 and tokens[0] != tokens[1]
    assert 'id="nav-task-count" class="badge rounded-pill text-bg-warning d-none">' in first
