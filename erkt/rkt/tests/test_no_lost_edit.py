"""No lost edit on the pages: a form loaded before someone else saved is refused with 409.

The refusal names who changed the record last and when (office time, WITA), and
nothing of the stale form is written; a form carrying the current version saves
and moves the version on.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.rkt.preparation.models import Disposisi, RapatSosialisasi, RencanaPenyusunan
from erkt.rkt.tests.form_fixtures import first_sub_row, form_of, form_process
from erkt.rkt.tests.preparation_helpers import (
    record_attendance,
    record_disposisi,
    record_rapat,
    record_rencana,
    to_rencana,
    to_sosialisasi,
)
from erkt.rkt.unit_forms.forms import initial_of
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.services import save_row

__all__ = ["form_process"]
HTMX = {"HTTP_HX_REQUEST": "true"}
# The fixtures' clocks stand at 09:00 WITA (01:00 UTC): the Form RKT's on 5 January
# 2026, the preparation's on 2 November 2026.
BY_ADMIN = "Data telah diubah oleh Rina Maulida, S.Kom. pada 5 Januari 2026 09.00; muat ulang"
BY_KEPALA = (
    "Data telah diubah oleh Dr. H. Ahmad Rifani, S.Sos., M.Si. pada 2 November 2026 09.00; "
    "muat ulang"
)
BY_KASUBBAG = (
    "Data telah diubah oleh Muhammad Fauzan, S.Kom., M.M. pada 2 November 2026 09.00; muat ulang"
)


# --- Form RKT rows ---------------------------------------------------------------------------


@pytest.fixture
def form(form_process) -> FormRkt:
    return form_of(form_process, "MPK")


def edit_url(form: FormRkt, row: FormRktRow) -> str:
    return reverse("rkt:unit_form_row_edit", args=[form.pk, row.pk])


def change_as_admin(row: FormRktRow, administrator, target: str) -> None:
    """The administrator saves the row meanwhile (acting for the head), from a fresh read."""
    row = FormRktRow.objects.select_related("form").get(pk=row.pk)
    row.target = target
    save_row(row, by=administrator, version=row.version)


def test_a_row_edited_meanwhile_refuses_the_stale_inline_edit_with_409(
    form, kabid_mpk, administrator, client_for
):
    row = first_sub_row(form)
    loaded = initial_of(row)  # the head opens the inline edit
    change_as_admin(row, administrator, "77")

    response = client_for(kabid_mpk).post(edit_url(form, row), {**loaded, "target": "5"}, **HTMX)

    assert response.status_code == 409
    assert BY_ADMIN in response.content.decode()
    row.refresh_from_db()
    assert (row.target, row.version) == ("77", loaded["version"] + 1)


def test_a_row_edited_meanwhile_refuses_the_stale_plain_post_with_409(
    form, kabid_mpk, administrator, client_for
):
    row = first_sub_row(form)
    loaded = initial_of(row)
    change_as_admin(row, administrator, "77")

    response = client_for(kabid_mpk).post(edit_url(form, row), {**loaded, "target": "5"})

    assert response.status_code == 409
    assert BY_ADMIN in response.content.decode()
    row.refresh_from_db()
    assert row.target == "77"


def test_a_fresh_row_edit_saves_and_moves_the_row_and_the_form_on(form, kabid_mpk, client_for):
    row = first_sub_row(form)
    form_version = form.version

    response = client_for(kabid_mpk).post(edit_url(form, row), {**initial_of(row), "target": "5"})

    assert response.status_code == 302
    row.refresh_from_db()
    form.refresh_from_db()
    assert (row.target, row.version, row.updated_by) == ("5", 2, kabid_mpk)
    assert (form.version, form.updated_by) == (form_version + 1, kabid_mpk)


def test_a_row_changed_meanwhile_is_not_deleted(form, kabid_mpk, administrator, client_for):
    row = first_sub_row(form)
    loaded = row.version
    change_as_admin(row, administrator, "77")
    url = reverse("rkt:unit_form_row_delete", args=[form.pk, row.pk])

    response = client_for(kabid_mpk).post(url, {"version": loaded}, **HTMX)

    assert response.status_code == 409
    assert BY_ADMIN in response.content.decode()
    assert FormRktRow.objects.filter(pk=row.pk, target="77").exists()


# --- Steps 1-3 -------------------------------------------------------------------------------


def disposisi_post(process, version: int) -> dict:
    return {
        "tanggal": process.start_date.isoformat(),
        "perihal": "Penyusunan RKT Tahun 2027",
        "isi": "Versi lama.",
        "sifat": "biasa",
        "batas_waktu": process.planned_end.isoformat(),
        "version": version,
    }


def test_a_disposisi_loaded_before_the_first_save_is_refused(rkt_process, kepala, client_for):
    record_disposisi(rkt_process, isi="Isi yang dicatat lebih dahulu.")
    url = reverse("rkt:disposisi", args=[rkt_process.pk])

    response = client_for(kepala).post(url, disposisi_post(rkt_process, 0))

    assert response.status_code == 409
    assert BY_KEPALA in response.content.decode()
    assert Disposisi.objects.get().isi == "Isi yang dicatat lebih dahulu."


def test_a_disposisi_saved_from_the_current_version_moves_it_on(rkt_process, kepala, client_for):
    record_disposisi(rkt_process)
    url = reverse("rkt:disposisi", args=[rkt_process.pk])

    response = client_for(kepala).post(url, disposisi_post(rkt_process, 1))

    assert response.status_code == 302
    assert (Disposisi.objects.get().isi, Disposisi.objects.get().version) == ("Versi lama.", 2)


def rencana_post(process, version: int, uraian: str) -> dict:
    data = {f"hari_{run.number}": run.step.working_days for run in process.step_runs.all()}
    tim = list(RencanaPenyusunan.objects.get().anggota.values_list("employee_id", flat=True))
    return {**data, "tim": tim, "uraian": uraian, "version": version}


def test_a_stale_rencana_is_refused_and_a_fresh_one_saved(
    rkt_process, kasubbag_perencanaan, client_for
):
    to_rencana(rkt_process)
    record_rencana(rkt_process)
    record_rencana(rkt_process)  # version 2: someone saved again after the page was loaded
    client = client_for(kasubbag_perencanaan)
    url = reverse("rkt:rencana", args=[rkt_process.pk])

    stale = client.post(url, rencana_post(rkt_process, 1, "Uraian lama."))
    assert stale.status_code == 409
    assert BY_KASUBBAG in stale.content.decode()
    assert RencanaPenyusunan.objects.get().uraian == "Pembagian tugas Tim Perencanaan."

    fresh = client.post(url, rencana_post(rkt_process, 2, "Uraian baru."))
    assert fresh.status_code == 302
    assert (RencanaPenyusunan.objects.get().uraian, RencanaPenyusunan.objects.get().version) == (
        "Uraian baru.",
        3,
    )


def test_a_stale_invitation_is_refused_and_a_fresh_one_saved(
    rkt_process, kasubbag_perencanaan, client_for
):
    to_sosialisasi(rkt_process)
    record_rapat(rkt_process, tempat="Aula BKPSDM")
    client = client_for(kasubbag_perencanaan)
    url = reverse("rkt:sosialisasi", args=[rkt_process.pk])
    data = {"tanggal": "2026-11-02", "waktu": "10:00", "tempat": "Ruang Rapat", "agenda": "RKT"}

    stale = client.post(url, {**data, "version": 0})
    assert stale.status_code == 409
    assert BY_KASUBBAG in stale.content.decode()
    assert RapatSosialisasi.objects.get().tempat == "Aula BKPSDM"

    fresh = client.post(url, {**data, "version": 1})
    assert fresh.status_code == 302
    assert (RapatSosialisasi.objects.get().tempat, RapatSosialisasi.objects.get().version) == (
        "Ruang Rapat",
        2,
    )


def test_stale_minutes_are_refused_and_fresh_ones_saved(
    rkt_process, kasubbag_perencanaan, client_for
):
    to_sosialisasi(rkt_process)
    rapat = record_rapat(rkt_process)
    record_attendance(rapat, notulen="Notulen yang dicatat lebih dahulu.")  # version 2
    client = client_for(kasubbag_perencanaan)
    url = reverse("rkt:sosialisasi_kehadiran", args=[rkt_process.pk])
    data = {"notulen": "Notulen lama."}
    for row in rapat.peserta.all():
        data[f"kehadiran_{row.pk}"] = "tidak_hadir"

    stale = client.post(url, {**data, "version": 1})
    assert stale.status_code == 409
    assert BY_KASUBBAG in stale.content.decode()
    rapat.refresh_from_db()
    assert rapat.notulen == "Notulen yang dicatat lebih dahulu."
    assert set(rapat.peserta.values_list("kehadiran", flat=True)) == {"hadir"}

    fresh = client.post(url, {**data, "version": 2})
    assert fresh.status_code == 302
    rapat.refresh_from_db()
    assert (rapat.notulen, rapat.version) == ("Notulen lama.", 3)


def test_an_excel_upload_from_a_page_loaded_before_a_change_is_refused(
    form, kabid_mpk, administrator, client_for
):
    client = client_for(kabid_mpk)
    content = client.get(reverse("rkt:unit_form_download", args=[form.pk])).content
    loaded = form.version  # the page the head uploads from
    row = first_sub_row(form)
    change_as_admin(row, administrator, "77")
    file = SimpleUploadedFile("form-rkt.xlsx", content)
    url = reverse("rkt:unit_form_upload", args=[form.pk])

    response = client.post(url, {"file": file, "version": loaded})

    assert response.status_code == 409
    assert BY_ADMIN in response.content.decode()
    assert FormRktRow.objects.get(pk=row.pk).target == "77"
