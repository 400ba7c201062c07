"""The bell in the browser: htmx loads the unread count; marking read updates it in place."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from erkt.sop.models import Sop
from erkt.testing.browser import follow, sign_in
from erkt.workflow import engine
from erkt.workflow.models import Notification

pytestmark = pytest.mark.browser


def test_a_new_task_lights_the_bell_and_marking_it_read_puts_it_out(
    page: Page, live_server, demo, kepala
):
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    # A transactional live server: the notices are queued after the commit and stored
    # at once (the immediate backend stands in for the worker).
    engine.start_process(sop=sop, year=2027, by=kepala)
    notice = Notification.objects.get(recipient=kepala, kind="opened")
    sign_in(page, live_server, "kepala")
    page.goto(reverse("workflow:inbox"))
    bell = page.locator("#nav-bell [data-unread]")
    expect(bell).to_have_attribute("data-unread", "1")
    follow(page, page.locator("#nav-bell"))  # its button needs htmx
    item = page.locator(f"#notice-{notice.pk}")
    expect(item).to_contain_text("Tugas baru: langkah 1")
    item.get_by_role("button", name="Tandai sudah dibaca").click()
    expect(item).to_have_attribute("data-read", "1")
    expect(page.locator("#nav-bell [data-unread]")).to_have_count(0)
    assert page.url.endswith(reverse("notifications:list") + "?belum=1")
