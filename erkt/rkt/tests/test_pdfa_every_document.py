"""Every PDF e-RKT issues passes the PDF/A-3b checks (erkt.documents.pdfa_check): the step
1-3 documents, each unit's Form RKT, every Draft RKT version, the final RKT unsigned and
signed, and the SOP."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.documents.models import IssuedDocument
from erkt.documents.pdfa_check import pdfa_problems
from erkt.documents.services import render, render_fresh
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.rkt.documents.forms import printable_form_document
from erkt.rkt.documents.preparation import PREP_DOCUMENTS, issue_prep_document
from erkt.rkt.documents.rkt import issue_version_document
from erkt.rkt.drafts.models import DraftRkt
from erkt.rkt.tests.drafts_helpers import open_task, user
from erkt.rkt.tests.preparation_helpers import hold_meeting, to_sosialisasi
from erkt.rkt.unit_forms.models import FormRkt
from erkt.sop.document import render_pdf as sop_pdf
from erkt.sop.models import Sop
from erkt.workflow import engine


def test_the_documents_of_steps_1_to_3_are_pdfa(rkt_process, kepala):
    process = to_sosialisasi(rkt_process)
    hold_meeting(process)
    for slug in PREP_DOCUMENTS:  # disposisi, rencana, undangan, daftar hadir, notulen
        document = issue_prep_document(process, slug, by=kepala)
        assert pdfa_problems(render(document, "pdf").content) == [], slug


@pytest.fixture
def signed(at_step_10):
    engine.complete_task(
        open_task(at_step_10, 10),
        by=user("kepala"),
        decision="ya",
        payload={"passphrase": DEMO_PASSPHRASE},
    )
    return at_step_10


def test_the_forms_drafts_and_the_final_rkt_signed_and_unsigned_are_pdfa(signed):
    tim1 = user("tim1")
    forms = FormRkt.objects.filter(process=signed)
    assert forms.count() == 5
    for form in forms:
        document = printable_form_document(form, by=tim1)
        assert pdfa_problems(render(document, "pdf").content) == [], form.unit
    drafts = DraftRkt.objects.filter(process=signed).order_by("number")
    for draft in drafts:
        document = issue_version_document(draft, by=tim1)
        if draft.is_final:
            assert document.pdf_kind == "digital"
            assert pdfa_problems(render_fresh(document, "pdf")) == []  # as before signing
        assert pdfa_problems(render(document, "pdf").content) == [], draft.number
    final = IssuedDocument.objects.get(process=signed, kind="rkt.final")
    assert final.pdf_kind == "digital"


def test_the_sop_pdf_is_pdfa(demo, client_for, kabid_ppik):
    version = Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version
    assert pdfa_problems(sop_pdf(version)) == []
    response = client_for(kabid_ppik).get(reverse("sop:pdf", args=["penyusunan-rkt"]))
    assert response.status_code == 200 and pdfa_problems(response.content) == []
