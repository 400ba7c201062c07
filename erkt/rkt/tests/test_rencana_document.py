"""The output of step 2, the Dokumen Perencanaan dan Program Kerja: printed from its step
page (PDF, Word), frozen like every issued document, and in the archive provider."""

from __future__ import annotations

from django.urls import reverse

from erkt.documents.pdfa_check import pdfa_problems
from erkt.documents.registry import providers
from erkt.documents.services import render
from erkt.rkt.documents.preparation import RENCANA, issue_prep_document
from erkt.rkt.preparation.steps import DISPOSISI
from erkt.rkt.tests.document_helpers import docx_text, pdf_text
from erkt.rkt.tests.preparation_helpers import complete, record_disposisi, record_rencana

KASUBBAG = "Muhammad Fauzan, S.Kom., M.M."


def url(process, fmt: str = "pdf") -> str:
    return reverse("rkt:prep_document", args=[process.pk, "rencana", fmt])


def _planned(process):
    record_disposisi(process, nomor_agenda="090/17/BKPSDM")
    complete(process, DISPOSISI)
    record_rencana(process, working_days={8: 4})
    return process


def test_the_document_prints_the_team_program_and_schedule(rkt_process, kepala):
    document = issue_prep_document(_planned(rkt_process), "rencana", by=kepala)
    assert document.kind == RENCANA
    for fmt, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        text = text_of(render(document, fmt).content)
        assert "DOKUMEN PERENCANAAN DAN PROGRAM KERJA" in text
        assert "Pembagian tugas Tim Perencanaan." in text  # the program kerja
        assert "090/17/BKPSDM" in text  # the disposisi it answers
        assert "Mengkompilasi Form RKT" in text and "Pengarsipan RKT" in text  # the schedule
        assert KASUBBAG in text and "Kepala Subbagian Perencanaan" in text  # who signs


def test_the_pdf_is_pdfa(rkt_process, kepala):
    document = issue_prep_document(_planned(rkt_process), "rencana", by=kepala)
    assert pdfa_problems(render(document, "pdf").content) == []


def test_the_step_page_links_to_its_document(rkt_process, client_for, kasubbag_perencanaan):
    process = _planned(rkt_process)
    page = client_for(kasubbag_perencanaan).get(reverse("rkt:rencana", args=[process.pk]))
    html = page.content.decode()
    assert url(process, "pdf") in html and url(process, "docx") in html


def test_the_step_page_has_no_link_before_the_plan_exists(
    rkt_process, client_for, kasubbag_perencanaan
):
    record_disposisi(rkt_process)
    complete(rkt_process, DISPOSISI)
    page = client_for(kasubbag_perencanaan).get(reverse("rkt:rencana", args=[rkt_process.pk]))
    assert url(rkt_process) not in page.content.decode()
    assert client_for(kasubbag_perencanaan).get(url(rkt_process)).status_code == 404


def test_a_user_of_the_office_downloads_it_frozen(rkt_process, client_for, kabid_ppik):
    process = _planned(rkt_process)
    client = client_for(kabid_ppik)
    first = client.get(url(process))
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert "Perencanaan-dan-Program-Kerja-RKT-2027.pdf" in first["Content-Disposition"]
    assert client.get(url(process)).content == first.content  # the stored bytes
    assert client.get(url(process, "docx")).content[:2] == b"PK"
    assert client.get(url(process, "xlsx")).status_code == 404


def test_another_organisation_gets_404(rkt_process, client_for, stranger):
    assert client_for(stranger).get(url(_planned(rkt_process))).status_code == 404


def test_anonymous_is_sent_to_login(rkt_process, client):
    assert client.get(url(_planned(rkt_process))).status_code == 302


def test_the_archive_provider_includes_it(rkt_process, kepala):
    process = _planned(rkt_process)
    assert RENCANA in {doc.kind for doc in providers(process, by=kepala)}
