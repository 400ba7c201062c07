import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def test_the_login_page_speaks_indonesian(client: Client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Nama pengguna" in html and "Kata sandi" in html and "Masuk" in html


def test_it_lists_no_demo_account_when_the_demo_is_not_loaded(client: Client, other_org):
    html = client.get(LOGIN).content.decode()
    assert "Akun demo" not in html
    assert "demo1234" not in html


def test_it_lists_the_demo_accounts_with_their_password_when_the_demo_is_loaded(
    client: Client, demo
):
    html = client.get(LOGIN).content.decode()
    assert "Akun demo" in html
    assert "demo1234" in html
    assert 'data-demo-username="kasubbag.perencanaan"' in html
    assert "Kepala Subbagian Perencanaan" in html
    assert 'data-demo-username="admin"' in html


def test_a_demo_account_link_fills_the_username_without_javascript(client: Client, demo):
    html = client.get(LOGIN, {"username": "tim1"}).content.decode()
    assert 'name="username" id="id_username"' in html
    assert 'value="tim1"' in html


def test_a_wrong_password_is_refused_in_indonesian(client: Client, kepala):
    response = client.post(LOGIN, {"username": "kepala", "password": "salah"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nama pengguna atau kata sandi salah." in html
    assert "_auth_user_id" not in client.session


def test_an_empty_form_is_refused_in_indonesian(client: Client, demo):
    html = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "Bidang ini tidak boleh kosong." in html


def test_a_demo_user_signs_in_and_lands_on_the_home_page(client: Client, kepala):
    response = client.post(LOGIN, {"username": "kepala", "password": "demo1234"})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(kepala.pk)


def test_signing_in_returns_to_the_page_asked_for(client: Client, kepala):
    target = reverse("sop:list")
    response = client.post(LOGIN, {"username": "kepala", "password": "demo1234", "next": target})
    assert response.url == target


def test_it_does_not_follow_a_next_to_another_site(client: Client, kepala):
    response = client.post(
        LOGIN, {"username": "kepala", "password": "demo1234", "next": "https://evil.example/"}
    )
    assert response.url == reverse("home")


def test_a_signed_in_user_is_sent_on_from_the_login_page(client_for, kepala):
    response = client_for(kepala).get(LOGIN)
    assert response.status_code == 302


def test_anonymous_access_to_home_redirects_to_the_login_page(client: Client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next=/"


def test_home_sends_a_signed_in_user_on_into_the_application(client_for, tim1):
    client = client_for(tim1)
    response = client.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert all(not url.startswith(LOGIN) for url, _status in response.redirect_chain)
    assert 'id="kotak-tugas"' in response.content.decode()


def test_logout_is_a_post(client_for, kepala):
    client = client_for(kepala)
    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("logout"))
    assert response.url == LOGIN
    assert "_auth_user_id" not in client.session


def test_the_login_page_refuses_other_methods(client: Client):
    assert client.put(LOGIN).status_code == 405


def test_it_stops_listing_an_account_whose_password_was_changed(client: Client, tim1):
    tim1.set_password("rahasia-baru")
    tim1.save()
    html = client.get(LOGIN).content.decode()
    assert 'data-demo-username="tim1"' not in html
    assert 'data-demo-username="tim2"' in html
