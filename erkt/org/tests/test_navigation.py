import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from erkt.org.context_processors import navigation
from erkt.org.models import Role
from erkt.rkt.context_processors import rkt_navigation

pytestmark = pytest.mark.django_db


def context_for(user) -> dict:
    request = RequestFactory().get("/")
    request.user = user
    return navigation(request)


def test_it_tells_the_page_who_the_user_is(kasubbag_perencanaan):
    context = context_for(kasubbag_perencanaan)
    assert context["me"].name == "Muhammad Fauzan"
    assert [p.title for p in context["my_positions"]] == ["Kepala Subbagian Perencanaan"]
    assert context["my_roles"] == {Role.KASUBBAG_PERENCANAAN}


@pytest.mark.database
def test_it_costs_two_queries_however_often_it_is_asked(kepala, django_assert_num_queries):
    kepala = type(kepala).objects.get(pk=kepala.pk)
    with django_assert_num_queries(2):
        context = context_for(kepala)
        context_for(kepala)
        assert context["me"].organization.short_name == "BKPSDM"
        assert context["my_positions"][0].unit.name == "Kepala Badan"


def test_it_says_nothing_about_anonymous_users():
    assert context_for(AnonymousUser()) == {}


def test_the_menu_shows_the_name_and_jabatan_of_the_user(client_for, sekretaris):
    html = client_for(sekretaris).get(reverse("sop:list")).content.decode()
    assert "Siti Rahmah" in html
    assert "Sekretaris" in html
    assert reverse("sop:list") in html
    assert reverse("admin:index") not in html


def test_the_administrator_sees_the_admin_link(client_for, administrator):
    html = client_for(administrator).get(reverse("sop:list")).content.decode()
    assert reverse("admin:index") in html


def rkt_menu(client) -> str:
    html = client.get(reverse("sop:list")).content.decode()
    start = html.index('id="nav-rkt"')
    return html[start : html.index("</ul>", start)]


def test_the_rkt_menu_offers_the_rkt_the_form_rkt_and_the_renstra(client_for, tim1):
    menu = rkt_menu(client_for(tim1))
    assert 'data-bs-toggle="dropdown"' in menu
    items = menu[menu.index("dropdown-menu") :]
    links = [reverse("rkt:drafts:index"), reverse("rkt:unit_form_current"), reverse("rkt:renstra")]
    assert [link for link in links if f'href="{link}"' in items] == links


def test_a_unit_head_is_offered_the_form_rkt(client_for, kabid_ppik):
    assert reverse("rkt:unit_form_current") in rkt_menu(client_for(kabid_ppik))


def test_without_a_jabatan_there_is_no_rkt_menu(client_for, administrator):
    html = client_for(administrator).get(reverse("sop:list")).content.decode()
    assert 'id="nav-rkt"' not in html


@pytest.mark.database
def test_the_rkt_menu_costs_no_query_after_the_navigation(kabid_ppik, django_assert_num_queries):
    kabid_ppik = type(kabid_ppik).objects.get(pk=kabid_ppik.pk)
    request = RequestFactory().get("/")
    request.user = kabid_ppik
    with django_assert_num_queries(2):
        navigation(request)
        assert rkt_navigation(request) == {"offers_form_rkt": True}


def test_the_rkt_menu_says_nothing_to_anonymous_users():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert rkt_navigation(request) == {}


def test_the_open_task_count_shows_beside_the_menu_toggler_too(client_for, kepala, demo):
    from erkt.sop.models import Sop
    from erkt.workflow import engine

    engine.start_process(
        sop=Sop.objects.get(organization=demo, code="penyusunan-rkt"), year=2027, by=kepala
    )
    html = client_for(kepala).get(reverse("sop:list")).content.decode()
    badge = 'class="badge rounded-pill text-bg-warning">1<'
    assert f'id="nav-task-count" {badge}' in html
    assert f'id="nav-task-count-sm" {badge}' in html
    toggler = html.index('class="navbar-toggler"')
    assert html.index('id="nav-task-count-sm"') < toggler < html.index('id="nav-task-count"')
