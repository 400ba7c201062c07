"""Corrections of a Draft RKT (steps 7, 9, 10) follow the Form RKT's rules; step 8 checks again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.org.models import Unit
from erkt.rkt.drafts.compile import compile_draft
from erkt.rkt.drafts.corrections import add_review_comment, record_verdict
from erkt.rkt.drafts.models import Correction
from erkt.rkt.drafts.versions import DecisionError, make_next_version
from erkt.rkt.tests.drafts_helpers import (
    finish_unit_reviews,
    latest,
    next_version,
    open_task,
    row_of,
    user,
)
from erkt.rkt.unit_forms.models import FormRktRow
from erkt.rkt.unit_forms.rules import is_numeric_satuan
from erkt.workflow import engine
from erkt.workflow.errors import Invalid


def numeric_row(process, unit: str = "PPIK"):
    row = row_of(latest(process), unit__short_name=unit, sub_kegiatan_code__gt="")
    assert is_numeric_satuan(row.satuan)
    return row


def propose(process, row, field: str, value: str):
    return record_verdict(
        open_task(process, 7, "PPIK"),
        by=user("kabid.ppik"),
        row_key=row.key,
        verdict="koreksi",
        field=field,
        comment="Perbaiki.",
        proposed_value=value,
    )


def test_a_unit_cannot_propose_text_as_a_numeric_target(at_step_7):
    row = numeric_row(at_step_7)
    with pytest.raises(Invalid, match="bukan angka"):
        propose(at_step_7, row, "target", "sangat baik")
    assert not Correction.objects.exists()


def test_the_review_page_shows_the_refusal_beside_the_row(at_step_7, client_for, kabid_ppik):
    row = numeric_row(at_step_7)
    unit = Unit.objects.get(short_name="PPIK", organization__short_name="BKPSDM")
    url = reverse("rkt:drafts:unit_verdict", args=[at_step_7.pk, unit.pk])
    data = {
        "row_key": row.key,
        "verdict": "koreksi",
        "field": "target",
        "proposed_value": "seratus",
        "comment": "Naik.",
    }
    response = client_for(kabid_ppik).post(url, data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Target \u201cseratus\u201d bukan angka" in body
    assert 'value="seratus"' in body  # the refused proposal stays in its form
    assert not Correction.objects.exists()


def test_a_number_written_the_indonesian_way_is_accepted(at_step_7):
    correction = propose(at_step_7, numeric_row(at_step_7), "target", "92,5")
    assert correction.proposed_value == "92,5"


def test_a_target_longer_than_the_form_allows_is_refused(at_step_7):
    with pytest.raises(Invalid, match="terlalu panjang"):
        propose(at_step_7, numeric_row(at_step_7), "target", "9" * 101)


@pytest.fixture
def qualitative_at_step_7(at_step_6):
    """Version 1 holds a PPIK row measured by a predikat ("BB"); step 7 is open."""
    form_row = FormRktRow.objects.filter(
        form__process=at_step_6, form__unit__short_name="PPIK", sub_kegiatan__isnull=False
    ).first()
    FormRktRow.objects.filter(pk=form_row.pk).update(satuan="predikat", target="BB")
    compile_draft(at_step_6, by=user("tim1"))
    engine.complete_task(open_task(at_step_6, 6), by=user("tim1"))
    return at_step_6


def test_a_new_numeric_satuan_needs_a_numeric_target(qualitative_at_step_7):
    process = qualitative_at_step_7
    row = row_of(latest(process), unit__short_name="PPIK", satuan="predikat")
    with pytest.raises(Invalid, match="Usulkan juga koreksi target"):
        propose(process, row, "satuan", "%")
    propose(process, row, "target", "95")
    assert propose(process, row, "satuan", "%").proposed_value == "%"


def test_a_reviewer_cannot_propose_text_as_a_numeric_target(at_step_8):
    next_version(at_step_8)
    row = numeric_row(at_step_8)
    with pytest.raises(Invalid, match="bukan angka"):
        add_review_comment(
            open_task(at_step_8, 9),
            by=user("sekretaris"),
            row_key=row.key,
            field="target",
            comment="Ubah.",
            proposed_value="tinggi",
        )
    assert not Correction.objects.filter(verdict="komentar").exists()


def test_step_8_refuses_to_accept_a_text_target_that_slipped_through(at_step_7):
    row = numeric_row(at_step_7)
    correction = propose(at_step_7, row, "target", "175")
    Correction.objects.filter(pk=correction.pk).update(proposed_value="banyak sekali")
    finish_unit_reviews(at_step_7)

    with pytest.raises(DecisionError, match="bukan angka"):
        make_next_version(
            at_step_7,
            by=user("kasubbag.perencanaan"),
            decisions={correction.pk: ("accept", "")},
        )
    assert latest(at_step_7).number == 1
    correction.refresh_from_db()
    assert correction.status == "open"
