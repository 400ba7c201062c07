"""Changing one's own password: /kata-sandi/, linked from the user menu."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from erkt.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PAGE = reverse("password_change")
NEW = "Rencana-Kinerja-2026!"


def change(client: Client, old: str, new: str, repeat: str | None = None):
    return client.post(
        PAGE, {"old_password": old, "new_password1": new, "new_password2": repeat or new}
    )


def test_the_user_menu_links_to_the_password_page(kepala, client_for):
    html = client_for(kepala).get(reverse("workflow:inbox")).content.decode()

    assert f'href="{PAGE}"' in html
    assert "Ubah kata sandi" in html


def test_the_page_asks_in_indonesian(kepala, client_for):
    response = client_for(kepala).get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kata sandi lama" in html
    assert 'name="new_password2"' in html


def test_a_user_changes_their_password_and_stays_signed_in(kepala, client_for):
    client = client_for(kepala)

    response = change(client, DEMO_PASSWORD, NEW)

    assert response.status_code == 302
    kepala.refresh_from_db()
    assert kepala.check_password(NEW)
    assert client.session[SESSION_KEY] == str(kepala.pk)
    assert "Kata sandi Anda telah diubah." in client.get(response.url, follow=True).content.decode()


def test_the_new_password_signs_in_and_the_old_one_no_longer_does(kepala, client_for):
    change(client_for(kepala), DEMO_PASSWORD, NEW)

    def sign_in(password: str):
        return Client().post(reverse("login"), {"username": "kepala", "password": password})

    assert sign_in(DEMO_PASSWORD).status_code == 200
    assert sign_in(NEW).status_code == 302


def test_it_refuses_a_wrong_old_password(kepala, client_for):
    response = change(client_for(kepala), "bukan-sandi-lama", NEW)

    assert response.status_code == 200
    kepala.refresh_from_db()
    assert kepala.check_password(DEMO_PASSWORD)


@pytest.mark.parametrize("weak", [DEMO_PASSWORD, "password123", "12345678901"])
def test_it_refuses_the_demo_password_and_common_passwords(kepala, client_for, weak):
    client = client_for(kepala)
    # Start from a private password so that the demo one would be a change.
    change(client, DEMO_PASSWORD, NEW)

    response = change(client, NEW, weak)

    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    kepala.refresh_from_db()
    assert kepala.check_password(NEW)


def test_it_refuses_two_different_new_passwords(kepala, client_for):
    response = change(client_for(kepala), DEMO_PASSWORD, NEW, repeat=NEW + "x")

    assert response.status_code == 200
    kepala.refresh_from_db()
    assert kepala.check_password(DEMO_PASSWORD)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client: Client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
