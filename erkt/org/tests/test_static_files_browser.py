"""The pages arrive styled: every stylesheet and script of the layout is served."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_login_page_loads_its_stylesheets_and_scripts(page, live_server):
    static_responses = []
    page.on(
        "response",
        lambda response: static_responses.append(response) if "/static/" in response.url else None,
    )

    page.goto(reverse("login"))
    page.wait_for_load_state("networkidle")

    assert {r.url.rsplit("/", 1)[-1] for r in static_responses} >= {
        "bootstrap.min.css",
        "bootstrap-icons.min.css",
        "erkt.css",
        "htmx.min.js",
        "bootstrap.bundle.min.js",
        "erkt.js",
    }
    assert [r.url for r in static_responses if r.status != 200] == []
    # Bootstrap's .btn-primary is blue on white text; unstyled, a button is grey.
    expect(page.get_by_role("button", name="Masuk", exact=True)).to_have_css(
        "color", "rgb(255, 255, 255)"
    )
