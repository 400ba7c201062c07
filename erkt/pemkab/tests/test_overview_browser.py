"""The Pemkab overview in the browser: on a desktop and on a 390 px phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from erkt.testing.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_the_reader_signs_in_to_the_overview_and_it_never_scrolls_sideways(
    page: Page, live_server, process, other_org, width
):
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, live_server, "bappeda")
    expect(page.locator("#home-pemkab")).to_contain_text("Dinas Pendidikan")
    page.goto(reverse("pemkab:overview") + "?tahun=2027")
    expect(page.locator("h1")).to_contain_text("RKT 2027")
    expect(page.locator('tr[data-opd="BKPSDM"]')).to_contain_text("1.")
    expect(page.locator("#nav-user")).to_contain_text("Yuliani Rahmawati")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
