"""The documents of steps 1-3: lembar disposisi, undangan, daftar hadir, notulen."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from erkt.documents.models import IssuedDocument
from erkt.documents.registry import providers
from erkt.documents.services import render
from erkt.rkt.documents.preparation import issue_prep_document
from erkt.rkt.tests.document_helpers import docx_text, pdf_text
from erkt.rkt.tests.preparation_helpers import (
    meeting_held,
    record_disposisi,
    to_sosialisasi,
)

KEPALA = "Dr. H. Ahmad Rifani, S.Sos., M.Si."
KASUBBAG = "Muhammad Fauzan, S.Kom., M.M."


def url(process, slug: str, fmt: str = "pdf") -> str:
    return reverse("rkt:prep_document", args=[process.pk, slug, fmt])


@pytest.fixture
def met(request, rkt_process):
    """Steps 1-2 done and the meeting held: every document of steps 1-3 exists."""
    return meeting_held(request, rkt_process)


def test_the_lembar_disposisi_prints_what_the_kepala_wrote(rkt_process, kepala):
    record_disposisi(rkt_process, nomor_agenda="090/17/BKPSDM", isi="Segera susun RKT 2027.")
    document = issue_prep_document(rkt_process, "disposisi", by=kepala)
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        text = text_of(render(document, fmt).content)
        assert "LEMBAR DISPOSISI" in text
        assert "090/17/BKPSDM" in text
        assert "Segera susun RKT 2027." in text
        assert "2 November 2026" in text  # the date, in Indonesian
        assert KEPALA in text and "Kepala Subbagian Perencanaan" in text
        assert "19700314 199503 1 002" in text  # the Kepala's NIP under the signature


def test_a_printed_disposisi_keeps_its_text_after_the_record_changes(rkt_process, kepala):
    record_disposisi(rkt_process, isi="Isi pertama.")
    first = issue_prep_document(rkt_process, "disposisi", by=kepala)
    record_disposisi(rkt_process, isi="Isi kedua.")
    second = issue_prep_document(rkt_process, "disposisi", by=kepala)
    assert first.pk != second.pk
    first.refresh_from_db()
    assert "Isi pertama." in pdf_text(render(first, "pdf").content)
    assert "Isi kedua." in pdf_text(render(second, "pdf").content)


def test_printing_twice_reuses_the_same_document(rkt_process, kepala, tim1):
    record_disposisi(rkt_process)
    first = issue_prep_document(rkt_process, "disposisi", by=kepala)
    assert issue_prep_document(rkt_process, "disposisi", by=tim1).pk == first.pk


def test_the_meeting_documents_hold_the_invitation_attendance_and_minutes(met, kepala):
    undangan = issue_prep_document(met, "undangan", by=kepala)
    hadir = issue_prep_document(met, "daftar-hadir", by=kepala)
    notulen = issue_prep_document(met, "notulen", by=kepala)
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        letter = text_of(render(undangan, fmt).content)
        assert "005/123/BKPSDM" in letter and "Aula BKPSDM" in letter
        assert "Senin, 2 November 2026" in letter and "09.00 WITA" in letter
        assert "Kepala Bidang Mutasi, Promosi dan Kinerja" in letter  # the list of invitees
        assert KEPALA in letter  # signed by the Kepala Badan

        attendance = text_of(render(hadir, fmt).content)
        assert "DAFTAR HADIR" in attendance and "Tanda Tangan" in attendance
        assert "Akhmad Zaini, S.IP., M.Si." in attendance and "Hadir" in attendance

        minutes = text_of(render(notulen, fmt).content)
        assert "NOTULEN RAPAT" in minutes and "Form RKT dibagikan." in minutes
        assert "5 dari 5 undangan hadir" in minutes
        assert KASUBBAG in minutes  # the notulis signs


def test_the_minutes_do_not_exist_before_they_are_written(rkt_process, client_for, kepala):
    process = to_sosialisasi(rkt_process)
    assert issue_prep_document(process, "notulen", by=kepala) is None
    assert client_for(kepala).get(url(process, "notulen")).status_code == 404


def test_a_user_of_the_office_downloads_each_format(met, client_for, kabid_ppik):
    client = client_for(kabid_ppik)
    response = client.get(url(met, "daftar-hadir", "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Daftar-Hadir-Sosialisasi-Form-RKT-2027.pdf" in response["Content-Disposition"]
    response = client.get(url(met, "undangan", "docx"))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert IssuedDocument.objects.filter(process=met, kind="rkt.undangan").count() == 1


def test_an_unknown_document_or_format_is_not_found(met, client_for, kepala):
    client = client_for(kepala)
    assert client.get(url(met, "surat-cinta")).status_code == 404
    assert client.get(url(met, "disposisi", "xlsx")).status_code == 404


def test_another_organisation_gets_404(met, client_for, stranger):
    assert client_for(stranger).get(url(met, "disposisi")).status_code == 404


def test_anonymous_is_sent_to_login(met, client):
    response = client.get(url(met, "disposisi"))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_posting_is_not_allowed(met, client_for, kepala):
    assert client_for(kepala).post(url(met, "disposisi")).status_code == 405


def test_the_archive_provider_returns_the_four_documents(met, kepala):
    kinds = {doc.kind for doc in providers(met, by=kepala) if doc.kind.startswith("rkt.")}
    assert {"rkt.disposisi", "rkt.undangan", "rkt.daftar_hadir", "rkt.notulen"} <= kinds


def test_the_step_pages_offer_the_downloads(met, client_for, tim1):
    client = client_for(tim1)
    page = client.get(reverse("rkt:disposisi", args=[met.pk])).content.decode()
    assert url(met, "disposisi", "pdf") in page and url(met, "disposisi", "docx") in page
    page = client.get(reverse("rkt:sosialisasi", args=[met.pk])).content.decode()
    for slug in ("undangan", "daftar-hadir", "notulen"):
        assert url(met, slug, "pdf") in page


def test_the_kop_shows_the_demo_logo(met, kepala):
    document = issue_prep_document(met, "undangan", by=kepala)
    assert document.snapshot["kop"]["logo"].startswith("data:image/png;base64,")
