"""The whole SOP Penyusunan RKT clicked through in the browser, each demo user signing in.

The generic engine run (`without_step_actions`, autouse here): every step that is
not a decision completes with an uploaded file and a note; the RKT app's content
steps have their own tests. One "tidak" at step 9 sends the draft back to step 8.

One page for the whole run: users switch by signing out through the user menu
("Keluar"), as on a shared office computer, so the harness keeps the screenshot
of whichever user's page failed.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from erkt.testing.browser import follow, sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "Penyusunan Rencana Kinerja Tahunan (RKT)"
REASON = "Indikator sasaran 2 belum terukur; lengkapi target triwulan."
# The five units filling the Form RKT (step 4) and correcting the draft (step 7),
# with the head who acts for each.
UNIT_HEADS = [
    ("kasubbag.perencanaan", "Subbag Perencanaan"),
    ("kasubbag.umum", "Subbag Umum dan Kepegawaian"),
    ("kabid.ppik", "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian"),
    ("kabid.psdm", "Bidang Pengembangan Sumber Daya Manusia"),
    ("kabid.mpk", "Bidang Mutasi, Promosi dan Kinerja"),
]


def nav_link(page: Page, name: str):
    # Not anchored: the icon's glyph and the open-task count are part of the link's name.
    return page.locator("#nav-main").get_by_role("link", name=re.compile(name))


def sign_in_as(page: Page, live_server, username: str) -> None:
    """Sign out whoever is signed in (user menu, "Keluar"), then sign in as `username`."""
    sign_out(page)
    sign_in(page, live_server, username)


def open_task(page: Page, number: int, unit: str | None = None) -> None:
    """Find the task of step `number` (of `unit`) in Kotak Tugas and open it."""
    follow(page, nav_link(page, "Kotak Tugas"))
    expect(page.get_by_role("heading", name="Kotak Tugas", level=1)).to_be_visible()
    step_link = page.get_by_role("link", name=re.compile(rf"^{number}\. "))
    rows = page.locator("#inbox tbody tr").filter(has=step_link)
    if unit is not None:
        rows = rows.filter(has=page.get_by_role("cell", name=unit, exact=True))
    expect(rows).to_have_count(1)
    follow(page, rows.get_by_role("link"))
    heading = page.get_by_role("heading", name=re.compile(rf"^Langkah {number}: "), level=1)
    expect(heading).to_be_visible()
    expect(page.locator("#task-status")).to_have_text("Terbuka")
    if unit is not None:
        expect(page.locator("#task-main")).to_contain_text(unit)


def claim(page: Page) -> None:
    """A Tim Perencanaan task goes to both members: take it before working on it."""
    page.get_by_role("button", name="Ambil tugas").click()
    expect(page.locator("#task-assignment")).to_contain_text("Dikerjakan oleh")


def complete(page: Page, note: str) -> None:
    page.get_by_label("Catatan", exact=True).fill(note)
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator("#task-status")).to_have_text("Selesai")


def upload_and_complete(page: Page, number: int) -> None:
    """Upload the step's output as a small PDF, then complete the task with a note."""
    name = f"langkah-{number}.pdf"
    page.get_by_label("Berkas").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": b"%PDF-1.4 isi"}
    )
    page.get_by_role("button", name="Unggah").click()
    expect(page.locator("#task-attachments").get_by_role("link", name=name)).to_be_visible()
    complete(page, f"Langkah {number} selesai.")


def decide(page: Page, choice: str, note: str = "") -> None:
    page.get_by_label(choice, exact=True).check()
    complete(page, note)


def do_step(page: Page, number: int, unit: str | None = None) -> None:
    open_task(page, number, unit)
    upload_and_complete(page, number)


def per_unit_step(page: Page, live_server, number: int) -> None:
    """Every unit head completes the unit's task; Subbag Perencanaan last, so its
    Kasubbag stays signed in for step 8 after step 7."""
    for username, unit in [*UNIT_HEADS[1:], UNIT_HEADS[0]]:
        sign_in_as(page, live_server, username)
        do_step(page, number, unit)


def test_the_demo_users_run_the_whole_sop_with_one_tidak_at_step_9(page, live_server, demo):
    sign_in_as(page, live_server, "kepala")
    follow(page, nav_link(page, "Proses"))
    page.get_by_label("Tahun RKT").fill("2027")
    follow(page, page.get_by_role("button", name="Mulai Penyusunan RKT"))
    expect(page.get_by_role("heading", name=f"{TITLE} 2027", level=1)).to_be_visible()
    do_step(page, 1)

    sign_in_as(page, live_server, "kasubbag.perencanaan")
    do_step(page, 2)
    do_step(page, 3)
    do_step(page, 4, "Subbag Perencanaan")
    for username, unit in UNIT_HEADS[1:]:
        sign_in_as(page, live_server, username)
        do_step(page, 4, unit)

    sign_in_as(page, live_server, "tim1")
    for number in (5, 6):
        open_task(page, number)
        claim(page)
        upload_and_complete(page, number)

    per_unit_step(page, live_server, 7)
    do_step(page, 8)

    sign_in_as(page, live_server, "sekretaris")
    open_task(page, 9)
    decide(page, "Tidak", REASON)

    sign_in_as(page, live_server, "kasubbag.perencanaan")
    open_task(page, 8)
    correction = page.locator("#task-main .alert-warning")
    expect(correction).to_contain_text("Catatan koreksi")
    expect(correction).to_contain_text(REASON)
    expect(page.locator("#task-main")).to_contain_text("putaran 2")
    upload_and_complete(page, 8)

    sign_in_as(page, live_server, "sekretaris")
    open_task(page, 9)
    decide(page, "Ya")

    sign_in_as(page, live_server, "kepala")
    open_task(page, 10)
    decide(page, "Ya", "RKT 2027 disahkan.")

    sign_in_as(page, live_server, "tim2")
    open_task(page, 11)
    claim(page)
    upload_and_complete(page, 11)

    follow(page, nav_link(page, "Proses"))
    follow(page, page.locator("#processes").get_by_role("link", name=TITLE))
    expect(page.locator("h1 + .badge")).to_have_text("Selesai")
    expect(page.locator("#open-tasks")).to_have_text("Tidak ada tugas terbuka.")
    steps = page.locator("#steps tbody tr")
    expect(steps).to_have_count(11)
    expect(steps.locator("td:last-child")).to_contain_text(["Selesai"] * 11)
    expect(page.locator("#steps tr[data-step='8'] td:nth-child(9)")).to_have_text("2")
    expect(page.locator("#history")).to_contain_text(REASON)
