"""The demo office walks one RKT 2027 in the browser, from the disposisi to the final version.

Every step with its real content, each demo user signing in in turn (one page,
signing out through the user menu as on a shared office computer): the Kepala
starts the process and fills the disposisi; the Kasubbag Perencanaan plans and
records the sosialisasi meeting; the five unit heads send their Form RKT (one is
returned and sent again); the Tim Perencanaan compiles version 1; the units
review it (one target and one anggaran correction); the Kasubbag accepts one and
rejects one (version 2); the Sekretaris says "tidak" with a row comment, which
the Kasubbag accepts (version 3); the Sekretaris says "ya"; the Kepala signs the
final RKT with the demo certificate, downloads it and checks it on the page its QR
code leads to; the Tim Perencanaan archives the signed file. The RKT page then shows version 3 as
final, its total the sum of the forms the units sent.

At each step the person who picks it up has been told (the README's "Notifications"):
the bell in the navigation bar counts exactly the notices listed unread under
Pemberitahuan, which are marked read there, and the same notices came by e-mail
(the queue runs at once in the tests; Django's test outbox).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db.models import Sum
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE, load_demo_signing
from erkt.documents.signing.services import public_url
from erkt.documents.tests.signing_helpers import one_byte_changed, qr_modules_for, qr_modules_of
from erkt.notifications.tests.helpers import mails_to
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.drafts.models import DraftRkt
from erkt.rkt.unit_forms.models import FormRktRow
from erkt.testing.browser import TIMEOUT_MS, follow, settled, sign_in, sign_out
from erkt.workflow.models import Process

pytestmark = pytest.mark.browser

TITLE = "Penyusunan Rencana Kinerja Tahunan (RKT) 2027"
PERENCANAAN = "Subbag Perencanaan"
UMPEG = "Subbag Umum dan Kepegawaian"
PPIK = "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian"
PSDM = "Bidang Pengembangan Sumber Daya Manusia"
MPK = "Bidang Mutasi, Promosi dan Kinerja"
HEADS = {
    PERENCANAAN: "kasubbag.perencanaan",
    UMPEG: "kasubbag.umum",
    PPIK: "kabid.ppik",
    PSDM: "kabid.psdm",
    MPK: "kabid.mpk",
}
RETURN_REASON = "Target penilaian kinerja belum mengikuti IKU 2027."
REJECT_REASON = "Pagu program 5.03.02 sudah terlampaui; diusulkan pada APBD Perubahan."
SEKRETARIS_NOTE = "Target rapat koordinasi disesuaikan dengan jadwal 2027."


def rupiah(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", ".")


# --- Moving around -------------------------------------------------------------------------


def nav_link(page: Page, name: str) -> Locator:
    # Not anchored: the icon's glyph and the open-task count are part of the link's name.
    return page.locator("#nav-main").get_by_role("link", name=re.compile(name))


def sign_in_as(page: Page, live_server, username: str) -> None:
    """Sign out whoever is signed in (user menu, "Keluar"), then sign in as `username`."""
    sign_out(page)
    sign_in(page, live_server, username)


def open_task(page: Page, number: int, unit: str | None = None) -> None:
    """Find the task of step `number` (of `unit`) in Kotak Tugas and open it."""
    follow(page, nav_link(page, "Kotak Tugas"))
    rows = page.locator("#inbox tbody tr").filter(
        has=page.get_by_role("link", name=re.compile(rf"^{number}\. "))
    )
    if unit is not None:
        rows = rows.filter(has=page.get_by_role("cell", name=unit, exact=True))
    expect(rows).to_have_count(1)
    follow(page, rows.get_by_role("link"))
    expect(page.get_by_role("heading", name=re.compile(rf"^Langkah {number}: "))).to_be_visible()
    expect(page.locator("#task-status")).to_have_text("Terbuka")


def step_page(page: Page, link: str) -> None:
    """Follow the step action's button on the task page to the step's own page."""
    follow(page, page.locator("#task-links").get_by_role("link", name=link))


def complete(page: Page, decision: str = "", note: str = "") -> None:
    """On the task page: decide (steps 9-10), note, and complete the task."""
    if decision:
        page.get_by_label(decision, exact=True).check()
    if note:
        page.get_by_label("Catatan", exact=True).fill(note)
    page.get_by_role("button", name="Selesaikan tugas").click()
    expect(page.locator("#task-status")).to_have_text("Selesai")


def back_to_task_and_complete(page: Page, link: str = "Ke halaman tugas", **kwargs) -> None:
    follow(page, page.get_by_role("link", name=link).first)  # at the top and the bottom of a page
    complete(page, **kwargs)


# --- Notifications -------------------------------------------------------------------------


class Told:
    """What each person was told: the unread notices in the app, the e-mails not yet seen."""

    def __init__(self, page: Page, outbox: list) -> None:
        self.page, self.outbox, self.seen = page, outbox, {}

    def __call__(self, username: str, *subjects: str, body: str = "") -> None:
        """`username` (signed in) was told exactly `subjects` since last asked: the bell's
        count, the unread list of Pemberitahuan (then marked read) and the e-mails."""
        page = self.page
        page.goto(reverse("home"))  # a fresh page: the bell of the current one may be older
        # htmx loads the bell's count after the page: "no count" is only true once it has.
        settled(page)
        bell = page.locator("#nav-bell [data-unread]")
        if not subjects:
            expect(bell).to_have_count(0)
        else:
            expect(bell).to_have_attribute("data-unread", str(len(subjects)))
        follow(page, page.locator("#nav-bell"))
        notices = page.locator("#notices [data-read='0'] .fw-semibold")
        expect(notices).to_have_count(len(subjects))
        listed = sorted(notices.all_text_contents())
        assert listed == sorted(s.removeprefix("[e-RKT] ") for s in subjects), listed
        if body:
            expect(page.locator("#notices")).to_contain_text(body)
        if subjects:
            follow(page, page.locator("#mark-all-read"))
            expect(page.locator("#notices [data-read='0']")).to_have_count(0)
        mails = mails_to(self.outbox, username)
        new, self.seen[username] = mails[self.seen.get(username, 0) :], len(mails)
        assert sorted(m.subject for m in new) == sorted(subjects), [m.subject for m in new]
        assert all(body in m.body for m in new)


def opened(number: int) -> str:
    return f"[e-RKT] Tugas baru: langkah {number}"


RETURNED = "[e-RKT] Dikembalikan untuk diperbaiki: langkah 4"
REJECTED = "[e-RKT] Keputusan tidak: langkah 8 dibuka kembali"
SIGNED = f"[e-RKT] {TITLE} telah ditandatangani"
ARCHIVED = f"[e-RKT] {TITLE} selesai dan diarsipkan"


# --- Steps with content --------------------------------------------------------------------


def edit_form_row(page: Page, sub_kegiatan: str, label: str, value: str) -> None:
    """Form RKT page: edit one value of a row in place (htmx) and save it."""
    row = page.locator("#form-body tbody tr").filter(has_text=sub_kegiatan)
    row.get_by_role("link", name="Ubah").click()
    editing = page.locator("#form-body tbody tr").filter(
        has=page.get_by_role("button", name="Simpan")
    )
    editing.get_by_label(label, exact=True).fill(value)
    editing.get_by_role("button", name="Simpan").click()
    # Wait for this row's own save: "Baris disimpan." may still show from the previous edit.
    expect(editing).to_have_count(0)
    expect(row).to_contain_text(value)
    expect(page.locator("#form-body")).to_contain_text("Baris disimpan.")


def send_form(page: Page) -> None:
    follow(page, page.get_by_role("button", name="Kirim Form RKT"))
    expect(page.locator("h1 + .badge")).to_have_text("Dikirim")


def fill_form(page: Page, unit: str, edit: tuple[str, str, str] | None = None) -> None:
    """Step 4 for one unit: open its Form RKT from the task, adjust a row, send it."""
    open_task(page, 4, unit)
    step_page(page, "Isi Form RKT")
    if edit is not None:
        edit_form_row(page, *edit)
    send_form(page)


def review_unit(page: Page, unit: str, correction: tuple[str, str, str] | None = None) -> None:
    """Step 7 for one unit: one correction (row, part, proposed value), the rest "sesuai"."""
    open_task(page, 7, unit)
    step_page(page, "Periksa bagian unit di Draft RKT")
    if correction is not None:
        sub_kegiatan, part, value = correction
        row = page.locator("#unit-rows tbody tr").filter(has_text=sub_kegiatan)
        row.get_by_text("Koreksi", exact=True).click()
        row.get_by_label("Bagian").select_option(label=part)
        row.get_by_label("Usulan nilai").fill(value)
        row.get_by_label("Catatan").fill("Menyesuaikan kebutuhan 2027.")
        row.get_by_role("button", name="Simpan koreksi").click()
        expect(page.locator("#unit-rows tbody tr").filter(has_text=sub_kegiatan)).to_contain_text(
            f"→ {value}"
        )
    follow(page, page.get_by_role("button", name="Tandai sisanya sesuai"))
    expect(page.locator("#review-status")).to_contain_text("Semua baris sudah diperiksa")
    back_to_task_and_complete(page)


def decide_corrections(page: Page, decisions: dict[str, tuple[str, str]], version: int) -> None:
    """Step 8: decide each open correction (row -> (Terima/Tolak, reason)), make the version."""
    step_page(page, "Susun Draft RKT")
    for sub_kegiatan, (choice, reason) in decisions.items():
        row = page.get_by_role("row").filter(has_text=sub_kegiatan)
        row.get_by_text(choice, exact=True).click()
        if reason:
            row.get_by_label("Alasan").fill(reason)
    follow(page, page.get_by_role("button", name="Buat versi berikutnya"))
    expect(page.locator("#version-status")).to_contain_text(f"Versi {version}")
    back_to_task_and_complete(page, "Ke halaman tugas langkah 8")


# --- The walk ------------------------------------------------------------------------------


def start_and_dispose(page: Page, told: Told) -> None:
    """Kepala Badan: start the RKT 2027 from an empty Kotak Tugas; step 1, the disposisi."""
    follow(page, page.get_by_role("link", name="Mulai Penyusunan RKT"))
    page.get_by_label("Tahun RKT").fill("2027")
    follow(page, page.get_by_role("button", name="Mulai Penyusunan RKT"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    told("kepala", opened(1))
    open_task(page, 1)
    step_page(page, "Isi Lembar Disposisi")
    page.get_by_label("Nomor agenda").fill("005/112/BKPSDM/2026")
    page.get_by_label("Sifat").select_option(label="Segera")
    follow(page, page.get_by_role("button", name="Simpan disposisi"))
    expect(page.get_by_role("alert").first).to_contain_text("Lembar disposisi disimpan.")
    back_to_task_and_complete(page, note="Disposisi diberikan.")


def plan_and_meet(page: Page, told: Told) -> None:
    """Kasubbag Perencanaan: step 2 (the plan) and step 3 (invitation, attendance, notulen)."""
    told(HEADS[PERENCANAAN], opened(2))
    open_task(page, 2)
    step_page(page, "Isi Rencana Penyusunan")
    page.get_by_label("Program kerja").fill("Tim 1 mengumpulkan dan mengkompilasi Form RKT.")
    follow(page, page.get_by_role("button", name="Simpan rencana"))
    expect(page.get_by_role("alert").first).to_contain_text("disimpan")
    back_to_task_and_complete(page)

    told(HEADS[PERENCANAAN], opened(3))
    open_task(page, 3)
    step_page(page, "Catat Rapat Sosialisasi")
    page.get_by_label("Nomor undangan").fill("005/118/BKPSDM/2026")
    page.get_by_label("Acara").fill("Sosialisasi pengisian Form RKT 2027.")
    follow(page, page.get_by_role("button", name="Simpan undangan"))
    present = page.get_by_label("Hadir", exact=True)
    expect(present).to_have_count(len(HEADS))
    substitute = page.get_by_label("Diwakili oleh")
    expect(substitute).to_have_count(len(HEADS))
    for field in substitute.all():  # no name field before "Diwakili" is chosen
        expect(field).to_be_hidden()
    page.get_by_label("Diwakili", exact=True).first.check()
    expect(substitute.first).to_be_visible()
    page.get_by_role("button", name="Semua hadir").click()
    for radio in present.all():
        expect(radio).to_be_checked()
    expect(substitute.first).to_be_hidden()
    page.get_by_label("Notulen").fill("Form RKT diisi tiap unit dalam 3 hari kerja.")
    follow(page, page.get_by_role("button", name="Simpan kehadiran dan notulen"))
    expect(page.get_by_role("alert").first).to_contain_text("Kehadiran dan notulen")
    back_to_task_and_complete(page)


def collect_with_one_return(page: Page, live_server, told: Told) -> None:
    """Tim Perencanaan returns the MPK form with a reason; the Kabid MPK sends it again."""
    sign_in_as(page, live_server, "tim1")
    told("tim1", opened(5))
    open_task(page, 5)
    step_page(page, "Rekap Form RKT")
    expect(page.locator("#forms-count")).to_have_text("5 dari 5 masuk")
    mpk = page.locator("#unit-MPK")
    mpk.get_by_text("Kembalikan", exact=True).click()
    mpk.get_by_label("Alasan pengembalian").fill(RETURN_REASON)
    follow(page, mpk.get_by_role("button", name="Kembalikan ke unit"))
    expect(page.locator("#forms-count")).to_have_text("4 dari 5 masuk")

    sign_in_as(page, live_server, HEADS[MPK])
    told(HEADS[MPK], RETURNED, body=RETURN_REASON)
    open_task(page, 4, MPK)
    expect(page.locator("#task-main")).to_contain_text(RETURN_REASON)
    step_page(page, "Isi Form RKT")
    edit_form_row(page, "Persentase ASN dengan penilaian kinerja", "Target", "96")
    edit_form_row(page, "Pengelolaan Promosi ASN", "Anggaran (Rp)", "370.000.000")
    send_form(page)

    sign_in_as(page, live_server, "tim1")
    open_task(page, 5)
    step_page(page, "Rekap Form RKT")
    expect(page.locator("#forms-count")).to_have_text("5 dari 5 masuk")
    back_to_task_and_complete(page)
    told("tim1", opened(6))


def compile_version_1(page: Page) -> None:
    open_task(page, 6)
    step_page(page, "Kompilasi Draft RKT")
    follow(page, page.get_by_role("button", name="Kompilasi Draft RKT versi 1"))
    expect(page.locator("#version-status")).to_contain_text("Versi 1")
    back_to_task_and_complete(page, "Ke halaman tugas langkah 6")


def sekretaris_says_tidak(page: Page, told: Told) -> None:
    """Step 9: a comment on a row, then "tidak" on the task page."""
    told("sekretaris", opened(9))
    open_task(page, 9)
    step_page(page, "Periksa Draft RKT")
    row = page.locator("#review-rows tbody tr").filter(has_text="Penyelenggaraan Rapat Koordinasi")
    row.get_by_text("Beri komentar").click()
    row.get_by_label("Bagian").select_option(label="Target")
    row.get_by_label("Usulan nilai").fill("10")
    row.get_by_label("Komentar").fill(SEKRETARIS_NOTE)
    follow(page, row.get_by_role("button", name="Simpan komentar"))
    expect(page.locator("#comment-count")).to_have_text("1 komentar")
    back_to_task_and_complete(page, "Ke halaman tugas", decision="Tidak", note=SEKRETARIS_NOTE)


def sign_and_verify(page: Page) -> bytes:
    """Step 10: the Kepala signs with the demo certificate, downloads the signed PDF and
    checks it on the page its QR code points to; a copy with one byte changed fails."""
    open_task(page, 10)
    step_page(page, "Tanda tangani RKT")
    page.get_by_label("Frasa sandi sertifikat elektronik").fill(DEMO_PASSPHRASE)
    page.get_by_label("Catatan (opsional)").first.fill("RKT 2027 diterima dan ditandatangani.")
    follow(page, page.get_by_role("button", name="Tanda tangani dan sahkan"))
    expect(page.get_by_text("RKT telah disahkan dan ditandatangani.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    document = IssuedDocument.objects.get(kind="rkt.final")
    qr_url = public_url(document)
    assert qr_modules_of(pdf) == qr_modules_for(qr_url)
    for content, verdict in [(pdf, "VALID"), (one_byte_changed(pdf), "TIDAK VALID")]:
        page.goto(qr_url)
        expect(page.locator("main")).to_contain_text(document.title)
        page.get_by_label("Berkas PDF yang akan diperiksa").set_input_files(
            {"name": "rkt-2027.pdf", "mimeType": "application/pdf", "buffer": content}
        )
        follow(page, page.get_by_role("button", name="Periksa", exact=True))
        expect(page.locator("#hasil-verifikasi [data-verdict]")).to_have_text(verdict)
    expect(page.locator("#hasil-verifikasi")).to_contain_text("berubah setelah ditandatangani")
    return pdf


def test_the_demo_office_walks_one_rkt_to_its_final_version(
    page, live_server, demo, settings, mailoutbox
):
    told = Told(page, mailoutbox)
    load_demo_renstra(demo)
    load_demo_signing(demo)
    settings.ERKT_PUBLIC_URL = live_server.url  # the QR code leads to this test server

    sign_in_as(page, live_server, "kepala")
    start_and_dispose(page, told)

    sign_in_as(page, live_server, HEADS[PERENCANAAN])
    plan_and_meet(page, told)
    told(HEADS[PERENCANAAN], opened(4))
    fill_form(page, PERENCANAAN)
    sign_in_as(page, live_server, HEADS[PPIK])
    told(HEADS[PPIK], opened(4))
    fill_form(page, PPIK, ("Koordinasi dan Fasilitasi Pengadaan", "Target", "3"))
    for unit in (UMPEG, PSDM, MPK):
        sign_in_as(page, live_server, HEADS[unit])
        told(HEADS[unit], opened(4))
        fill_form(page, unit)
    collect_with_one_return(page, live_server, told)
    compile_version_1(page)

    corrections = {
        PPIK: ("Koordinasi Pelaksanaan Administrasi Pemberhentian", "Target", "5"),
        PSDM: ("Pengelolaan Pendidikan Lanjutan ASN", "Anggaran", "263.360.000"),
    }
    for unit in (UMPEG, PPIK, PSDM, MPK, PERENCANAAN):  # the Kasubbag Perencanaan goes on
        sign_in_as(page, live_server, HEADS[unit])
        told(HEADS[unit], opened(7))
        review_unit(page, unit, corrections.get(unit))
    told(HEADS[PERENCANAAN], opened(8))
    open_task(page, 8)
    decide_corrections(
        page,
        {
            "Administrasi Pemberhentian": ("Terima", ""),
            "Pendidikan Lanjutan ASN": ("Tolak", REJECT_REASON),
        },
        version=2,
    )

    sign_in_as(page, live_server, "sekretaris")
    sekretaris_says_tidak(page, told)
    sign_in_as(page, live_server, HEADS[PERENCANAAN])
    told(HEADS[PERENCANAAN], REJECTED, body=SEKRETARIS_NOTE)
    open_task(page, 8)
    expect(page.locator("#task-main")).to_contain_text(SEKRETARIS_NOTE)
    decide_corrections(page, {"Penyelenggaraan Rapat Koordinasi": ("Terima", "")}, version=3)
    sign_in_as(page, live_server, "sekretaris")
    told("sekretaris", opened(9))
    open_task(page, 9)
    complete(page, decision="Ya")
    sign_in_as(page, live_server, "kepala")
    told("kepala", opened(10))
    sign_and_verify(page)

    page.goto(reverse("home"))
    told("kepala", SIGNED)  # everyone of the office is told
    sign_in_as(page, live_server, "tim2")
    told("tim2", opened(5), opened(6), opened(11), SIGNED)
    open_task(page, 11)
    follow(page, page.get_by_role("link", name="Isi Berkas arsip"))
    page.get_by_label("Nomor berkas", exact=True).fill("000.7/001/BKPSDM/2026")
    # Archiving builds and checks the bundle in the request (about 14 s on a quiet
    # machine): more time than the other clicks on a busy one.
    follow(page, page.get_by_role("button", name="Arsipkan"), timeout=4 * TIMEOUT_MS)
    expect(page.locator("#bundle-check")).to_contain_text("Utuh")
    expect(page.locator("#bundle-files")).to_contain_text("dokumen/rkt.final/")
    follow(page, nav_link(page, "Arsip"))
    expect(page.locator("#archive-list")).to_contain_text("000.7/001/BKPSDM/2026")
    told("tim2", ARCHIVED)

    page.goto(reverse("rkt:drafts:index"))  # the menu's "RKT"
    follow(page, page.locator("#rkt-list").get_by_role("link", name="RKT 2027"))
    status = page.locator("#version-status")
    expect(status).to_contain_text("Versi 3")
    expect(status).to_contain_text("Final")
    process = Process.objects.get(organization=demo, year=2027)
    forms_total = FormRktRow.objects.filter(form__process=process).aggregate(s=Sum("anggaran"))["s"]
    expect(page.locator("#rkt-total")).to_have_text(rupiah(forms_total))
    for sub_kegiatan, target, anggaran in [
        ("Koordinasi Pelaksanaan Administrasi Pemberhentian", "5", None),  # accepted
        ("Pengelolaan Pendidikan Lanjutan ASN", None, "243.360.000"),  # rejected
        ("Penyelenggaraan Rapat Koordinasi", "10", None),  # the Sekretaris's, accepted
        ("Pengelolaan Promosi ASN", None, "370.000.000"),  # changed in the returned form
    ]:
        numbers = page.locator("#rkt-table tbody tr").filter(has_text=sub_kegiatan).first
        numbers = numbers.locator("td.text-end")
        if target is not None:
            expect(numbers.first).to_have_text(target)
        if anggaran is not None:
            expect(numbers.last).to_have_text(anggaran)
    process.refresh_from_db()
    assert process.status == Process.Status.COMPLETED
    assert DraftRkt.objects.get(process=process, status=DraftRkt.Status.FINAL).number == 3
