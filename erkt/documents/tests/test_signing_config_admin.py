"""The administrator chooses how the organisation signs (uploaded PKCS#12 or BSrE) in the
admin; the BSrE client secret is kept encrypted and never shown again."""

from __future__ import annotations

from django.urls import reverse

from erkt.documents.signing.models import SigningConfig
from erkt.documents.signing.providers import BsreProvider, Pkcs12Provider, provider_for

ADD = "admin:documents_signingconfig_add"


def form(demo, **changes) -> dict:
    data = {
        "organization": demo.pk,
        "provider": "bsre_v2",
        "bsre_url": "https://esign.example.go.id",
        "bsre_client_id": "erkt-bkpsdm",
        "client_secret": "rahasia-klien",
        "bsre_timeout": "30",
    }
    return {**data, **changes}


def test_without_a_configuration_the_office_signs_with_the_uploaded_certificate(demo):
    assert isinstance(provider_for(demo), Pkcs12Provider)


def test_the_administrator_configures_bsre_with_an_encrypted_secret(
    client_for, administrator, demo
):
    response = client_for(administrator).post(reverse(ADD), form(demo))
    assert response.status_code == 302
    config = SigningConfig.objects.get(organization=demo)
    assert config.client_secret() == "rahasia-klien"
    assert b"rahasia-klien" not in bytes(config.encrypted_bsre_client_secret)
    assert isinstance(provider_for(demo), BsreProvider)
    change = reverse("admin:documents_signingconfig_change", args=[config.pk])
    assert "rahasia-klien" not in client_for(administrator).get(change).content.decode()


def test_bsre_without_its_address_is_refused(client_for, administrator, demo):
    response = client_for(administrator).post(reverse(ADD), form(demo, bsre_url=""))
    assert response.status_code == 200
    assert "memerlukan alamat layanan" in response.content.decode()
    assert not SigningConfig.objects.exists()


def test_a_timeout_beyond_five_minutes_is_refused(client_for, administrator, demo):
    response = client_for(administrator).post(reverse(ADD), form(demo, bsre_timeout="301"))
    assert response.status_code == 200
    assert not SigningConfig.objects.exists()


def test_a_kepala_who_is_not_staff_cannot_open_it(client_for, kepala):
    response = client_for(kepala).get(reverse(ADD))
    assert response.status_code == 302 and reverse("admin:login") in response.url
