"""A session ends after a working day without use (SESSION_COOKIE_AGE, 8 hours)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from erkt.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

INBOX = reverse("workflow:inbox")
MONDAY_MORNING = datetime.datetime(
    2026, 3, 2, 8, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
)


def test_a_session_idle_for_more_than_eight_hours_is_signed_out(kepala, client_for, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    client = client_for(kepala)
    assert client.get(INBOX).status_code == 200

    time_machine.shift(datetime.timedelta(hours=8, minutes=1))
    response = client.get(INBOX)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_session_in_use_all_day_stays_signed_in(kepala, client_for, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    client = client_for(kepala)

    for _ in range(6):  # a request every two hours, twelve hours in all
        time_machine.shift(datetime.timedelta(hours=2))
        assert client.get(INBOX).status_code == 200


def test_a_session_is_kept_a_few_hours_without_use(kepala, client_for, time_machine):
    time_machine.move_to(MONDAY_MORNING, tick=False)
    client = client_for(kepala)

    time_machine.shift(datetime.timedelta(hours=7, minutes=50))

    assert client.get(INBOX).status_code == 200


def test_the_session_cookie_of_a_sign_in_lasts_eight_hours(kepala):
    response = Client().post(reverse("login"), {"username": "kepala", "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert int(response.cookies["sessionid"]["max-age"]) == 8 * 60 * 60


@pytest.mark.database
def test_the_first_pages_after_a_sign_in_do_not_write_the_session(kepala, client_for):
    client = client_for(kepala)

    with CaptureQueriesContext(connection) as queries:
        client.get(INBOX)
        client.get(INBOX)

    writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert [sql for sql in writes if "django_session" in sql] == []
