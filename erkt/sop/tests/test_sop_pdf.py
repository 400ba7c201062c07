"""The SOP as a PDF: the identity sheet on portrait A4, the flowchart on landscape A4."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from erkt.org.models import Employee
from erkt.sop.io import load_definition
from erkt.sop.models import Sop
from erkt.sop.tests.definitions import long_definition
from erkt.sop.tests.helpers import seed_definition

URL = reverse("sop:pdf", args=["penyusunan-rkt"])


def pdf_pages(response) -> list:
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(response.content)).pages


def text_of(pages) -> str:
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def is_landscape(page) -> bool:
    return page.mediabox.width > page.mediabox.height


def test_it_downloads_the_sop_as_a_pdf_named_after_code_and_version(
    client_for, kasubbag_perencanaan, kepala, demo
):
    response = client_for(kasubbag_perencanaan).get(URL)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="SOP-penyusunan-rkt-v1.pdf"'
    pages = pdf_pages(response)
    text = text_of(pages)
    steps = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version.steps
    for step in steps.all():
        assert step.uraian in text
    employee = kepala.employee
    assert employee.full_name in text
    assert f"NIP. {employee.nip_display}" in text
    assert "STANDAR OPERASIONAL PROSEDUR" in text
    assert not is_landscape(pages[0]), "the identity sheet is portrait"
    assert len(pages) >= 2
    assert all(is_landscape(page) for page in pages[1:]), "the flowchart is landscape"
    assert "Uraian Prosedur" in pages[1].extract_text()


def test_a_long_sop_repeats_the_flowchart_header_on_every_landscape_page(client_for, kepala, demo):
    load_definition(demo, long_definition(25))

    response = client_for(kepala).get(reverse("sop:pdf", args=["langkah-panjang"]))

    pages = pdf_pages(response)
    assert len(pages) >= 3
    for page in pages[1:]:
        assert is_landscape(page)
        assert "Uraian Prosedur" in page.extract_text()
        assert "Mutu Baku" in page.extract_text()


def test_an_older_version_prints_marked_as_no_longer_in_force(client_for, kepala, demo):
    load_definition(demo, seed_definition())

    response = client_for(kepala).get(URL, {"versi": 1})

    assert 'filename="SOP-penyusunan-rkt-v1.pdf"' in response["Content-Disposition"]
    assert "TIDAK BERLAKU" in text_of(pdf_pages(response))


def test_another_organisation_gets_not_found(client_for, stranger, demo):
    assert client_for(stranger).get(URL).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, demo):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_only_answers_get(client_for, kepala):
    assert client_for(kepala).post(URL).status_code == 405


def test_an_approved_version_keeps_naming_the_kepala_who_signed_it(client_for, kepala, demo):
    signer = kepala.employee
    successor = Employee.objects.create(
        organization=demo, name="Budi Santoso", nip="197501012000031001", pangkat="IV/b"
    )
    head = demo.head
    head.holders.set([successor])

    pdf = text_of(pdf_pages(client_for(kepala).get(URL)))
    docx = client_for(kepala).get(reverse("sop:docx", args=["penyusunan-rkt"]))
    word = " ".join(
        p.text
        for t in Document(io.BytesIO(docx.content)).tables
        for c in t._cells
        for p in c.paragraphs
    )

    for text in (pdf, word):
        assert signer.full_name in text
        assert "Budi Santoso" not in text
    # A new draft is not signed yet: it shows who would sign it now.
    draft = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version.new_draft()
    draft_pdf = client_for(kepala).get(URL, {"versi": draft.number})
    assert "Budi Santoso" in text_of(pdf_pages(draft_pdf))
