"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

A browser test asks for `page` (a fresh browser context whose base URL is the
live server) and is marked `@pytest.mark.browser`:

    @pytest.mark.browser
    def test_it_shows_the_sop(page, live_server, demo):
        sign_in(page, live_server, "kabid.ppik")
        page.goto(reverse("sop:list"))
        follow(page, page.get_by_role("link", name="Penyusunan RKT"))

A page's scripts are deferred (Bootstrap, htmx, erkt.js) and htmx wires its elements
at DOMContentLoaded, so a page still loading looks ready but does not behave: a click
on a dropdown toggle follows its href="#", a click on an htmx button submits its form
without htmx (or does nothing). `page.goto` waits for the load event, a click that
loads a page does not: click links and buttons that load a page with `follow`, and
call `settled` before reading what htmx loads into a page (the bell's count).

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
# The load event has fired (so have the deferred scripts and htmx's own start) and htmx
# has no request in flight and no swap still settling: each of those states leaves its
# class on an element of the page until it is over.
SETTLED = """() => document.readyState === "complete"
    && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")"""

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


def settled(page) -> None:
    """Wait until the page has loaded and htmx has nothing in flight (see SETTLED)."""
    page.wait_for_function(SETTLED)


def follow(page, target, timeout: float | None = None) -> None:
    """Click a link or button that loads a page, and wait until that page has settled.

    A click alone returns once the new page is committed, while it is still being parsed
    and before its scripts have run."""
    with page.expect_navigation(timeout=timeout):
        target.click(timeout=timeout)
    settled(page)


def sign_in(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form, as a person would; fails if the form refuses."""
    login_url = live_server.url + reverse("login")
    page.goto(login_url)
    # Field names, not labels: the helper must not break when the UI is translated.
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    follow(page, page.locator("form:has(input[name=password]) [type=submit]"))
    if page.url.split("?")[0] == login_url:
        raise AssertionError(f"Signing in as {username!r} failed: still on the login page")


def sign_out(page) -> None:
    """Sign out through the user menu ("Keluar"), if anyone is signed in."""
    # Settled first: the menu's toggle needs Bootstrap, and a page still being parsed
    # may not have its user menu yet.
    settled(page)
    menu = page.locator("#nav-user .dropdown-toggle")
    if not menu.count():
        return
    menu.click()
    follow(page, page.locator("#nav-user").get_by_role("button", name="Keluar"))
