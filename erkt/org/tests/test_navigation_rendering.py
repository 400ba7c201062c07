"""The navigation bar rendered in Python (erkt/org/navigation.py): escaped as the template
escaped it, the active item marked for screen readers, the labels in the user's language."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from erkt.org.models import Employee, Position

pytestmark = pytest.mark.django_db


def nav_of(html: str) -> str:
    return html[html.index("<nav") : html.index("</nav>")]


def test_a_name_and_a_jabatan_holding_markup_stay_text(client_for, sekretaris):
    Employee.objects.filter(user=sekretaris).update(name="<script>alert('x')</script>")
    Position.objects.filter(holders__user=sekretaris).update(title="<b>Sekretaris</b> & co")
    nav = nav_of(client_for(sekretaris).get(reverse("sop:list")).content.decode())
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in nav
    assert "&lt;b&gt;Sekretaris&lt;/b&gt; &amp; co" in nav
    assert "<script>" not in nav and "<b>" not in nav


def test_the_current_path_in_the_language_form_stays_text(client_for, kepala):
    client = client_for(kepala)
    # The path comes quoted (get_full_path); the ampersand is what is left to escape.
    response = client.get(reverse("sop:list"), QUERY_STRING="a=1&b=<2>")
    nav = nav_of(response.content.decode())
    assert 'name="next" value="/sop/?a=1&amp;b=%3C2%3E"' in nav


@pytest.mark.parametrize(
    ("url", "label"),
    [("workflow:inbox", "Kotak Tugas"), ("workflow:process_list", "Proses"), ("sop:list", "SOP")],
)
def test_the_current_page_is_the_active_item(client_for, kepala, url, label):
    nav = nav_of(client_for(kepala).get(reverse(url)).content.decode())
    active = re.findall(r'class="nav-link active" aria-current="page" href="([^"]+)"', nav)
    assert active == [reverse(url)]


def test_the_labels_follow_the_language(client_for, kepala):
    client = client_for(kepala)
    client.cookies["django_language"] = "en"
    nav = nav_of(client.get(reverse("sop:list")).content.decode())
    assert "Task inbox" in nav and "Kotak Tugas" not in nav
    assert 'lang="en" aria-current="true">English</button>' in nav
    client.cookies["django_language"] = "id"
    nav = nav_of(client.get(reverse("sop:list")).content.decode())
    assert "Kotak Tugas" in nav
    assert 'lang="id" aria-current="true">Bahasa Indonesia</button>' in nav


def test_a_user_without_an_employee_record_is_named_by_username(client):
    account = User.objects.create_user("akun.tanpa.pegawai", password="x")
    client.force_login(account)
    nav = nav_of(client.get(reverse("sop:list")).content.decode())
    assert "akun.tanpa.pegawai" in nav
    assert reverse("workflow:inbox") not in nav
