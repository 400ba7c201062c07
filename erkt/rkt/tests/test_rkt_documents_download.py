"""Downloading a Draft RKT version or the final RKT from the RKT pages."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from erkt.documents.models import IssuedDocument
from erkt.rkt.tests.drafts_helpers import latest


def download_url(process, number: int, fmt: str) -> str:
    return reverse("rkt:rkt_documents:version", args=[process.pk, number, fmt])


@pytest.mark.parametrize("member", ["kepala", "tim1", "kabid_ppik", "administrator"])
def test_every_member_downloads_the_version_as_pdf(compiled, client_for, member, request):
    client = client_for(request.getfixturevalue(member))
    response = client.get(download_url(compiled, 1, "pdf"))
    document = IssuedDocument.objects.get(process=compiled, kind="rkt.draft")
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:download", args=[document.pk, "pdf"])
    pdf = client.get(response["Location"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert 'filename="Draft-RKT-2027-versi-1-BKPSDM.pdf"' in pdf["Content-Disposition"]
    assert "Versi 1" in PdfReader(BytesIO(pdf.content)).pages[0].extract_text()


def test_the_excel_download_is_a_workbook(compiled, client_for, tim1):
    response = client_for(tim1).get(download_url(compiled, 1, "xlsx"), follow=True)
    assert response.status_code == 200
    assert "RKT 2027" in load_workbook(BytesIO(response.content)).sheetnames


def test_downloading_again_reuses_the_issued_document(compiled, client_for, tim1):
    client = client_for(tim1)
    first = client.get(download_url(compiled, 1, "docx"))
    second = client.get(download_url(compiled, 1, "pdf"))
    assert first["Location"].rsplit("/", 3)[1] == second["Location"].rsplit("/", 3)[1]
    assert IssuedDocument.objects.filter(process=compiled, kind="rkt.draft").count() == 1


def test_another_organisation_gets_404(compiled, client_for, stranger):
    assert client_for(stranger).get(download_url(compiled, 1, "pdf")).status_code == 404
    assert not IssuedDocument.objects.filter(kind="rkt.draft").exists()


def test_anonymous_is_sent_to_sign_in(compiled, client):
    response = client.get(download_url(compiled, 1, "pdf"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_version_or_format_is_404(compiled, client_for, tim1):
    client = client_for(tim1)
    assert client.get(download_url(compiled, 9, "pdf")).status_code == 404
    assert client.get(download_url(compiled, 1, "odt")).status_code == 404


def test_it_only_reads(compiled, client_for, tim1):
    assert client_for(tim1).post(download_url(compiled, 1, "pdf")).status_code == 405


def test_the_rkt_page_offers_the_downloads_of_the_shown_version(compiled, client_for, kabid_psdm):
    page = reverse("rkt:drafts:page", args=[compiled.pk])
    body = client_for(kabid_psdm).get(page).content.decode()
    for fmt in ("pdf", "docx", "xlsx"):
        assert f'href="{download_url(compiled, latest(compiled).number, fmt)}"' in body
    assert "Unduh versi ini" in body
