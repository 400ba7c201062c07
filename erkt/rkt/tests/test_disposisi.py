from __future__ import annotations

import datetime

from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.org.models import Employee
from erkt.rkt.preparation.models import Disposisi
from erkt.rkt.preparation.steps import DISPOSISI, RENCANA
from erkt.rkt.tests.preparation_helpers import record_disposisi, task_of, version_now
from erkt.workflow import actions, engine

D = datetime.date


def url(process) -> str:
    return reverse("rkt:disposisi", args=[process.pk])


def form_data(process, **changes) -> dict:
    return {
        "nomor_agenda": "12/BKPSDM/2026",
        "tanggal": "2026-11-02",
        "perihal": "Penyusunan RKT Tahun 2027",
        "isi": "Segera susun RKT 2027 bersama Tim Perencanaan.",
        "sifat": "sangat_segera",
        "batas_waktu": process.planned_end.isoformat(),
        "version": version_now(Disposisi, process),
        **changes,
    }


def complete_url(task) -> str:
    return reverse("workflow:task_complete", args=[task.pk])


def test_the_form_proposes_the_process_planned_end_as_batas_waktu(rkt_process, kepala, client_for):
    response = client_for(kepala).get(url(rkt_process))
    assert response.status_code == 200
    page = response.content.decode()
    assert rkt_process.planned_end == D(2026, 12, 3)
    assert 'value="2026-12-03"' in page
    assert "Penyusunan Rencana Kinerja Tahunan (RKT) Tahun 2027" in page
    assert "Muhammad Fauzan, S.Kom., M.M." in page  # kepada: the Kasubbag Perencanaan


def test_the_kepala_records_the_disposition_with_both_people_as_they_are_now(
    rkt_process, kepala, client_for
):
    response = client_for(kepala).post(url(rkt_process), form_data(rkt_process))
    assert response.status_code == 302
    disposisi = Disposisi.objects.get(process=rkt_process)
    assert disposisi.sifat == Disposisi.Sifat.SANGAT_SEGERA
    assert disposisi.get_sifat_display() == "Sangat Segera"
    assert disposisi.batas_waktu == D(2026, 12, 3)
    assert (disposisi.from_name, disposisi.from_title, disposisi.from_nip) == (
        "Dr. H. Ahmad Rifani, S.Sos., M.Si.",
        "Kepala Badan",
        "197003141995031002",
    )
    assert disposisi.from_pangkat == "Pembina Utama Muda (IV/c)"
    assert (disposisi.to_name, disposisi.to_title, disposisi.to_nip) == (
        "Muhammad Fauzan, S.Kom., M.M.",
        "Kepala Subbagian Perencanaan",
        "198305092009021003",
    )
    assert AuditEntry.objects.filter(action="disposisi.save").count() == 1


def test_a_printed_disposition_keeps_the_names_of_its_day(rkt_process, kepala, client_for):
    record_disposisi(rkt_process)
    Employee.objects.filter(user__username="kasubbag.perencanaan").update(name="Pegawai Baru")
    disposisi = Disposisi.objects.get(process=rkt_process)
    assert disposisi.to_name == "Muhammad Fauzan, S.Kom., M.M."


def test_the_step_cannot_complete_without_the_disposition(rkt_process, kepala, client_for):
    task = task_of(rkt_process, DISPOSISI)
    response = client_for(kepala).post(complete_url(task), {"note": ""})
    assert response.status_code == 422
    assert "Output &#x27;Disposisi&#x27; belum ada" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "open"


def test_with_the_disposition_the_step_completes_and_the_plan_opens(
    rkt_process, kepala, client_for
):
    client = client_for(kepala)
    client.post(url(rkt_process), form_data(rkt_process))
    response = client.post(complete_url(task_of(rkt_process, DISPOSISI)), {"note": ""})
    assert response.status_code == 302
    assert task_of(rkt_process, RENCANA).position.title == "Kepala Subbagian Perencanaan"


def test_a_batas_waktu_after_the_planned_end_is_refused(rkt_process, kepala, client_for):
    data = form_data(rkt_process, batas_waktu="2026-12-04")
    response = client_for(kepala).post(url(rkt_process), data)
    assert response.status_code == 422
    assert "Batas waktu paling lambat 3 Desember 2026" in response.content.decode()
    assert not Disposisi.objects.exists()


def test_a_batas_waktu_before_the_disposition_is_refused(rkt_process, kepala, client_for):
    data = form_data(rkt_process, tanggal="2026-11-02", batas_waktu="2026-11-01")
    response = client_for(kepala).post(url(rkt_process), data)
    assert response.status_code == 422
    assert "tidak boleh sebelum tanggal disposisi" in response.content.decode()


def test_an_empty_isi_or_a_future_date_is_refused(rkt_process, kepala, client_for):
    client = client_for(kepala)
    response = client.post(url(rkt_process), form_data(rkt_process, isi="  "))
    assert response.status_code == 422
    response = client.post(url(rkt_process), form_data(rkt_process, tanggal="2026-11-03"))
    assert response.status_code == 422
    assert "tidak boleh melewati hari ini" in response.content.decode()
    assert not Disposisi.objects.exists()


def test_an_unknown_sifat_is_refused(rkt_process, kepala, client_for):
    response = client_for(kepala).post(url(rkt_process), form_data(rkt_process, sifat="kilat"))
    assert response.status_code == 422
    assert not Disposisi.objects.exists()


def test_the_kepala_may_correct_it_while_the_task_is_open(rkt_process, kepala, client_for):
    record_disposisi(rkt_process)
    client_for(kepala).post(url(rkt_process), form_data(rkt_process, sifat="biasa"))
    assert Disposisi.objects.get(process=rkt_process).sifat == "biasa"
    assert AuditEntry.objects.filter(action="disposisi.save").count() == 2


def test_after_the_step_everyone_reads_it_and_nobody_edits_it(
    rkt_process, kepala, tim1, client_for
):
    record_disposisi(rkt_process, isi="Segera susun RKT.")
    engine.complete_task(task_of(rkt_process, DISPOSISI), by=kepala)
    page = client_for(tim1).get(url(rkt_process)).content.decode()
    assert "Segera susun RKT." in page
    assert "<form" not in page.split("<main", 1)[1]
    response = client_for(kepala).post(url(rkt_process), form_data(rkt_process))
    assert response.status_code == 403


def test_the_task_page_links_to_the_disposition(rkt_process, kepala, sekretaris):
    task = task_of(rkt_process, DISPOSISI)
    action = actions.get(task.step.action)
    assert action.links(task, kepala) == [("Isi Lembar Disposisi", url(rkt_process))]
    assert action.links(task, sekretaris) == [("Lihat Lembar Disposisi", url(rkt_process))]
