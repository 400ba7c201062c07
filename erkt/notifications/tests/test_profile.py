"""Profil / Pengaturan notifikasi: channels, digest and a validated WhatsApp number."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.notifications.models import NotificationSettings
from erkt.notifications.phone import normalize_phone

PROFILE = reverse("notifications:profile")


def test_the_page_shows_the_defaults(kepala, client_for):
    html = client_for(kepala).get(PROFILE).content.decode()
    assert "Pengaturan notifikasi" in html
    assert 'value="each" class="form-check-input" id="id_email_mode_0" checked' in html or (
        'value="each"' in html and "checked" in html
    )


def test_it_saves_the_digest_and_whatsapp_with_a_normalised_number(kepala, client_for):
    response = client_for(kepala).post(
        PROFILE, {"email_mode": "digest", "whatsapp": "on", "phone": "0812-3456-7890"}
    )
    assert response.status_code == 302
    chosen = NotificationSettings.objects.get(user=kepala)
    assert (chosen.email_mode, chosen.whatsapp, chosen.phone) == ("digest", True, "+6281234567890")


@pytest.mark.parametrize("phone", ["12345", "+6221123456", "0812", "+1 650 555 1234", "08abc"])
def test_a_bad_number_is_refused_in_indonesian_and_nothing_is_saved(kepala, client_for, phone):
    response = client_for(kepala).post(
        PROFILE, {"email_mode": "off", "whatsapp": "on", "phone": phone}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Nomor WhatsApp harus nomor seluler Indonesia" in html
    assert not NotificationSettings.objects.filter(user=kepala).exists()


def test_whatsapp_without_a_number_is_refused(kepala, client_for):
    response = client_for(kepala).post(PROFILE, {"email_mode": "each", "whatsapp": "on"})
    assert response.status_code == 422
    assert "Isi nomor WhatsApp" in response.content.decode()
    assert not NotificationSettings.objects.exists()


def test_an_unknown_email_mode_is_refused(kepala, client_for):
    response = client_for(kepala).post(PROFILE, {"email_mode": "hourly"})
    assert response.status_code == 422
    assert not NotificationSettings.objects.exists()


def test_each_user_changes_only_their_own_settings(kepala, sekretaris, client_for):
    client_for(sekretaris).post(PROFILE, {"email_mode": "off"})
    assert NotificationSettings.objects.get().user == sekretaris


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("081234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0812) 3456-789", "+628123456789"),
        ("", ""),
    ],
)
def test_numbers_are_normalised_to_plus_62(raw, normal):
    assert normalize_phone(raw) == normal
