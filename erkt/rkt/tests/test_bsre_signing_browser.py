"""The Kepala Badan signs the RKT through BSrE in a real browser: the signing page asks for
the BSrE passphrase (no certificate upload), the fake BSrE server on loopback signs, and a
wrong passphrase is answered in Indonesian on the same page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.documents.models import IssuedDocument
from erkt.documents.signing.blocking import call_blocking
from erkt.documents.signing.pades import SOURCE_TSA, signature_time
from erkt.documents.tests.signing_helpers import pyhanko_status, stored_pdf
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.tests.drafts_helpers import (
    finish_unit_reviews,
    next_version,
    open_task,
    prepare_step_6,
    user,
)
from erkt.testing.browser import sign_in
from erkt.testing.bsre import BSRE_PASSPHRASE, KEPALA_NIK
from erkt.workflow import engine

pytestmark = pytest.mark.browser


@pytest.fixture
def at_step_10_now(demo, kepala, monkeypatch, bsre_office):
    """Step 10 reached on the real clock (a frozen one would expire the browser's session)."""
    process = prepare_step_6(demo, kepala, monkeypatch)
    compile_draft(process, by=user("tim1"))
    engine.complete_task(open_task(process, 6), by=user("tim1"))
    finish_unit_reviews(process)
    next_version(process)
    engine.complete_task(open_task(process, 9), by=user("sekretaris"), decision="ya")
    return process


def test_the_kepala_signs_through_bsre_in_the_browser(page, live_server, at_step_10_now, fake_bsre):
    sign_in(page, live_server, "kepala")
    page.goto(reverse("rkt:signing:sign", args=[at_step_10_now.pk]))
    expect(page.locator("main")).to_contain_text("layanan tanda tangan elektronik BSrE")
    expect(page.locator("main")).to_contain_text(KEPALA_NIK)
    passphrase = page.get_by_label("Frasa sandi sertifikat elektronik")
    passphrase.fill("bukan-passphrase")
    page.get_by_role("button", name="Tanda tangani dan sahkan").click()
    expect(page.locator("main")).to_contain_text("Frasa sandi BSrE salah")
    assert not IssuedDocument.objects.filter(kind="rkt.final").exists()
    page.get_by_label("Frasa sandi sertifikat elektronik").fill(BSRE_PASSPHRASE)
    page.get_by_role("button", name="Tanda tangani dan sahkan").click()
    expect(page.get_by_text("RKT telah disahkan dan ditandatangani.")).to_be_visible()
    pdf = stored_pdf(IssuedDocument.objects.get(kind="rkt.final"))
    # pyHanko runs its own event loop: not in Playwright's thread
    assert call_blocking(pyhanko_status, pdf, at_step_10_now.organization).trusted
    assert signature_time(pdf).source == SOURCE_TSA
    assert [r["path"] for r in fake_bsre.requests].count("/api/v2/sign/pdf") == 2
