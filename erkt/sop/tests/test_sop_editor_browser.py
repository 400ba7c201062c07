"""The editor's flowchart preview follows the form as it is typed (htmx), and a bad save
puts its message beside the field."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.sop.models import Sop, SopVersion
from erkt.testing.browser import follow, sign_in

pytestmark = pytest.mark.browser


def test_the_preview_redraws_the_flowchart_as_the_steps_are_edited(page, live_server, demo):
    sign_in(page, live_server, "kasubbag.perencanaan")
    page.goto(reverse("sop:detail", args=["penyusunan-rkt"]))
    follow(page, page.get_by_role("button", name="Revisi SOP (buat draf baru)"))
    expect(page).to_have_url(live_server.url + reverse("sop:editor", args=["penyusunan-rkt"]))

    preview = page.locator("#sop-preview")
    expect(preview.locator("svg")).to_be_visible()
    expect(preview).to_contain_text("Definisi lengkap dan sesuai aturan.")

    page.locator("[name=langkah-1-uraian]").fill("Pratinjaukan")
    expect(preview.locator("svg")).to_contain_text("Pratinjaukan")

    page.locator("[name=langkah-1-output]").fill("")
    expect(preview).to_contain_text("Langkah 2: 'output' wajib diisi.")

    # A row operation swaps the form and redraws the preview with the new step.
    page.get_by_role("button", name="Tambah langkah di akhir").click()
    expect(page.locator("[data-testid=step-row]")).to_have_count(12)
    expect(preview).to_contain_text("Langkah 12: 'uraian' wajib diisi.")

    page.get_by_role("button", name="Simpan draf").click()
    expect(page.locator("#langkah-1-output_error, #id_langkah-1-output_error")).to_be_visible()
    draft = Sop.objects.get(organization=demo, code="penyusunan-rkt").versions.get(
        status=SopVersion.Status.DRAFT
    )
    assert draft.steps.count() == 11
    assert draft.steps.get(number=2).uraian != "Pratinjaukan"
