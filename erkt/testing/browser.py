"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

A browser test asks for `page` (a fresh browser context whose base URL is the
live server) and is marked `@pytest.mark.browser`:

    @pytest.mark.browser
    def test_it_shows_the_sop(page, live_server, demo):
        sign_in(page, live_server, "kabid.ppik")
        page.goto(reverse("sop:list"))

When such a test fails, its screenshot and HTML are kept in test-artifacts/.
Never run `playwright install`: the browser is Debian's chromium-headless-shell (the
headless build of the same Chromium, which Playwright itself uses for headless runs:
a fifth less CPU than the full browser in the README walk), else /usr/bin/chromium.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse

HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM = str(HEADLESS_SHELL) if HEADLESS_SHELL.exists() else "/usr/bin/chromium"
# The machine has no network but loopback: without these flags chromium keeps
# trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "demo1234"
# Generous: the machine may be busy (CI runs the suite on 2 cores).
TIMEOUT_MS = 30_000

_reports = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def _chromium() -> Iterator:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    # Playwright's sync API keeps an asyncio loop running in this thread, which
    # makes Django refuse ORM calls from it (SynchronousOnlyOperation) for as long
    # as the browser lives, in the browser tests and in every test after them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(request: pytest.FixtureRequest, _chromium, live_server) -> Iterator:
    """A page in a fresh browser context (no cookies) whose base URL is the live server."""
    context = _chromium.new_context(
        base_url=live_server.url,
        locale="id-ID",
        timezone_id="Asia/Makassar",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    browser_page = context.new_page()
    try:
        yield browser_page
    finally:
        call = request.node.stash.get(_reports, {}).get("call")
        try:
            if call is not None and call.failed:
                _keep_artifacts(browser_page, request.node.nodeid, request.config.rootpath)
        finally:
            context.close()


def _keep_artifacts(page, nodeid: str, rootpath: Path) -> None:
    directory = rootpath / "test-artifacts"
    directory.mkdir(exist_ok=True)
    stem = re.sub(r"[^\w.-]+", "_", nodeid).strip("_")
    page.screenshot(path=str(directory / f"{stem}.png"), full_page=True)
    (directory / f"{stem}.html").write_text(page.content(), encoding="utf-8")


def sign_in(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form, as a person would; fails if the form refuses."""
    login_url = live_server.url + reverse("login")
    page.goto(login_url)
    # Field names, not labels: the helper must not break when the UI is translated.
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) [type=submit]").click()
    if page.url.split("?")[0] == login_url:
        raise AssertionError(f"Signing in as {username!r} failed: still on the login page")


def sign_out(page) -> None:
    """Sign out through the user menu ("Keluar"), if anyone is signed in."""
    menu = page.locator("#nav-user .dropdown-toggle")
    if not menu.count():
        return
    # The scripts are deferred: a click before Bootstrap has run follows the toggle's
    # href="#" and opens nothing, so wait for the document to finish parsing first.
    page.wait_for_load_state("domcontentloaded")
    menu.click()
    with page.expect_navigation():
        page.locator("#nav-user").get_by_role("button", name="Keluar").click()
