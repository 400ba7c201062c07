"""The one login limit of the web login, the admin login and the API token door."""

import datetime
import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from erkt.api.models import ApiToken
from erkt.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
API_TOKEN = "/api/v1/auth/token"
WRONG = "salah-sekali"


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def web_login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def admin_login(client: Client, username: str, password: str):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password, "next": "/admin/"})


def api_login(client: Client, username: str, password: str):
    body = json.dumps({"username": username, "password": password})
    return client.post(API_TOKEN, body, content_type="application/json")


def fail(door, client: Client, username: str, times: int) -> None:
    for _ in range(times):
        door(client, username, WRONG)


def test_the_web_login_refuses_the_right_password_after_five_wrong_ones(kepala):
    client = from_address("10.0.0.1")
    fail(web_login, client, "kepala", 5)

    response = web_login(client, "kepala", DEMO_PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert "Akun dikunci sementara" in html
    assert "coba lagi 15 menit lagi" in html
    assert SESSION_KEY not in client.session


def test_the_admin_login_refuses_the_right_password_after_five_wrong_ones(administrator):
    client = from_address("10.0.0.1")
    fail(admin_login, client, "admin", 5)

    response = admin_login(client, "admin", DEMO_PASSWORD)

    assert response.status_code == 429
    assert "Akun dikunci sementara" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_the_api_refuses_the_right_password_after_five_wrong_ones(kepala):
    client = from_address("10.0.0.1")
    fail(api_login, client, "kepala", 5)

    response = api_login(client, "kepala", DEMO_PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert "coba lagi 15 menit lagi" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_four_wrong_passwords_still_let_the_right_one_in(kepala):
    client = from_address("10.0.0.1")
    fail(web_login, client, "kepala", 4)

    assert web_login(client, "kepala", DEMO_PASSWORD).status_code == 302


def test_failures_from_one_address_do_not_lock_the_user_out_from_another(kepala):
    fail(web_login, from_address("203.0.113.9"), "kepala", 5)
    fail(api_login, from_address("203.0.113.9"), "kepala", 10)

    office = from_address("10.0.0.7")
    assert web_login(office, "kepala", DEMO_PASSWORD).status_code == 302
    assert api_login(from_address("10.0.0.7"), "kepala", DEMO_PASSWORD).status_code == 201


def test_thirty_failures_from_many_addresses_lock_the_username_everywhere(kepala, sekretaris):
    for host in range(6):
        fail(api_login, from_address(f"203.0.113.{host}"), "kepala", 5)

    office = from_address("10.0.0.7")
    assert web_login(office, "kepala", DEMO_PASSWORD).status_code == 429
    assert SESSION_KEY not in office.session
    # Another user of the same office is not affected.
    assert web_login(office, "sekretaris", DEMO_PASSWORD).status_code == 302


def test_the_count_is_shared_by_the_doors_and_kept_in_the_database(kepala):
    # Two clients, as two workers would see them: the count lives in the database.
    first, second = from_address("10.0.0.1"), from_address("10.0.0.1")
    fail(web_login, first, "kepala", 2)
    fail(admin_login, second, "kepala", 1)
    fail(api_login, first, "kepala", 1)

    attempts = AccessAttempt.objects.filter(username="kepala", ip_address="10.0.0.1")
    assert sum(attempts.values_list("failures_since_start", flat=True)) == 4

    fail(web_login, second, "kepala", 1)
    assert api_login(first, "kepala", DEMO_PASSWORD).status_code == 429


def test_the_lock_lifts_after_the_cool_off(kepala, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False)
    client = from_address("10.0.0.1")
    fail(web_login, client, "kepala", 5)
    time_machine.shift(datetime.timedelta(minutes=14))
    assert web_login(client, "kepala", DEMO_PASSWORD).status_code == 429

    time_machine.shift(datetime.timedelta(minutes=2))

    assert web_login(client, "kepala", DEMO_PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_earlier_failures(kepala):
    client = from_address("10.0.0.1")
    fail(web_login, client, "kepala", 4)
    assert web_login(client, "kepala", DEMO_PASSWORD).status_code == 302
    client.logout()

    fail(web_login, client, "kepala", 4)

    assert web_login(client, "kepala", DEMO_PASSWORD).status_code == 302


def test_the_lockout_page_keeps_the_site_layout_and_speaks_indonesian(kepala):
    client = from_address("10.0.0.1")
    fail(web_login, client, "kepala", 5)

    html = web_login(client, "kepala", DEMO_PASSWORD).content.decode()

    assert '<html lang="id">' in html
    assert 'id="locked-out"' in html
    assert "hubungi administrator" in html


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(kepala):
    client = from_address("203.0.113.9")
    for fake in range(5):
        client.post(
            LOGIN,
            {"username": "kepala", "password": WRONG},
            headers={"X-Forwarded-For": f"198.51.100.{fake}"},
        )

    response = client.post(
        LOGIN,
        {"username": "kepala", "password": DEMO_PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.77"},
    )

    assert response.status_code == 429


def test_behind_a_proxy_the_address_it_forwards_is_counted(kepala, settings):
    settings.LOGIN_PROXY_COUNT = 1
    proxy = from_address("10.0.0.1")  # nginx: every request comes from it
    for _ in range(5):
        proxy.post(
            LOGIN,
            {"username": "kepala", "password": WRONG},
            headers={"X-Forwarded-For": "1.2.3.4, 203.0.113.9"},
        )

    office = proxy.post(
        LOGIN,
        {"username": "kepala", "password": DEMO_PASSWORD},
        headers={"X-Forwarded-For": "10.20.30.40"},
    )

    assert office.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_the_real_user_signing_in_does_not_reset_an_attackers_count(kepala):
    for host in range(5):
        fail(web_login, from_address(f"203.0.113.{host}"), "kepala", 5)
    assert web_login(from_address("10.0.0.7"), "kepala", DEMO_PASSWORD).status_code == 302

    fail(web_login, from_address("203.0.113.200"), "kepala", 5)

    assert web_login(from_address("10.0.0.8"), "kepala", DEMO_PASSWORD).status_code == 429
