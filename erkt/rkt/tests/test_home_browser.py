"""The home page in a browser, on a desktop and on a phone: the panels above the Kotak Tugas,
the Gantt drawn without JS, nothing running off the side of the screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from erkt.rkt.tests.drafts_helpers import (
    at_step_6,
    at_step_7,
    at_step_8,
    at_step_9,
    compiled,
    open_task,
    user,
)
from erkt.testing.browser import follow, sign_in
from erkt.workflow import engine

__all__ = ["at_step_6", "at_step_7", "at_step_8", "at_step_9", "compiled"]

# Set to keep the screenshots (e.g. ERKT_SCREENSHOTS=test-artifacts/home) for a look.
SCREENSHOTS = os.environ.get("ERKT_SCREENSHOTS", "")


@pytest.fixture
def sent_back(at_step_9):
    """The Sekretaris said "tidak" at step 9: step 8 runs a second pass."""
    engine.complete_task(
        open_task(at_step_9, 9), by=user("sekretaris"), decision="tidak", note="Target IKU 2"
    )
    return at_step_9


@pytest.mark.browser
@pytest.mark.parametrize(
    ("username", "panel", "width"),
    [
        ("kepala", "#home-signing", 1366),
        ("kepala", "#home-signing", 390),
        ("tim1", "#home-late", 1366),
        ("kabid.ppik", "#home-unit", 390),
    ],
)
def test_each_person_sees_their_home(page, live_server, sent_back, username, panel, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, username)
    expect(page.locator(panel)).to_be_visible()
    expect(page.locator("#kotak-tugas")).to_be_visible()
    if username != "kabid.ppik":
        expect(page.locator("svg.gantt")).to_be_visible()
        assert page.locator('svg.gantt g[data-step="8"] rect.gantt-bar').count() == 3
    # The page never scrolls sideways (the Gantt scrolls inside its card).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        name = f"{SCREENSHOTS}/home-{username}-{width}.png"
        page.screenshot(path=name, full_page=True)


@pytest.mark.browser
def test_the_process_prints_its_gantt_steps_and_history(page, live_server, sent_back):
    from django.urls import reverse

    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "kasubbag.perencanaan")
    page.goto(reverse("workflow:process", args=[sent_back.pk]))
    expect(page.locator("svg.gantt")).to_be_visible()
    follow(page, page.get_by_role("link", name="Cetak / PDF"))
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("svg.gantt")).to_be_visible()
    expect(page.locator("#steps")).to_be_visible()
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/process-print.png", full_page=True)
        page.pdf(path=f"{SCREENSHOTS}/process-print.pdf", format="A4", landscape=True)
