"""No lost edit through the API: a write carrying an old version answers 409 and writes nothing.

The GET returns the version; the PUT sends it back. The refusal names who changed
the record last and when, in the office's time (WITA).
"""

from __future__ import annotations

import pytest

from erkt.api.tests.helpers import assert_error
from erkt.api.tests.rkt.helpers import form_of, rows_state
from erkt.rkt.preparation.models import Disposisi, RapatSosialisasi
from erkt.rkt.tests.preparation_helpers import (
    record_attendance,
    record_disposisi,
    record_rapat,
    record_rencana,
    to_rencana,
    to_sosialisasi,
)

pytestmark = pytest.mark.django_db

# The clock stands at 2 November 2026, 09:00 WITA.
BY_PPIK = (
    "Data telah diubah oleh Hj. Noorhayati, S.Sos., M.A.P. pada 2 November 2026 09.00; muat ulang"
)
BY_KEPALA = (
    "Data telah diubah oleh Dr. H. Ahmad Rifani, S.Sos., M.Si. pada 2 November 2026 09.00; "
    "muat ulang"
)
BY_KASUBBAG = (
    "Data telah diubah oleh Muhammad Fauzan, S.Kom., M.M. pada 2 November 2026 09.00; muat ulang"
)
ROW_FIELDS = ("kegiatan", "sub_kegiatan", "renstra_indikator", "sasaran_kegiatan", "indikator")
ROW_FIELDS += ("satuan", "target", "anggaran", "justifikasi")


def rows_of(body: dict) -> list[dict]:
    return [{name: row[name] for name in ROW_FIELDS} for row in body["rows"]]


def test_put_rows_on_a_form_changed_since_it_was_read_answers_409(at_step_4, kabid_ppik, api_for):
    api = api_for(kabid_ppik)
    form = form_of(at_step_4, "PPIK")
    read = api.get(f"/forms/{form.pk}").json()
    rows = rows_of(read)
    rows[0]["target"] = "11"
    assert (
        api.put(f"/forms/{form.pk}/rows", {"rows": rows, "version": read["version"]}).json()[
            "version"
        ]
        == read["version"] + 1
    )
    before = rows_state(form)

    rows[0]["target"] = "22"  # a second client that read the form before the first wrote
    response = api.put(f"/forms/{form.pk}/rows", {"rows": rows, "version": read["version"]})

    assert assert_error(response, 409) == BY_PPIK
    assert rows_state(form) == before


def test_put_rows_without_a_version_is_refused(at_step_4, kabid_ppik, api_for):
    form = form_of(at_step_4, "PPIK")
    api = api_for(kabid_ppik)
    rows = rows_of(api.get(f"/forms/{form.pk}").json())
    before = rows_state(form)

    assert "version" in assert_error(api.put(f"/forms/{form.pk}/rows", {"rows": rows}), 422)
    assert rows_state(form) == before


def disposisi_body(process, version: int) -> dict:
    return {
        "tanggal": process.start_date.isoformat(),
        "perihal": "Penyusunan RKT Tahun 2027",
        "isi": "Isi dari klien kedua.",
        "batas_waktu": process.planned_end.isoformat(),
        "version": version,
    }


def test_a_stale_disposisi_answers_409_and_a_fresh_one_moves_the_version_on(
    rkt_process, kepala, api_for
):
    api = api_for(kepala)
    path = f"/processes/{rkt_process.pk}/disposisi"
    record_disposisi(rkt_process, isi="Isi yang dicatat.")
    read = api.get(path).json()
    assert read["version"] == 1
    record_disposisi(rkt_process, isi="Isi yang diperbaiki.")

    assert assert_error(api.put(path, disposisi_body(rkt_process, 1)), 409) == BY_KEPALA
    assert assert_error(api.put(path, disposisi_body(rkt_process, 0)), 409) == BY_KEPALA
    assert Disposisi.objects.get().isi == "Isi yang diperbaiki."

    saved = api.put(path, disposisi_body(rkt_process, 2)).json()
    assert (saved["isi"], saved["version"]) == ("Isi dari klien kedua.", 3)


def test_a_stale_rencana_answers_409(rkt_process, kasubbag_perencanaan, api_for):
    to_rencana(rkt_process)
    record_rencana(rkt_process)
    api = api_for(kasubbag_perencanaan)
    path = f"/processes/{rkt_process.pk}/rencana"

    assert assert_error(api.put(path, {"uraian": "Klien lama.", "version": 0}), 409) == BY_KASUBBAG
    assert api.get(path).json()["uraian"] == "Pembagian tugas Tim Perencanaan."
    saved = api.put(path, {"uraian": "Klien baru.", "version": 1}).json()
    assert (saved["uraian"], saved["version"]) == ("Klien baru.", 2)


def test_a_stale_meeting_and_stale_minutes_answer_409(rkt_process, kasubbag_perencanaan, api_for):
    to_sosialisasi(rkt_process)
    rapat = record_rapat(rkt_process, tempat="Aula BKPSDM")
    record_attendance(rapat, notulen="Notulen pertama.")  # version 2
    api = api_for(kasubbag_perencanaan)
    path = f"/processes/{rkt_process.pk}/sosialisasi"
    invitation = {"tanggal": "2026-11-02", "waktu": "10:00", "tempat": "Ruang Rapat"}
    invitation["agenda"] = "Sosialisasi Form RKT"
    kehadiran = [{"peserta": p.pk, "kehadiran": "tidak_hadir"} for p in rapat.peserta.all()]
    minutes = {"kehadiran": kehadiran, "notulen": "Notulen lama."}

    assert assert_error(api.put(path, {**invitation, "version": 1}), 409) == BY_KASUBBAG
    assert assert_error(api.put(f"{path}/kehadiran", {**minutes, "version": 1}), 409) == (
        BY_KASUBBAG
    )
    rapat = RapatSosialisasi.objects.get()
    assert (rapat.tempat, rapat.notulen, rapat.version) == ("Aula BKPSDM", "Notulen pertama.", 2)

    saved = api.put(f"{path}/kehadiran", {**minutes, "version": 2}).json()
    assert (saved["notulen"], saved["version"]) == ("Notulen lama.", 3)
