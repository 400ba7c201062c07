"""The verification page as a citizen sees it, on a desktop and on a phone: the verdict first,
then the signer, certificate, time and integrity, without signing in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.documents.tests.timestamp_helpers import timestamped_nota

# Set to keep the screenshots (e.g. ERKT_SCREENSHOTS=test-artifacts/verify) for a look.
SCREENSHOTS = os.environ.get("ERKT_SCREENSHOTS", "")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 390])
def test_a_citizen_reads_the_verdict_and_the_facts(
    page, demo, kepala, kepala_certificate, nota_snapshot, width
):
    document = timestamped_nota(demo, nota_snapshot, kepala)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("signing:verify", args=[document.code]))

    summary = page.locator("#ringkasan")
    expect(summary).to_contain_text("Tanda tangan elektronik sah")
    expect(page.locator("#signer-nip")).to_have_text(nota_snapshot["signature"]["nip"])
    expect(page.locator("#certificate-issuer")).to_have_text("e-RKT Demo CA")
    expect(page.locator("#time-source")).to_contain_text("TSA Uji e-RKT")
    expect(page.locator("#keutuhan")).to_contain_text("Tidak berubah sejak ditandatangani")
    expect(page.locator("#verifikator-nasional a")).to_have_attribute(
        "href", "https://tte.komdigi.go.id/verifyPDF"
    )
    # Nothing runs off the side of a phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/verifikasi-{width}.png", full_page=True)
