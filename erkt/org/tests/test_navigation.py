import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from erkt.org.context_processors import navigation
from erkt.org.models import Role

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
