"""In the browser: the kualifikasi table of the SOP page and the step-2 warning pass axe
and fit a phone; on step 2 the warning shows beside a member only while they are chosen."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.org.models import Employee
from erkt.rkt.tests.preparation_helpers import to_rencana
from erkt.sop.models import Sop
from erkt.testing.accessibility import check_page
from erkt.testing.browser import TIMEOUT_MS, sign_in
from erkt.workflow import engine

pytestmark = pytest.mark.browser


@pytest.fixture
def axe_page(_chromium, live_server):
    """A page that may run axe-core (injected as a script: the CSP is bypassed)."""
    context = _chromium.new_context(
        base_url=live_server.url, locale="id-ID", timezone_id="Asia/Makassar", bypass_csp=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_the_sop_page_and_the_team_warning_pass_axe_and_follow_the_choice(
    axe_page, live_server, demo, kepala
):
    page = axe_page
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    process = to_rencana(engine.start_process(sop=sop, year=2027, by=kepala))
    tim2 = Employee.objects.get(user__username="tim2")

    sign_in(page, live_server, "kasubbag.perencanaan")
    sop_url = reverse("sop:detail", args=["penyusunan-rkt"])
    rencana_url = reverse("rkt:rencana", args=[process.pk])
    problems = check_page(page, sop_url) + check_page(page, rencana_url)
    assert problems == []

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(rencana_url)
    member = page.locator("[data-tim-member]").filter(has_text=tim2.full_name)
    checkbox = member.get_by_role("checkbox")
    warning = member.locator("[data-qualification-warning]")
    expect(checkbox).to_be_checked()  # the default team: both holders
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Memahami tentang Penyusunan RKT")
    checkbox.uncheck()
    expect(warning).to_be_hidden()
    nurul = page.locator("[data-tim-member]").filter(has_text="Nurul Hikmah")
    expect(nurul.locator("[data-qualification-warning]")).to_have_count(0)
