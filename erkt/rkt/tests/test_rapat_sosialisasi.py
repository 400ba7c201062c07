from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.preparation.models import RapatSosialisasi
from erkt.rkt.preparation.steps import SOSIALISASI
from erkt.rkt.tests.preparation_helpers import (
    at,
    hold_meeting,
    record_rapat,
    task_of,
    to_sosialisasi,
)
from erkt.rkt.unit_forms.models import FormRkt
from erkt.workflow.models import Task

D = datetime.date
UNIT_HEADS = [
    ("Muhammad Fauzan, S.Kom., M.M.", "Kepala Subbagian Perencanaan"),
    ("Rusdiansyah, S.H., M.H.", "Kepala Subbagian Umum dan Kepegawaian"),
    (
        "Hj. Noorhayati, S.Sos., M.A.P.",
        "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
    ),
    ("Drs. H. Gusti Muhammad Yusuf, M.Pd.", "Kepala Bidang Pengembangan Sumber Daya Manusia"),
    ("Akhmad Zaini, S.IP., M.Si.", "Kepala Bidang Mutasi, Promosi dan Kinerja"),
]


@pytest.fixture
def process(rkt_process):
    """Step 3 is open: the Kasubbag Perencanaan holds the socialisation meeting."""
    return to_sosialisasi(rkt_process)


def url(process) -> str:
    return reverse("rkt:sosialisasi", args=[process.pk])


def kehadiran_url(process) -> str:
    return reverse("rkt:sosialisasi_kehadiran", args=[process.pk])


def meeting_data(**changes) -> dict:
    return {
        "nomor_undangan": "005/211/BKPSDM/2026",
        "tanggal": "2026-11-02",
        "waktu": "09:30",
        "tempat": "Aula BKPSDM Balangan",
        "agenda": "Sosialisasi Pengisian Form RKT Tahun 2027",
        # The version the page shows now (the tests run one process).
        "version": RapatSosialisasi.objects.values_list("version", flat=True).first() or 0,
        **changes,
    }


def attendance_data(rapat, notulen="Form RKT dibagikan; batas pengisian 3 hari kerja.", **rows):
    data = {"notulen": notulen, "version": RapatSosialisasi.objects.get(pk=rapat.pk).version}
    for row in rapat.peserta.all():
        data[f"kehadiran_{row.pk}"] = "hadir"
        data[f"wakil_{row.pk}"] = ""
    data.update(rows)
    return data


def complete_step(client, process):
    task = task_of(process, SOSIALISASI)
    return client.post(reverse("workflow:task_complete", args=[task.pk]), {"note": ""})


def test_the_page_names_the_five_unit_heads_to_invite(process, kasubbag_perencanaan, client_for):
    page = client_for(kasubbag_perencanaan).get(url(process)).content.decode()
    for _name, title in UNIT_HEADS:
        assert title in page


def test_the_invitees_are_the_five_unit_heads_as_they_are_on_the_day(
    process, kasubbag_perencanaan, client_for
):
    response = client_for(kasubbag_perencanaan).post(url(process), meeting_data())
    assert response.status_code == 302
    rapat = RapatSosialisasi.objects.get(process=process)
    assert (rapat.tanggal, rapat.waktu, rapat.tempat) == (
        D(2026, 11, 2),
        datetime.time(9, 30),
        "Aula BKPSDM Balangan",
    )
    assert [(p.name, p.title) for p in rapat.peserta.all()] == UNIT_HEADS
    first = rapat.peserta.first()
    assert (first.unit_name, first.nip) == ("Subbag Perencanaan", "198305092009021003")
    assert (rapat.signer_name, rapat.signer_title, rapat.signer_nip) == (
        "Dr. H. Ahmad Rifani, S.Sos., M.Si.",
        "Kepala Badan",
        "197003141995031002",
    )
    assert rapat.notulis_name == "Muhammad Fauzan, S.Kom., M.M."
    assert AuditEntry.objects.filter(action="rapat.save").count() == 1


def test_saving_the_invitation_again_keeps_the_invitees(process, kasubbag_perencanaan, client_for):
    client = client_for(kasubbag_perencanaan)
    client.post(url(process), meeting_data())
    client.post(url(process), meeting_data(tempat="Ruang Rapat Sekretariat"))
    rapat = RapatSosialisasi.objects.get(process=process)
    assert rapat.tempat == "Ruang Rapat Sekretariat"
    assert rapat.peserta.count() == 5


def test_a_meeting_before_the_process_started_is_refused(process, kasubbag_perencanaan, client_for):
    data = meeting_data(tanggal="2026-10-30")
    response = client_for(kasubbag_perencanaan).post(url(process), data)
    assert response.status_code == 422
    assert "tidak boleh sebelum pelaksanaan dimulai" in response.content.decode()
    assert not RapatSosialisasi.objects.exists()


def test_a_meeting_without_a_place_is_refused(process, kasubbag_perencanaan, client_for):
    response = client_for(kasubbag_perencanaan).post(url(process), meeting_data(tempat=""))
    assert response.status_code == 422
    assert not RapatSosialisasi.objects.exists()


def test_attendance_and_minutes_are_recorded(process, kasubbag_perencanaan, client_for):
    rapat = record_rapat(process)
    umum = rapat.peserta.get(order=2)
    mpk = rapat.peserta.get(order=5)
    data = attendance_data(
        rapat,
        **{
            f"kehadiran_{umum.pk}": "diwakili",
            f"wakil_{umum.pk}": "Siti Aminah, S.E.",
            f"kehadiran_{mpk.pk}": "tidak_hadir",
        },
    )
    response = client_for(kasubbag_perencanaan).post(kehadiran_url(process), data)
    assert response.status_code == 302
    umum.refresh_from_db()
    mpk.refresh_from_db()
    assert (umum.kehadiran, umum.wakil_name) == ("diwakili", "Siti Aminah, S.E.")
    assert (mpk.get_kehadiran_display(), mpk.wakil_name) == ("Tidak hadir", "")
    rapat.refresh_from_db()
    assert rapat.notulen.startswith("Form RKT dibagikan")
    assert rapat.missing() == []


def test_diwakili_needs_the_name_of_the_representative(process, kasubbag_perencanaan, client_for):
    rapat = record_rapat(process)
    umum = rapat.peserta.get(order=2)
    data = attendance_data(rapat, **{f"kehadiran_{umum.pk}": "diwakili"})
    response = client_for(kasubbag_perencanaan).post(kehadiran_url(process), data)
    assert response.status_code == 422
    assert "Tuliskan nama yang mewakili Kepala Subbagian Umum" in response.content.decode()
    assert not rapat.peserta.exclude(kehadiran="").exists()


def test_every_invitee_and_the_minutes_are_needed(process, kasubbag_perencanaan, client_for):
    rapat = record_rapat(process)
    first = rapat.peserta.first()
    data = attendance_data(rapat, notulen=" ")
    del data[f"kehadiran_{first.pk}"]
    response = client_for(kasubbag_perencanaan).post(kehadiran_url(process), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Pilih kehadiran Kepala Subbagian Perencanaan" in page
    assert "Tuliskan notulen rapat" in page
    rapat.refresh_from_db()
    assert rapat.notulen == ""


def test_attendance_waits_for_the_meeting_day(process, kasubbag_perencanaan, client_for):
    rapat = record_rapat(process, tanggal=D(2026, 11, 4))
    client = client_for(kasubbag_perencanaan)
    page = client.get(url(process)).content.decode()
    assert "Kehadiran dan notulen dicatat setelah rapat berlangsung (4 November 2026)" in page
    response = client.post(kehadiran_url(process), attendance_data(rapat))
    assert response.status_code == 422
    assert not rapat.peserta.exclude(kehadiran="").exists()


def test_the_step_cannot_complete_before_attendance_and_minutes(
    process, kasubbag_perencanaan, client_for
):
    client = client_for(kasubbag_perencanaan)
    response = complete_step(client, process)
    assert response.status_code == 422
    assert "Output &#x27;Form RKT&#x27; belum ada" in response.content.decode()
    record_rapat(process)
    response = complete_step(client, process)
    assert response.status_code == 422
    assert "kehadiran peserta dan notulen" in response.content.decode()
    assert not FormRkt.objects.exists()


def test_completing_the_meeting_issues_one_form_rkt_per_unit(
    demo, process, kasubbag_perencanaan, client_for
):
    load_demo_renstra(demo)
    hold_meeting(process)
    response = complete_step(client_for(kasubbag_perencanaan), process)
    assert response.status_code == 302
    forms = FormRkt.objects.filter(process=process).select_related("unit")
    assert sorted(f.unit.short_name for f in forms) == [
        "MPK",
        "PERENCANAAN",
        "PPIK",
        "PSDM",
        "UMPEG",
    ]
    assert Task.objects.filter(process=process, step_run__number=4, status="open").count() == 5


def test_without_a_renstra_the_meeting_cannot_complete(process, kasubbag_perencanaan, client_for):
    hold_meeting(process)
    response = complete_step(client_for(kasubbag_perencanaan), process)
    assert response.status_code == 422
    assert "Renstra" in response.content.decode()
    assert task_of(process, SOSIALISASI).status == "open"


def test_attendance_is_recorded_once_the_meeting_day_has_come(
    process, kasubbag_perencanaan, client_for, time_machine
):
    rapat = record_rapat(process, tanggal=D(2026, 11, 3))
    time_machine.move_to(at(D(2026, 11, 3), 15), tick=False)
    client = client_for(kasubbag_perencanaan)
    response = client.post(kehadiran_url(process), attendance_data(rapat))
    assert response.status_code == 302
    rapat.refresh_from_db()
    assert rapat.missing() == []
