"""The bell, the list of one's notices, mark read and mark all read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.workflow.models import Notification
from erkt.workflow.tests.page_helpers import HTMX, start

LIST = reverse("notifications:list")
BELL = reverse("notifications:bell")
ALL_READ = reverse("notifications:mark_all_read")


def read_url(notice: Notification) -> str:
    return reverse("notifications:mark_read", args=[notice.pk])


@pytest.fixture
def process(demo, kepala):
    return start(demo, kepala)


def notice_for(user, process, kind=Notification.Kind.SIGNED) -> Notification:
    return Notification.objects.create(
        process=process, kind=kind, recipient=user, facts={"process": str(process), "path": "/"}
    )


def unread_badge(html: str) -> str | None:
    import re

    found = re.search(r'data-unread="(\d+)"', html)
    return found.group(1) if found else None


def test_the_bell_counts_the_unread_notices(process, kepala, client_for):
    notice_for(kepala, process)
    notice_for(kepala, process, Notification.Kind.ARCHIVED)
    html = client_for(kepala).get(BELL).content.decode()
    assert unread_badge(html) == "2"
    assert 'hx-trigger="every 60s"' in html


def test_the_bell_shows_no_count_when_everything_is_read(process, kepala, client_for):
    notice_for(kepala, process).__class__.objects.update(read_at="2026-11-02T09:00:00+08:00")
    assert unread_badge(client_for(kepala).get(BELL).content.decode()) is None


def test_every_page_has_the_bell_which_loads_its_count_by_htmx(kepala, client_for):
    html = client_for(kepala).get(reverse("workflow:inbox")).content.decode()
    assert 'id="nav-bell"' in html
    assert f'hx-get="{BELL}"' in html
    assert f'href="{LIST}"' in html  # without JavaScript: a link to the list


def test_the_list_shows_the_users_notices_in_indonesian(process, kepala, client_for):
    notice_for(kepala, process)
    html = client_for(kepala).get(LIST).content.decode()
    assert f"{process} telah ditandatangani" in html
    assert "1 belum dibaca" in html


def test_the_list_shows_english_to_an_english_reader(process, kepala, client_for):
    notice_for(kepala, process)
    client = client_for(kepala)
    html = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{process} has been signed" in html


def test_marking_one_read_without_javascript_redirects_back(process, kepala, client_for):
    notice = notice_for(kepala, process)
    response = client_for(kepala).post(read_url(notice), {"next": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_marking_one_read_by_htmx_swaps_the_item_and_the_bell(process, kepala, client_for):
    notice = notice_for(kepala, process)
    notice_for(kepala, process, Notification.Kind.ARCHIVED)
    response = client_for(kepala).post(read_url(notice), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="notice-{notice.pk}"' in html and 'data-read="1"' in html
    assert 'id="nav-bell"' in html and 'hx-swap-oob="true"' in html
    assert unread_badge(html) == "1"


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(process, kepala, client_for):
    notice = Notification.objects.create(
        process=process,
        kind=Notification.Kind.SIGNED,
        recipient=kepala,
        facts={"process": str(process), "path": f"/proses/{process.pk}/"},
    )
    response = client_for(kepala).post(read_url(notice), {"buka": "1"})
    assert response["Location"] == f"/proses/{process.pk}/"
    notice.refresh_from_db()
    assert notice.is_read


def test_mark_all_read_marks_only_the_users_own(process, kepala, sekretaris, client_for):
    notice_for(kepala, process)
    notice_for(kepala, process, Notification.Kind.ARCHIVED)
    theirs = notice_for(sekretaris, process)
    response = client_for(kepala).post(ALL_READ, {"next": LIST}, follow=True)
    assert "2 pemberitahuan ditandai sudah dibaca." in response.content.decode()
    assert not Notification.objects.filter(recipient=kepala, read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_another_users_notice_is_a_404(process, kepala, sekretaris, stranger, client_for):
    notice = notice_for(sekretaris, process)
    assert client_for(kepala).post(read_url(notice)).status_code == 404
    assert client_for(stranger).post(read_url(notice)).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_user_lists_only_their_own_notices(process, kepala, sekretaris, client_for):
    notice_for(sekretaris, process)
    html = client_for(kepala).get(LIST).content.decode()
    assert "Belum ada pemberitahuan." in html


@pytest.mark.parametrize("url", [LIST, BELL, reverse("notifications:profile")])
def test_anonymous_users_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_marking_read_needs_a_post(process, kepala, client_for):
    notice = notice_for(kepala, process)
    assert client_for(kepala).get(read_url(notice)).status_code == 405
    assert client_for(kepala).get(ALL_READ).status_code == 405
