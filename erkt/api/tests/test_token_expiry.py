"""API tokens with an expiry, and the record of their last use."""

import datetime

import pytest

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import WITA, ApiClient, assert_error
from erkt.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, tzinfo=WITA)


@pytest.fixture
def now(time_machine) -> datetime.datetime:
    time_machine.move_to(NOW, tick=False)
    return NOW


def request_token(**extra):
    return ApiClient(None).post(
        "/auth/token", {"username": "kepala", "password": DEMO_PASSWORD, **extra}
    )


def test_a_token_can_be_given_a_number_of_days(kepala, now):
    response = request_token(days=30)

    assert response.status_code == 201
    expires_at = datetime.datetime.fromisoformat(response.json()["expires_at"])
    assert expires_at == now + datetime.timedelta(days=30)
    assert ApiToken.objects.get(user=kepala).expires_at == expires_at


def test_a_token_can_be_given_an_end_time(kepala, now):
    response = request_token(expires_at="2026-03-31T17:00:00+08:00")

    assert response.status_code == 201
    assert response.json()["expires_at"] == "2026-03-31T17:00:00+08:00"


def test_a_token_without_an_expiry_lasts_until_revoked(kepala, now, time_machine):
    secret = request_token().json()["token"]
    time_machine.shift(datetime.timedelta(days=3650))

    assert ApiClient(secret).get("/sops").status_code == 200


def test_an_expired_token_is_refused_with_401(kepala, now, time_machine):
    secret = request_token(days=1).json()["token"]
    assert ApiClient(secret).get("/sops").status_code == 200

    time_machine.shift(datetime.timedelta(days=1, seconds=1))

    assert_error(ApiClient(secret).get("/sops"), 401)


def test_it_refuses_an_end_time_in_the_past(kepala, now):
    assert_error(request_token(expires_at="2026-03-01T09:00:00+08:00"), 422)
    assert not ApiToken.objects.exists()


def test_it_refuses_both_days_and_an_end_time(kepala, now):
    assert_error(request_token(days=3, expires_at="2026-03-31T17:00:00+08:00"), 422)
    assert not ApiToken.objects.exists()


def test_it_refuses_zero_days(kepala, now):
    assert_error(request_token(days=0), 422)
    assert not ApiToken.objects.exists()


def test_the_token_list_shows_expiry_and_last_use(kepala, now, time_machine):
    secret = request_token(name="laporan", days=7).json()["token"]
    time_machine.shift(datetime.timedelta(hours=1))

    tokens = ApiClient(secret).get("/auth/tokens").json()

    assert [(t["name"], t["expires_at"], t["last_used_at"]) for t in tokens] == [
        ("laporan", "2026-03-09T09:00:00+08:00", "2026-03-02T10:00:00+08:00")
    ]


def test_last_use_is_written_at_most_once_a_minute(kepala, now, time_machine):
    secret = request_token().json()["token"]
    api = ApiClient(secret)
    api.get("/sops")
    time_machine.shift(datetime.timedelta(seconds=30))
    api.get("/sops")

    assert ApiToken.objects.get().last_used_at == now

    time_machine.shift(datetime.timedelta(seconds=31))
    api.get("/sops")

    assert ApiToken.objects.get().last_used_at == now + datetime.timedelta(seconds=61)
