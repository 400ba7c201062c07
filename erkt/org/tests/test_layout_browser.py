"""The shared layout in the browser: htmx errors, the RKT menu, the task count on a phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from erkt.sop.models import Sop
from erkt.testing.browser import sign_in
from erkt.workflow import engine

pytestmark = pytest.mark.browser

SERVER_ERROR = "Terjadi kesalahan pada server. Silakan coba lagi."


@pytest.fixture
def first_task(demo, kepala):
    """Step 1 of a new RKT process: the Kepala Badan's task."""
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    process = engine.start_process(sop=sop, year=2027, by=kepala)
    return process.tasks.get(step_run__number=1)


def test_a_server_error_during_an_htmx_action_shows_an_alert(
    page: Page, live_server, first_task, without_step_actions
):
    sign_in(page, live_server, "kepala")
    page.goto(reverse("workflow:task", args=[first_task.pk]))
    complete = page.get_by_role("button", name="Selesaikan tugas")
    alert = page.locator("#server-error")

    complete.click()  # no file yet: a 422, answered in the page itself
    expect(page.locator("#task-complete")).to_contain_text("belum diunggah")
    expect(alert).to_be_hidden()

    url = reverse("workflow:task_complete", args=[first_task.pk])
    page.route(f"**{url}", lambda route: route.fulfill(status=500, body="Server Error"))
    complete.click()
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(SERVER_ERROR)
    alert.get_by_role("button", name="Tutup").click()
    expect(alert).to_be_hidden()


def test_the_rkt_menu_opens_the_rkt_the_form_rkt_and_the_renstra(page: Page, live_server, demo):
    sign_in(page, live_server, "kabid.ppik")
    page.locator("#nav-rkt").get_by_role("button", name="RKT").click()
    menu = page.locator("#nav-rkt .dropdown-menu")
    expect(menu.get_by_role("link")).to_have_text([re.compile("RKT"), "Form RKT", "Renstra"])
    menu.get_by_role("link", name="Renstra").click()
    expect(page).to_have_url(re.compile(reverse("rkt:renstra") + "$"))


def test_on_a_phone_the_open_task_count_shows_beside_the_menu_button(
    page: Page, live_server, first_task
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "kepala")
    page.goto(reverse("sop:list"))
    expect(page.locator("#nav-main")).to_be_hidden()
    expect(page.locator("#nav-task-count-sm")).to_be_visible()
    expect(page.locator("#nav-task-count-sm")).to_contain_text("1")
    page.locator("#nav-task-count-sm").click()
    expect(page).to_have_url(re.compile(reverse("workflow:inbox") + "$"))
