"""Errors answer in Bahasa Indonesia inside the layout, never Django's bare English pages."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_mistyped_verification_code_gets_an_indonesian_page_for_the_public(client: Client, demo):
    response = client.get(reverse("signing:verify", args=["KODE-SALAH"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert "kode verifikasi" in html
    assert "Not Found" not in html
    assert reverse("login") in html  # the public has a way on: signing in


def test_a_signed_in_user_keeps_the_navigation_on_a_missing_page(client_for, kabid_ppik):
    response = client_for(kabid_ppik).get("/tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Halaman tidak ditemukan" in html
    assert 'href="' + reverse("workflow:inbox") in html  # the menu is there
    assert "Ke Kotak Tugas" in html


def test_a_refused_page_says_access_is_denied_in_indonesian(client_for, kabid_ppik):
    response = client_for(kabid_ppik).get(reverse("workflow:monitoring"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Akses ditolak" in html
    assert "403 Forbidden" not in html


def test_an_unknown_api_path_answers_json_not_a_page(client: Client):
    response = client.get("/api/v1/tidak-ada")
    assert response.status_code == 404
    assert response.json() == {"detail": "Tidak ditemukan."}


def test_a_server_error_page_needs_no_database(client: Client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Terjadi kesalahan pada server" in html
    assert "tidak ada data yang berubah" in html
