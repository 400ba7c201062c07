import pytest
from django.urls import reverse

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import ApiClient, assert_error

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:api_apitoken_changelist")


def test_the_administrator_sees_the_tokens_of_the_organisation_without_secrets(
    administrator, kepala, stranger, client_for
):
    ours, secret = ApiToken.issue(kepala, name="skrip laporan")
    ApiToken.issue(stranger, name="token disdik")

    response = client_for(administrator).get(CHANGELIST)

    assert response.status_code == 200
    content = response.content.decode()
    assert ours.prefix in content and "skrip laporan" in content
    assert "token disdik" not in content
    assert secret not in content and ours.key_hash not in content


def test_the_administrator_revokes_a_token(administrator, kepala, client_for):
    token, secret = ApiToken.issue(kepala)

    response = client_for(administrator).post(
        CHANGELIST, {"action": "revoke", "_selected_action": [token.pk]}
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_error(ApiClient(secret).get("/sops"), 401)


def test_tokens_are_not_added_through_the_admin(administrator, client_for):
    response = client_for(administrator).get(reverse("admin:api_apitoken_add"))

    assert response.status_code == 403


def test_a_user_without_admin_access_is_sent_to_the_login(kepala, client_for):
    response = client_for(kepala).get(CHANGELIST)

    assert response.status_code == 302
