"""A member downloads the RKT version shown on the RKT page in a real browser."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pypdf import PdfReader

from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.tests.drafts_helpers import prepare_step_6, user
from erkt.testing.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def compiled_now(demo, kepala, monkeypatch):
    """Version 1 compiled on the real clock (a frozen one would expire the browser's session)."""
    process = prepare_step_6(demo, kepala, monkeypatch)
    compile_draft(process, by=user("tim1"))
    return process


def test_the_pdf_button_downloads_the_shown_version(page, live_server, compiled_now, tmp_path):
    sign_in(page, live_server, "kabid.psdm")
    page.goto(reverse("rkt:drafts:page", args=[compiled_now.pk]))
    with page.expect_download() as info:
        page.locator("#version-downloads").get_by_role("link", name="PDF").click()
    download = info.value
    assert download.suggested_filename == "Draft-RKT-2027-versi-1-BKPSDM.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    first_page = PdfReader(target).pages[0].extract_text()
    assert "DRAFT RENCANA KINERJA TAHUNAN (RKT) TAHUN 2027" in first_page
