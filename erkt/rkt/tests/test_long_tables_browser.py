"""Long tables in a browser: the Renstra at 1366x768 keeps every year inside its own
scrolling box (the page never scrolls sideways), its header row stays in view, and the
search box filters its rows (erkt.js; without JavaScript the box is hidden)."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.testing.browser import sign_in

SCREENSHOTS = os.environ.get("ERKT_SCREENSHOTS", "")


@pytest.mark.browser
def test_the_renstra_fits_1366_px_and_its_search_box_filters(page, live_server, renstra):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "kasubbag.perencanaan")
    page.goto(reverse("rkt:renstra"))
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 1366
    table = page.locator("#renstra-program")
    last_year = table.locator("thead th").last
    box = page.locator("#renstra-program").locator("xpath=..")
    # The last year's header is reachable inside the table's own box.
    box.scroll_into_view_if_needed()
    box.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    cell, frame = last_year.bounding_box(), box.bounding_box()
    assert frame["x"] <= cell["x"] and cell["x"] + cell["width"] <= frame["x"] + frame["width"] + 1
    assert frame["x"] + frame["width"] <= 1366
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/renstra-1366.png", full_page=True)

    # The header row sticks while the rows scroll inside the box.
    box.evaluate("(el) => { el.scrollTop = 400; }")
    box.scroll_into_view_if_needed()
    header_top = table.locator("thead th").first.bounding_box()["y"]
    box_top = box.bounding_box()["y"]
    assert abs(header_top - box_top) < 2

    rows = table.locator("tbody tr")
    total = rows.count()
    search = page.get_by_label("Cari di tabel").nth(1)
    expect(search).to_be_visible()
    search.fill("zzz-tidak-ada")
    expect(table.locator("tbody tr:visible")).to_have_count(0)
    first_code = rows.first.locator("td").first.inner_text().strip()
    search.fill(first_code)
    visible = table.locator("tbody tr:visible").count()
    assert 0 < visible < total
    search.fill("")
    expect(table.locator("tbody tr:visible")).to_have_count(total)


def test_the_renstra_page_has_the_hidden_search_boxes_and_sticky_tables(
    client_for, kasubbag_perencanaan, renstra
):
    html = client_for(kasubbag_perencanaan).get(reverse("rkt:renstra")).content.decode()
    assert html.count("data-erkt-filter-box hidden") == 2
    assert 'id="renstra-program"' in html and "table-sticky" in html
    assert "table-scroll" in html


@pytest.mark.browser
def test_links_in_tables_and_navigation_are_at_least_24_px_high(page, live_server, demo, kepala):
    from erkt.workflow.tests.page_helpers import start

    process = start(demo, kepala)
    sign_in(page, live_server, "kasubbag.perencanaan")
    small = []
    for url in (
        reverse("workflow:process_list"),
        reverse("workflow:monitoring"),
        reverse("workflow:process", args=[process.pk]),
    ):
        page.goto(url)
        heights = page.eval_on_selector_all(
            "table a:not(.btn), nav a, .breadcrumb a, .list-group-item a",
            "(links) => links.filter((a) => a.offsetParent !== null)"
            ".map((a) => [a.textContent.trim(), a.getBoundingClientRect().height])",
        )
        small += [(url, text, height) for text, height in heights if height < 24]
    assert small == []
