"""Under the Content-Security-Policy, the pages and their scripts still work, unblocked."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.org.demo import DEMO_PASSWORD
from erkt.rkt.tests.form_fixtures import form_of, form_process
from erkt.testing.browser import sign_in

__all__ = ["form_process"]

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def watch_violations(page) -> list[str]:
    """Violations the browser reports, from the console and from the DOM event."""
    reported = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            reported.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return reported


def violations(page, console: list[str]) -> list[str]:
    return console + page.evaluate("window.cspViolations || []")


def test_the_login_page_and_its_script_work_without_a_violation(page, live_server, demo):
    console = watch_violations(page)
    response = page.goto(reverse("login"))
    assert "script-src 'self'" in response.headers["content-security-policy"]

    # erkt.js (no longer inline) fills the username from a demo account link.
    page.locator("[data-demo-username='kepala']").click()

    expect(page.locator("input[name=username]")).to_have_value("kepala")
    assert page.url.endswith(reverse("login"))
    assert violations(page, console) == []


def test_signed_in_pages_with_htmx_load_without_a_violation(page, live_server, demo):
    console = watch_violations(page)
    sign_in(page, live_server, "kasubbag.perencanaan")

    for url in (reverse("workflow:inbox"), reverse("password_change")):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof htmx") == "object"
        assert violations(page, console) == [], url


def test_the_api_documentation_renders_under_the_policy(page, live_server, demo):
    console = watch_violations(page)

    page.goto("/api/v1/docs")

    expect(page.get_by_text("e-RKT API").first).to_be_visible()
    assert violations(page, console) == []


def test_cancelling_a_new_form_row_empties_its_slot_without_a_violation(
    page, live_server, form_process
):
    # The "Batal" link was an hx-on attribute, which htmx evaluates as code.
    form = form_of(form_process, "MPK")
    console = watch_violations(page)
    sign_in(page, live_server, "kabid.mpk")
    page.goto(reverse("rkt:unit_form", args=[form.pk]))

    page.get_by_role("link", name="Tambah baris").click()
    slot = page.locator("#row-add-slot")
    expect(slot).to_contain_text("Baris baru")
    slot.get_by_role("link", name="Batal").click()

    expect(slot).to_be_empty()
    assert page.url.endswith(reverse("rkt:unit_form", args=[form.pk]))
    assert violations(page, console) == []


def test_the_admin_works_without_a_violation(page, live_server, demo):
    console = watch_violations(page)
    page.goto(reverse("admin:login"))
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("[type=submit]").click()

    page.goto(reverse("admin:api_apitoken_changelist"))

    expect(page.locator("#changelist")).to_be_visible()
    assert violations(page, console) == []
