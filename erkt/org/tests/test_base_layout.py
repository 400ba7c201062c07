"""The layout every page shares: htmx's handling of refusals and of server errors."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HTMX_CONFIG = '<meta name="htmx-config"'


def test_every_page_lets_htmx_swap_refusals_once(client_for, kepala, client):
    pages = [client.get(reverse("login")), client_for(kepala).get(reverse("sop:list"))]
    for response in pages:
        html = response.content.decode()
        assert html.count(HTMX_CONFIG) == 1
        assert '{"code":"403|409|422","swap":true,"error":true}' in html


def test_every_page_has_the_hidden_server_error_alert(client_for, kepala):
    html = client_for(kepala).get(reverse("sop:list")).content.decode()
    assert '<div id="server-error" class="alert alert-danger' in html
    assert "Terjadi kesalahan pada server. Silakan coba lagi." in html
    assert 'role="alert" hidden>' in html
    assert "js/erkt.js" in html
