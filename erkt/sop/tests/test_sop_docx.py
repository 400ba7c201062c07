"""The SOP as a Word document: the identity sheet and the flowchart table."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from erkt.sop.io import load_definition
from erkt.sop.models import Sop
from erkt.sop.tests.definitions import long_definition
from erkt.sop.tests.helpers import seed_definition

URL = reverse("sop:docx", args=["penyusunan-rkt"])


def document_of(response):
    assert response["Content-Type"].endswith("wordprocessingml.document")
    return Document(io.BytesIO(response.content))


def text_of(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def test_it_downloads_the_sop_as_docx_with_identity_and_every_step(
    client_for, kasubbag_perencanaan, kepala, demo
):
    response = client_for(kasubbag_perencanaan).get(URL)

    assert response.status_code == 200
    assert 'filename="SOP-penyusunan-rkt-v1.docx"' in response["Content-Disposition"]
    document = document_of(response)
    text = text_of(document)
    assert "STANDAR OPERASIONAL PROSEDUR" in text
    assert "PENYUSUNAN RENCANA KINERJA TAHUNAN (RKT)" in text
    assert "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintah Daerah" in text
    employee = kepala.employee
    assert employee.full_name in text and f"NIP. {employee.nip_display}" in text
    version = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version
    for step in version.steps.all():
        assert step.uraian in text and step.output in text
    for actor in version.actors.all():
        assert actor.name in text
    assert "Ya: ke langkah" in text  # a decision names where it leads


def test_the_flowchart_header_rows_repeat_on_every_page(client_for, kepala, demo):
    load_definition(demo, long_definition(25))

    response = client_for(kepala).get(reverse("sop:docx", args=["langkah-panjang"]))

    flowchart = document_of(response).tables[-1]
    header_rows = [
        row for row in flowchart.rows if row._tr.find(f".//{qn('w:tblHeader')}") is not None
    ]
    assert len(header_rows) == 2
    assert len(flowchart.rows) == 2 + 25
    assert "Mutu Baku" in " ".join(cell.text for cell in header_rows[0].cells)


def test_the_page_is_landscape_a4_with_the_logo(client_for, kepala, demo):
    document = document_of(client_for(kepala).get(URL))

    section = document.sections[0]
    assert section.page_width > section.page_height
    assert round(section.page_width.mm) == 297
    assert document.inline_shapes[0].height > 0  # the kop's logo comes first


def test_an_older_version_is_marked_as_no_longer_in_force(client_for, kepala, demo):
    load_definition(demo, seed_definition())

    response = client_for(kepala).get(URL, {"versi": 1})

    assert "TIDAK BERLAKU" in text_of(document_of(response))


def test_the_sop_page_offers_the_docx_next_to_the_pdf(client_for, kepala, demo):
    page = client_for(kepala).get(reverse("sop:detail", args=["penyusunan-rkt"])).content.decode()

    assert reverse("sop:pdf", args=["penyusunan-rkt"]) in page
    assert reverse("sop:docx", args=["penyusunan-rkt"]) in page


def test_another_organisation_gets_not_found(client_for, stranger, demo):
    assert client_for(stranger).get(URL).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, demo):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_only_answers_get(client_for, kepala):
    assert client_for(kepala).post(URL).status_code == 405


def test_the_docx_is_the_organisations_indonesian_document_with_numbered_pages(
    client_for, kepala, demo
):
    document = document_of(client_for(kepala).get(URL))

    properties = document.core_properties
    version = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version
    assert properties.title == f"SOP {version.judul}"
    assert properties.author == demo.name
    assert properties.language == "id-ID"
    day = version.tanggal_efektif or version.tanggal_pembuatan or version.created_at.date()
    assert properties.created.date() == day == properties.modified.date()
    footer = document.sections[0].footer
    assert footer.paragraphs[0].text.startswith("Halaman ")
    instructions = [node.text for node in footer._element.iter(qn("w:instrText"))]
    assert [text.strip() for text in instructions] == ["PAGE", "NUMPAGES"]
