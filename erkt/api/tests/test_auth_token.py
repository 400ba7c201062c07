import json

import pytest
from django.test import Client

from erkt.api.models import ApiToken, hash_secret
from erkt.api.tests.helpers import ApiClient, assert_error
from erkt.audit.models import AuditEntry
from erkt.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def request_token(username: str, password: str, **extra):
    return ApiClient(None).post(
        "/auth/token", {"username": username, "password": password, **extra}
    )


def test_it_issues_a_token_for_a_demo_user(kepala):
    response = request_token("kepala", DEMO_PASSWORD, name="skrip laporan")

    assert response.status_code == 201
    body = response.json()
    assert body["token"].startswith("erkt_")
    assert body["name"] == "skrip laporan"
    assert body["token"].startswith(body["prefix"])
    assert body["created_at"].endswith("+08:00")


def test_it_stores_only_the_hash_of_the_token(kepala):
    secret = request_token("kepala", DEMO_PASSWORD).json()["token"]

    token = ApiToken.objects.get(user=kepala)
    assert token.key_hash == hash_secret(secret)
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert all(secret not in value for value in stored)


def test_the_token_authenticates_later_requests(kepala):
    secret = request_token("kepala", DEMO_PASSWORD).json()["token"]

    response = ApiClient(secret).get("/sops")

    assert response.status_code == 200
    assert ApiToken.objects.get(user=kepala).last_used_at is not None


def test_it_refuses_a_wrong_password(kepala):
    response = request_token("kepala", "salah")

    assert_error(response, 401)
    assert not ApiToken.objects.exists()


def test_it_refuses_an_unknown_user(demo):
    assert_error(request_token("nobody", DEMO_PASSWORD), 401)


def test_it_refuses_an_inactive_user(kepala):
    kepala.is_active = False
    kepala.save(update_fields=["is_active"])

    assert_error(request_token("kepala", DEMO_PASSWORD), 401)


def test_a_request_without_a_token_is_refused(demo):
    detail = assert_error(ApiClient(None).get("/sops"), 401)

    assert detail == "Token tidak valid atau sudah dicabut."


def test_a_made_up_token_is_refused(demo):
    assert_error(ApiClient("erkt_not-a-real-token").get("/sops"), 401)


def test_a_token_in_another_scheme_is_refused(kepala):
    _token, secret = ApiToken.issue(kepala)
    client = ApiClient(None)
    client.client.defaults["HTTP_AUTHORIZATION"] = f"Token {secret}"

    assert_error(client.get("/sops"), 401)


@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("bearer {secret}", 200),  # the scheme in any case, as HttpBearer reads it
        ("BEARER  {secret}", 200),  # the spaces around the token are not part of it
        ("Bearer", 401),
        ("Bearer ", 401),
        ("Basic {secret}", 401),
        ("{secret}", 401),
    ],
)
def test_the_authorization_header_is_read_as_ninjas_http_bearer_reads_it(kepala, header, status):
    _token, secret = ApiToken.issue(kepala)
    client = ApiClient(None)
    client.client.defaults["HTTP_AUTHORIZATION"] = header.format(secret=secret)

    assert client.get("/sops").status_code == status


def test_the_token_of_a_deactivated_user_stops_working(kepala, api_for):
    api = api_for(kepala)
    kepala.is_active = False
    kepala.save(update_fields=["is_active"])

    assert_error(api.get("/sops"), 401)


def test_delete_revokes_the_token_in_use(kepala, api_for):
    api = api_for(kepala)

    response = api.delete("/auth/token")

    assert response.status_code == 204
    assert ApiToken.objects.get(user=kepala).revoked_at is not None
    assert_error(api.get("/sops"), 401)


def test_revoking_one_token_leaves_the_others_working(kepala, api_for):
    first, second = api_for(kepala), api_for(kepala)

    first.delete("/auth/token")

    assert second.get("/sops").status_code == 200


def test_it_lists_the_callers_own_tokens(kepala, sekretaris, api_for):
    api = api_for(kepala)
    ApiToken.issue(kepala, name="lama")[0].revoke()
    ApiToken.issue(sekretaris, name="milik sekretaris")

    response = api.get("/auth/tokens")

    assert response.status_code == 200
    tokens = response.json()
    assert sorted(t["name"] for t in tokens) == ["lama", "test"]
    assert [t["current"] for t in tokens if t["name"] == "test"] == [True]
    assert all("token" not in t and "key_hash" not in t for t in tokens)
    assert [t["revoked_at"] is not None for t in tokens if t["name"] == "lama"] == [True]


def test_it_revokes_one_of_the_callers_tokens_by_id(kepala, api_for):
    api = api_for(kepala)
    other, secret = ApiToken.issue(kepala, name="skrip")

    response = api.delete(f"/auth/tokens/{other.pk}")

    assert response.status_code == 204
    assert_error(ApiClient(secret).get("/sops"), 401)
    assert api.get("/sops").status_code == 200


def test_it_answers_404_for_someone_elses_token(kepala, sekretaris, api_for):
    theirs, secret = ApiToken.issue(sekretaris)

    assert_error(api_for(kepala).delete(f"/auth/tokens/{theirs.pk}"), 404)

    assert ApiClient(secret).get("/sops").status_code == 200


def test_the_token_endpoint_refuses_get(demo):
    assert_error(ApiClient(None).get("/auth/token"), 405)


def test_issuing_and_revoking_are_recorded_in_the_audit_log(demo, kepala):
    secret = request_token("kepala", DEMO_PASSWORD).json()["token"]
    ApiClient(secret).delete("/auth/token")

    entries = AuditEntry.objects.filter(organization=demo, action__startswith="api_token.")
    assert list(entries.order_by("seq").values_list("action", "user__username")) == [
        ("api_token.issue", "kepala"),
        ("api_token.revoke", "kepala"),
    ]
    assert all(secret not in str(entry.after) for entry in entries)


def test_a_script_needs_no_csrf_token(kepala):
    client = Client(enforce_csrf_checks=True)
    body = json.dumps({"username": "kepala", "password": DEMO_PASSWORD})

    response = client.post("/api/v1/auth/token", body, content_type="application/json")

    assert response.status_code == 201
    secret = response.json()["token"]
    revoked = client.delete("/api/v1/auth/token", headers={"Authorization": f"Bearer {secret}"})
    assert revoked.status_code == 204


def test_a_browser_session_is_not_an_api_credential(kepala, client_for):
    assert_error(client_for(kepala).get("/api/v1/sops"), 401)
