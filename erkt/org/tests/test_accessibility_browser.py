"""Every main page, as each role who works on it, passes axe-core (no critical or serious
WCAG 2.1 A/AA violation) at 1366x768 and at 390x844, and does not scroll sideways on a phone.

The demo office's RKT 2027 runs with real content to step 11 (forms sent, two versions,
signed with the demo certificate), so each step's task page and the step's own pages have
something to show. One browser context per role, the pages visited in a loop; a failure
lists every problem found. Set ERKT_SCREENSHOTS=<dir> to keep a full-page screenshot of
each page at both widths.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from erkt.documents.signing.demo import load_demo_signing
from erkt.documents.signing.services import public_url
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.unit_forms.models import FormRkt
from erkt.sop.models import Sop
from erkt.testing.accessibility import check_page
from erkt.testing.bench import process_at_step_8, sign_at_step_10
from erkt.testing.browser import TIMEOUT_MS, sign_in
from erkt.workflow.models import Task

pytestmark = pytest.mark.browser

# Who holds each step's task in the demo office (steps 4 and 7: the head of the unit).
HOLDERS = {1: "kepala", 2: "kasubbag.perencanaan", 3: "kasubbag.perencanaan"}
HOLDERS |= {5: "tim1", 6: "tim1", 8: "kasubbag.perencanaan", 9: "sekretaris", 10: "kepala"}
HOLDERS |= {11: "tim1"}
UNIT_HEADS = {"PERENCANAAN": "kasubbag.perencanaan", "PPIK": "kabid.ppik"}
SOP = "penyusunan-rkt"
# Files, not pages: the task pages' download links are not checked.
DOWNLOAD = re.compile(r"\.(pdf|xlsx|docx|zip|bpmn)$|/(pdf|docx|xlsx|bpmn|unduh)/$")


@pytest.fixture
def signed_rkt(demo):
    """The demo office's RKT 2027 at step 11: the final version signed by the Kepala."""
    load_demo_renstra(demo)
    load_demo_signing(demo)
    process = process_at_step_8()
    document = sign_at_step_10(process)
    # A draft revision of the SOP, for the editor and the comparison pages.
    Sop.objects.get(organization=demo, code=SOP).active_version.new_draft()
    return process, document


def context_for(browser, live_server, username: str | None):
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        timezone_id="Asia/Makassar",
        bypass_csp=True,  # axe-core is injected as a script of the page
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    if username is not None:
        sign_in(page, live_server, username)
    return context, page


def task_pages(process, username: str) -> list[str]:
    """The task pages of the steps `username` holds (done or open)."""
    urls = []
    for task in Task.objects.filter(process=process).select_related("step_run", "unit"):
        number = task.step_run.number
        holder = HOLDERS.get(number) or UNIT_HEADS.get(task.unit.short_name if task.unit else "")
        if holder == username:
            urls.append(reverse("workflow:task", args=[task.pk]))
    return sorted(set(urls))


def step_links(page) -> list[str]:
    hrefs = page.locator("#task-links a[href^='/']").evaluate_all(
        "links => links.filter(a => !a.hasAttribute('download')).map(a => a.getAttribute('href'))"
    )
    return [href for href in hrefs if not DOWNLOAD.search(href.split("?")[0])]


def role_pages(process, document) -> dict[str | None, list[str]]:
    """Each role's own pages; the pages alike for everyone (profil, pemberitahuan, riwayat)
    once, as the Kepala."""
    own = [reverse("home"), reverse("workflow:inbox")]
    form = FormRkt.objects.get(process=process, unit__short_name="PPIK")
    return {
        "kepala": [
            *own,
            reverse("workflow:history"),
            reverse("notifications:list"),
            reverse("notifications:profile"),
            reverse("workflow:process", args=[process.pk]),
            reverse("workflow:monitoring"),
            reverse("rkt:drafts:index"),
            reverse("rkt:drafts:page", args=[process.pk]),
            reverse("rkt:renstra"),
            reverse("archive:index"),
            reverse("substitutions"),
            reverse("signing:certificate"),
            reverse("sop:list"),
            reverse("sop:evaluations", args=[SOP]),
            reverse("sop:compare", args=[SOP]),
            "/tidak-ada/",
        ],
        "sekretaris": own,
        "kasubbag.perencanaan": [
            *own,
            reverse("rkt:forms_overview", args=[process.pk]),
            reverse("sop:editor", args=[SOP]),
        ],
        "bappeda": [*own, reverse("pemkab:overview")],
        "admin": [reverse("opd_import")],
        "tim1": [*own, reverse("workflow:process_list")],
        "kabid.ppik": [
            *own,
            reverse("rkt:unit_form", args=[form.pk]),
            reverse("sop:detail", args=["penyusunan-rkt"]),
            reverse("workflow:process", args=[process.pk]),  # read-only for a unit head
            reverse("workflow:monitoring"),  # not a unit head's: the 403 page
        ],
        None: [
            reverse("login"),
            urlsplit(public_url(document)).path,
            reverse("signing:verify", args=["BUKAN-KODE"]),
            "/tidak-ada/",
        ],
    }


def shot(username: str | None, url: str) -> str:
    """The screenshot's name: who and which page."""
    page = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "beranda"
    return f"{username or 'anonim'}-{page}"


def test_every_main_page_passes_axe_and_fits_a_phone_for_each_role(
    _chromium, live_server, signed_rkt, settings
):
    process, document = signed_rkt
    settings.ERKT_PUBLIC_URL = live_server.url
    screenshots = os.environ.get("ERKT_SCREENSHOTS")
    problems: list[str] = []
    checked = 0
    shots = Path(screenshots) if screenshots else None
    for username, urls in role_pages(process, document).items():
        context, page = context_for(_chromium, live_server, username)
        seen = set(urls)
        try:
            for url in urls:
                problems += check_page(page, url, screenshots=shots, name=shot(username, url))
                checked += 1
            for url in task_pages(process, username) if username else []:
                problems += check_page(page, url, screenshots=shots, name=shot(username, url))
                checked += 1
                for link in step_links(page):  # the step's own pages
                    if link not in seen:
                        seen.add(link)
                        name = shot(username, link)
                        problems += check_page(page, link, screenshots=shots, name=name)
                        checked += 1
        finally:
            context.close()
    assert checked > 40
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
