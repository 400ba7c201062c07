"""A unit head reviews its part of the Draft RKT in a real browser (htmx row updates)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from erkt.org.models import Unit
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.drafts.models import Correction
from erkt.rkt.tests.drafts_helpers import open_task, prepare_step_6, user
from erkt.testing.browser import sign_in
from erkt.workflow import engine

pytestmark = pytest.mark.browser


@pytest.fixture
def reviewing(demo, kepala, monkeypatch):
    """Step 7 open on the real clock (a frozen one would expire the browser's session)."""
    process = prepare_step_6(demo, kepala, monkeypatch)
    compile_draft(process, by=user("tim1"))
    engine.complete_task(open_task(process, 6), by=user("tim1"))
    return process


def test_a_unit_head_corrects_one_row_and_accepts_another(page, live_server, demo, reviewing):
    ppik = Unit.objects.get(organization=demo, short_name="PPIK")
    sign_in(page, live_server, "kabid.ppik")
    page.goto(reverse("rkt:drafts:unit_review", args=[reviewing.pk, ppik.pk]))
    status = page.locator("#review-status")
    expect(status).to_contain_text("5 baris belum diperiksa")

    first = page.locator("#unit-rows tbody tr").first
    first.locator("summary").click()
    first.locator("select[name=field]").select_option("anggaran")
    first.locator("input[name=proposed_value]").fill("dua ratus juta")
    first.locator("textarea[name=comment]").fill("Tambahan formasi CASN.")
    first.get_by_role("button", name="Simpan koreksi").click()
    first = page.locator("#unit-rows tbody tr").first
    expect(first.get_by_role("alert")).to_contain_text("angka rupiah")
    expect(first.locator("textarea[name=comment]")).to_have_value("Tambahan formasi CASN.")

    first.locator("input[name=proposed_value]").fill("250.000.000")
    first.get_by_role("button", name="Simpan koreksi").click()
    expect(page.locator("#unit-rows tbody tr").first).to_contain_text("250.000.000")
    page.locator("#unit-rows tbody tr").nth(1).get_by_role("button", name="Sesuai").click()
    expect(status).to_contain_text("3 baris belum diperiksa")
    verdicts = sorted(Correction.objects.values_list("verdict", flat=True))
    assert verdicts == ["koreksi", "sesuai"]
