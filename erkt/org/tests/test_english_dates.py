"""The English UI writes its dates, working days and pass in English; documents stay
Indonesian."""

from __future__ import annotations

import datetime

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from erkt.workflow.tests.page_helpers import MONDAY, at, start

SET_LANGUAGE = reverse("set_language")


def render(text: str, **context) -> str:
    return Template("{% load indonesian %}" + text).render(Context(context))


def test_tanggal_follows_the_active_language():
    day = datetime.date(2026, 11, 29)
    with translation.override("id"):
        assert render("{{ day|tanggal }}", day=day) == "29 November 2026"
    with translation.override("en"):
        assert render("{{ day|tanggal }}", day=day) == "Nov. 29, 2026"
        assert render("{{ day|tanggal }}", day=None) == "-"


def test_tanggal_id_stays_indonesian_in_the_english_ui():
    with translation.override("en"):
        assert render("{{ day|tanggal_id }}", day=datetime.date(2026, 8, 17)) == "17 Agustus 2026"


def test_the_process_page_in_english_shows_english_dates_and_working_days(
    client_for, demo, kepala, time_machine
):
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    client = client_for(kepala)
    client.post(SET_LANGUAGE, {"language": "en", "next": "/"})
    html = client.get(reverse("workflow:process", args=[process.pk])).content.decode()
    assert "Nov. 2, 2026" in html
    assert "2 November 2026" not in html
    assert "hari kerja" not in html
    assert "working day" in html


def test_the_sop_document_keeps_indonesian_dates_in_the_english_ui(demo):
    from django.template.loader import render_to_string

    from erkt.sop.document import document_context
    from erkt.sop.models import Sop

    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    version = sop.versions.filter(status="active").get()
    version.tanggal_efektif = datetime.date(2026, 8, 17)  # not saved: only rendered
    with translation.override("en"):
        text = render_to_string("sop/document_pdf.html", document_context(version))
    assert "17 Agustus 2026" in text
    assert "Aug. 17, 2026" not in text
