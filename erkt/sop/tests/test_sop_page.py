"""The SOP page: every pegawai of the organisation reads the SOP as the official document."""

from __future__ import annotations

import datetime
import html
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from erkt.sop.io import load_definition
from erkt.sop.models import Sop
from erkt.sop.tests.helpers import seed_definition

URL = reverse("sop:detail", args=["penyusunan-rkt"])
ACTORS = ["Tim Perencanaan", "Kasubbag Perencanaan", "Kasubbag/Kabid", "Sekretaris", "Kepala Badan"]


def text_of(response) -> str:
    """The page's text with tags removed and whitespace normalised: SVG wraps long texts."""
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(without_tags).split())


def test_a_pegawai_reads_every_step_and_pelaksana_of_the_sop(client_for, tim1, demo):
    response = client_for(tim1).get(URL)

    assert response.status_code == 200
    text = text_of(response)
    steps = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version.steps
    assert steps.count() == 11
    for step in steps.all():
        assert step.uraian in text
    squeezed = text.replace(" ", "")  # a header may wrap after the "/" of "Kasubbag/Kabid"
    for actor in ACTORS:
        assert actor.replace(" ", "") in squeezed


def test_the_identity_sheet_is_signed_by_the_kepala_badan_with_a_grouped_nip(
    client_for, kabid_ppik, kepala
):
    text = text_of(client_for(kabid_ppik).get(URL))

    employee = kepala.employee
    assert re.fullmatch(r"\d{8} \d{6} \d \d{3}", employee.nip_display)
    assert f"{employee.full_name} {employee.get_pangkat_display()} NIP. {employee.nip_display}" in (
        text
    )
    for label in ("STANDAR OPERASIONAL PROSEDUR", "PEMERINTAH KABUPATEN BALANGAN", "Dasar Hukum"):
        assert label in text
    assert "Tanggal Efektif -" in text, "an empty date prints as '-'"


def test_dates_are_written_in_indonesian_even_for_an_english_reader(client_for, kepala, demo):
    data = seed_definition()
    data["identity"]["tanggal_pembuatan"] = datetime.date(2026, 1, 5)
    data["identity"]["tanggal_efektif"] = datetime.date(2026, 11, 29)
    load_definition(demo, data)
    client = client_for(kepala)
    client.cookies["django_language"] = "en"

    text = text_of(client.get(URL))

    assert "Tanggal Pembuatan 5 Januari 2026" in text
    assert "Tanggal Efektif 29 November 2026" in text
    assert "Tanggal Revisi -" in text


def test_it_offers_the_pdf_of_the_version_shown(client_for, sekretaris):
    response = client_for(sekretaris).get(URL)

    pdf_url = reverse("sop:pdf", args=["penyusunan-rkt"])
    assert f'href="{pdf_url}?versi=1"' in response.content.decode()
    assert "Unduh PDF" in text_of(response)


def test_an_older_version_is_shown_on_request_and_linked_from_the_current_one(
    client_for, kepala, demo
):
    data = seed_definition()
    data["identity"]["judul"] = "Penyusunan RKT (revisi)"
    load_definition(demo, data)
    client = client_for(kepala)

    current = client.get(URL)
    older = client.get(URL, {"versi": 1})

    shown = '<dd class="col-auto mb-0 text-body">{}</dd>'
    assert shown.format(2) in current.content.decode()
    assert f'href="{URL}?versi=1"' in current.content.decode()
    assert shown.format(1) in older.content.decode()
    assert "Versi ini sudah tidak berlaku." in text_of(older)
    assert "PENYUSUNAN RENCANA KINERJA TAHUNAN (RKT)" in text_of(older)


def test_an_unknown_version_or_sop_is_not_found(client_for, kepala):
    client = client_for(kepala)

    assert client.get(URL, {"versi": 9}).status_code == 404
    assert client.get(URL, {"versi": "satu"}).status_code == 404
    assert client.get(reverse("sop:detail", args=["tidak-ada"])).status_code == 404


def test_the_administrator_without_a_position_reads_it_too(client_for, administrator):
    assert client_for(administrator).get(URL).status_code == 200


def test_another_organisation_gets_not_found(client_for, stranger, demo):
    assert client_for(stranger).get(URL).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, demo):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_only_answers_get(client_for, kepala):
    assert client_for(kepala).post(URL).status_code == 405


def test_the_logo_of_the_organisation_heads_the_identity_sheet(client_for, kepala, demo):
    image = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(image, format="PNG")
    demo.logo.save("balangan.png", ContentFile(image.getvalue()))

    page = client_for(kepala).get(URL).content.decode()

    assert '<img class="sop-logo" src="data:image/png;base64,' in page


@pytest.mark.database
def test_the_page_costs_a_fixed_number_of_queries(
    client_for, kabid_ppik, django_assert_num_queries
):
    client = client_for(kabid_ppik)
    client.get(URL)
    # The session, the user with their employee, their positions, the badge's count; the SOP
    # with its versions, the actors and steps, the signed pengesahan, the related SOPs,
    # the qualifications' actors, positions, holders, substitutes and trainings.
    with django_assert_num_queries(14):
        assert client.get(URL).status_code == 200
