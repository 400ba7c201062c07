"""A Kabid finds the SOP Penyusunan RKT from the SOP list and reads its steps."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.sop.models import Sop
from erkt.testing.browser import follow, sign_in

pytestmark = pytest.mark.browser

TITLE = "Penyusunan Rencana Kinerja Tahunan (RKT)"

# Every text node of <main>, joined by spaces: the flowchart wraps a long uraian
# over several SVG <tspan> lines, which textContent would glue together.
VISIBLE_WORDS = """main => {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) parts.push(walker.currentNode.textContent);
    return parts.join(" ");
}"""


def words(text: str) -> str:
    return " ".join(text.split())


def test_a_kabid_opens_the_sop_from_the_list_and_sees_its_steps(page, live_server, demo):
    version = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version
    uraian = [step.uraian for step in version.steps.all()]

    sign_in(page, live_server, "kabid.ppik")
    page.goto(reverse("sop:list"))
    follow(page, page.get_by_role("link", name=TITLE))  # the steps are read all at once

    expect(page).to_have_url(live_server.url + reverse("sop:detail", args=["penyusunan-rkt"]))
    expect(page.get_by_role("heading").filter(has_text=TITLE).first).to_be_visible()
    shown = words(page.locator("main").evaluate(VISIBLE_WORDS))
    assert len(uraian) == 11
    assert [text for text in uraian if words(text) not in shown] == []
