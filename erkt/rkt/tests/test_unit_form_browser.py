"""The form page in a browser: a row edited in place (htmx), then the form sent."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.rkt.tests.form_fixtures import fill_task, first_sub_row, form_of, form_process
from erkt.testing.browser import sign_in

__all__ = ["form_process"]


@pytest.mark.browser
def test_the_head_edits_a_row_in_place_and_sends_the_form(page, live_server, form_process):
    form = form_of(form_process, "MPK")
    row = first_sub_row(form)
    url = reverse("rkt:unit_form", args=[form.pk])
    sign_in(page, live_server, "kabid.mpk")
    page.goto(url)

    page.locator(f"#row-{row.pk} a[title=Ubah]").click()
    target = page.locator(f"#id_row{row.pk}_target")
    target.fill("enam")
    page.locator(f"#row-{row.pk} button[type=submit]").click()
    expect(page.locator(f"#row-{row.pk}")).to_contain_text("bukan angka")
    target.fill("6")
    page.locator(f"#row-{row.pk} button[type=submit]").click()
    expect(page.locator("#form-body")).to_contain_text("Baris disimpan.")
    expect(page.locator(f"#row-{row.pk} td.num").first).to_have_text("6")
    assert page.url == live_server.url + url  # swapped in place, no page load

    page.get_by_role("button", name="Kirim Form RKT").click()
    expect(page.get_by_role("alert").first).to_contain_text("dikirim")
    expect(page.locator("h1 + .badge")).to_have_text("Dikirim")
    assert fill_task(form_process, "MPK") is None
