"""Steps 1-3 through the API: the disposisi, the rencana (team and schedule), the meeting."""

import datetime

import pytest

from erkt.api.tests.helpers import assert_error, open_task
from erkt.api.tests.rkt.helpers import HEADS
from erkt.rkt.preparation.models import Disposisi, RapatSosialisasi, RencanaPenyusunan
from erkt.rkt.tests.preparation_helpers import (
    record_rapat,
    to_rencana,
    to_sosialisasi,
    version_now,
)
from erkt.rkt.unit_forms.models import FormRkt

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def current(rapat) -> int:
    rapat.refresh_from_db()
    return rapat.version


def disposisi_body(process, **changes) -> dict:
    return {
        "nomor_agenda": "090/17/BKPSDM",
        "tanggal": process.start_date.isoformat(),
        "perihal": "Penyusunan RKT Tahun 2027",
        "isi": "Siapkan penyusunan RKT sesuai SOP.",
        "sifat": "segera",
        "batas_waktu": process.planned_end.isoformat(),
        "version": version_now(Disposisi, process),
        **changes,
    }


# --- Step 1 --------------------------------------------------------------------------------


def test_the_kepala_records_the_disposisi_and_everyone_reads_it(rkt_process, kepala, tim1, api_for):
    response = api_for(kepala).put(
        f"/processes/{rkt_process.pk}/disposisi", disposisi_body(rkt_process)
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["sifat"], body["nomor_agenda"]) == ("segera", "090/17/BKPSDM")
    assert body["dari"]["title"] == "Kepala Badan"
    assert body["kepada"]["title"] == "Kepala Subbagian Perencanaan"
    assert api_for(tim1).get(f"/processes/{rkt_process.pk}/disposisi").json() == body


def test_step_1_completes_through_the_api_once_the_disposisi_is_recorded(
    rkt_process, kepala, api_for
):
    api = api_for(kepala)
    task = open_task(rkt_process, 1)

    detail = assert_error(api.post(f"/tasks/{task.pk}/complete"), 422)
    assert "Lembar Disposisi" in detail

    api.put(f"/processes/{rkt_process.pk}/disposisi", disposisi_body(rkt_process))
    assert api.post(f"/tasks/{task.pk}/complete").json()["status"] == "done"


def test_the_disposisi_is_not_found_before_it_is_recorded(rkt_process, kepala, api_for):
    detail = assert_error(api_for(kepala).get(f"/processes/{rkt_process.pk}/disposisi"), 404)

    assert "belum dicatat" in detail


def test_a_disposisi_dated_after_today_is_refused_and_nothing_is_recorded(
    rkt_process, kepala, api_for
):
    tomorrow = (rkt_process.start_date + DAY).isoformat()
    body = disposisi_body(rkt_process, tanggal=tomorrow)

    detail = assert_error(api_for(kepala).put(f"/processes/{rkt_process.pk}/disposisi", body), 422)

    assert "tidak boleh melewati hari ini" in detail
    assert not Disposisi.objects.exists()


def test_a_missing_field_is_named(rkt_process, kepala, api_for):
    body = disposisi_body(rkt_process)
    del body["perihal"]

    detail = assert_error(api_for(kepala).put(f"/processes/{rkt_process.pk}/disposisi", body), 422)

    assert "perihal" in detail
    assert not Disposisi.objects.exists()


def test_only_the_kepala_records_the_disposisi(rkt_process, sekretaris, api_for):
    body = disposisi_body(rkt_process)

    assert_error(api_for(sekretaris).put(f"/processes/{rkt_process.pk}/disposisi", body), 403)
    assert not Disposisi.objects.exists()


def test_the_disposisi_is_closed_once_step_1_is_done(rkt_process, kepala, api_for):
    to_rencana(rkt_process)
    body = disposisi_body(rkt_process, perihal="Diubah")

    assert_error(api_for(kepala).put(f"/processes/{rkt_process.pk}/disposisi", body), 409)
    assert Disposisi.objects.get().perihal != "Diubah"


def test_another_organisation_sees_no_disposisi(rkt_process, stranger, api_for):
    api = api_for(stranger)

    assert_error(api.get(f"/processes/{rkt_process.pk}/disposisi"), 404)
    body = disposisi_body(rkt_process)
    assert_error(api.put(f"/processes/{rkt_process.pk}/disposisi", body), 404)


# --- Step 2 --------------------------------------------------------------------------------


def test_the_kasubbag_records_the_team_and_a_shorter_schedule(
    rkt_process, kasubbag_perencanaan, tim1, tim2, api_for
):
    to_rencana(rkt_process)
    body = {
        "uraian": "tim1 menyusun jadwal, tim2 mengumpulkan Form RKT.",
        "tim": [tim2.employee.pk, tim1.employee.pk],
        "working_days": {"4": 2},
        "version": 0,
    }

    response = api_for(kasubbag_perencanaan).put(f"/processes/{rkt_process.pk}/rencana", body)

    assert response.status_code == 200, response.content
    rencana = response.json()
    assert {a["employee"] for a in rencana["tim"]} == {tim1.employee.pk, tim2.employee.pk}
    jadwal = {j["number"]: j for j in rencana["jadwal"]}
    assert (jadwal[4]["sop_working_days"], jadwal[4]["working_days"]) == (3, 2)
    assert jadwal[5]["working_days"] == 3
    rkt_process.refresh_from_db()
    assert rencana["planned_end"] == rkt_process.planned_end.isoformat()


def test_without_a_team_the_tim_perencanaan_holders_form_it(
    rkt_process, kasubbag_perencanaan, tim1, tim2, api_for
):
    to_rencana(rkt_process)

    response = api_for(kasubbag_perencanaan).put(
        f"/processes/{rkt_process.pk}/rencana", {"version": 0}
    )

    assert response.status_code == 200, response.content
    members = {a["employee"] for a in response.json()["tim"]}
    assert members == {tim1.employee.pk, tim2.employee.pk}


def test_a_step_may_not_take_longer_than_the_sop_allows(
    rkt_process, kasubbag_perencanaan, tim1, api_for
):
    to_rencana(rkt_process)
    body = {"tim": [tim1.employee.pk], "working_days": {"4": 5}, "version": 0}

    response = api_for(kasubbag_perencanaan).put(f"/processes/{rkt_process.pk}/rencana", body)

    assert "paling lama 3 hari kerja" in assert_error(response, 422)
    assert not RencanaPenyusunan.objects.exists()


def test_a_step_the_sop_lacks_and_an_empty_team_are_refused(
    rkt_process, kasubbag_perencanaan, tim1, api_for
):
    to_rencana(rkt_process)
    api = api_for(kasubbag_perencanaan)
    path = f"/processes/{rkt_process.pk}/rencana"

    body = {"tim": [tim1.employee.pk], "working_days": {42: 1}, "version": 0}
    assert "42" in assert_error(api.put(path, body), 422)
    assert "anggota Tim Perencanaan" in assert_error(api.put(path, {"tim": [], "version": 0}), 422)
    assert not RencanaPenyusunan.objects.exists()


def test_only_the_kasubbag_perencanaan_records_the_rencana(rkt_process, kepala, tim1, api_for):
    to_rencana(rkt_process)
    body = {"tim": [tim1.employee.pk], "version": 0}

    assert_error(api_for(kepala).put(f"/processes/{rkt_process.pk}/rencana", body), 403)
    assert_error(api_for(kepala).get(f"/processes/{rkt_process.pk}/rencana"), 404)


# --- Step 3 --------------------------------------------------------------------------------


def rapat_body(process, **changes) -> dict:
    return {
        "nomor_undangan": "005/88/BKPSDM",
        "tanggal": process.start_date.isoformat(),
        "waktu": "09:30",
        "tempat": "Aula BKPSDM",
        "agenda": "Sosialisasi Pengisian Form RKT Tahun 2027",
        "version": version_now(RapatSosialisasi, process),
        **changes,
    }


def test_the_meeting_invites_the_head_of_every_unit_that_fills_a_form(
    rkt_process, kasubbag_perencanaan, api_for
):
    to_sosialisasi(rkt_process)

    response = api_for(kasubbag_perencanaan).put(
        f"/processes/{rkt_process.pk}/sosialisasi", rapat_body(rkt_process)
    )

    assert response.status_code == 200, response.content
    rapat = response.json()
    assert rapat["waktu"] == "09:30:00"
    assert [p["unit"] for p in rapat["peserta"]] == list(HEADS)
    assert {p["kehadiran"] for p in rapat["peserta"]} == {""}
    assert rapat["missing"] == ["kehadiran peserta", "notulen"]
    assert rapat["penanda_tangan"]["title"] == "Kepala Badan"


def test_a_meeting_time_with_a_zone_offset_is_refused_and_nothing_is_recorded(
    rkt_process, kasubbag_perencanaan, api_for
):
    # The invitation states the local time of day; an offset has nowhere to go.
    to_sosialisasi(rkt_process)

    response = api_for(kasubbag_perencanaan).put(
        f"/processes/{rkt_process.pk}/sosialisasi", rapat_body(rkt_process, waktu="09:30+08:00")
    )

    assert_error(response, 422)
    assert "waktu" in response.json()["detail"]
    assert not RapatSosialisasi.objects.filter(process=rkt_process).exists()


def test_attendance_and_notulen_complete_the_meeting_and_step_3_issues_the_forms(
    rkt_process, kasubbag_perencanaan, api_for
):
    to_sosialisasi(rkt_process)
    api = api_for(kasubbag_perencanaan)
    rapat = api.put(f"/processes/{rkt_process.pk}/sosialisasi", rapat_body(rkt_process)).json()
    [first, *others] = rapat["peserta"]
    kehadiran = [
        {"peserta": first["id"], "kehadiran": "diwakili", "wakil_name": "Siti Rahmah, S.E."},
        *({"peserta": p["id"], "kehadiran": "hadir"} for p in others),
    ]
    body = {
        "kehadiran": kehadiran,
        "notulen": "Form RKT dibagikan; batas pengisian 3 hari.",
        "version": rapat["version"],
    }

    response = api.put(f"/processes/{rkt_process.pk}/sosialisasi/kehadiran", body)

    assert response.status_code == 200, response.content
    held = response.json()
    assert held["missing"] == []
    assert held["peserta"][0]["wakil_name"] == "Siti Rahmah, S.E."
    task = open_task(rkt_process, 3)
    assert api.post(f"/tasks/{task.pk}/complete").json()["status"] == "done"
    assert FormRkt.objects.filter(process=rkt_process).count() == len(HEADS)


def test_attendance_is_refused_when_incomplete_or_before_the_meeting(
    rkt_process, kasubbag_perencanaan, api_for
):
    to_sosialisasi(rkt_process)
    api = api_for(kasubbag_perencanaan)
    path = f"/processes/{rkt_process.pk}/sosialisasi/kehadiran"
    rapat = record_rapat(rkt_process)
    peserta = list(rapat.peserta.all())
    diwakili = [{"peserta": p.pk, "kehadiran": "diwakili"} for p in peserta]

    detail = assert_error(
        api.put(path, {"kehadiran": diwakili, "notulen": "Rapat.", "version": current(rapat)}), 422
    )
    assert "Tuliskan nama yang mewakili" in detail
    detail = assert_error(
        api.put(path, {"kehadiran": [], "notulen": "Rapat.", "version": current(rapat)}), 422
    )
    assert "Pilih kehadiran" in detail
    unknown = [{"peserta": peserta[-1].pk + 100, "kehadiran": "hadir"}]
    assert_error(
        api.put(path, {"kehadiran": unknown, "notulen": "Rapat.", "version": current(rapat)}), 422
    )

    record_rapat(rkt_process, tanggal=rkt_process.start_date + DAY)
    hadir = [{"peserta": p.pk, "kehadiran": "hadir"} for p in peserta]
    detail = assert_error(
        api.put(path, {"kehadiran": hadir, "notulen": "Rapat.", "version": current(rapat)}), 422
    )
    assert "setelah rapat berlangsung" in detail
    assert set(rapat.peserta.values_list("kehadiran", flat=True)) == {""}


def test_attendance_needs_the_meeting_first(rkt_process, kasubbag_perencanaan, api_for):
    to_sosialisasi(rkt_process)
    body = {"kehadiran": [], "notulen": "Rapat.", "version": 0}

    response = api_for(kasubbag_perencanaan).put(
        f"/processes/{rkt_process.pk}/sosialisasi/kehadiran", body
    )

    assert "Catat dahulu" in assert_error(response, 409)
    assert not RapatSosialisasi.objects.exists()


def test_a_unit_head_reads_the_meeting_but_does_not_record_it(rkt_process, kabid_psdm, api_for):
    to_sosialisasi(rkt_process)
    record_rapat(rkt_process)
    api = api_for(kabid_psdm)

    assert api.get(f"/processes/{rkt_process.pk}/sosialisasi").status_code == 200
    body = rapat_body(rkt_process)
    assert_error(api.put(f"/processes/{rkt_process.pk}/sosialisasi", body), 403)
