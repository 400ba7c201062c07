"""Step 7: each unit head reviews its own part of Draft RKT version 1."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from erkt.org.models import Unit
from erkt.rkt.drafts.corrections import mark_rest_sesuai, record_verdict, withdraw
from erkt.rkt.drafts.models import Correction
from erkt.rkt.tests.drafts_helpers import latest, open_task, row_of, user
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed


def unit(short_name: str) -> Unit:
    return Unit.objects.get(short_name=short_name, organization__short_name="BKPSDM")


def review_url(process, short_name: str, name: str = "unit_review") -> str:
    return reverse(f"rkt:drafts:{name}", args=[process.pk, unit(short_name).pk])


def ppik_row(process):
    return row_of(latest(process), unit__short_name="PPIK", sub_kegiatan_code__gt="")


def test_the_page_shows_the_unit_its_own_rows_only(at_step_7, client_for, kabid_ppik):
    response = client_for(kabid_ppik).get(review_url(at_step_7, "PPIK"))
    assert response.status_code == 200
    shown = {item.row.key for item in response.context["items"]}
    own = set(latest(at_step_7).rows.filter(unit__short_name="PPIK").values_list("key", flat=True))
    assert shown == own and own
    other = row_of(latest(at_step_7), unit__short_name="MPK", sub_kegiatan_code__gt="")
    assert other.sub_kegiatan_name not in response.content.decode()


def test_another_unit_head_gets_404(at_step_7, client_for, kabid_mpk, kepala):
    assert client_for(kabid_mpk).get(review_url(at_step_7, "PPIK")).status_code == 404
    row = ppik_row(at_step_7)
    data = {"row_key": row.key, "verdict": "sesuai"}
    response = client_for(kabid_mpk).post(review_url(at_step_7, "PPIK", "unit_verdict"), data)
    assert response.status_code == 404
    assert client_for(kepala).get(review_url(at_step_7, "PPIK")).status_code == 404
    assert not Correction.objects.exists()


def test_a_unit_cannot_judge_a_row_of_another_unit(at_step_7):
    mpk_row = row_of(latest(at_step_7), unit__short_name="MPK")
    with pytest.raises(Invalid, match="bukan bagian"):
        record_verdict(
            open_task(at_step_7, 7, "PPIK"),
            by=user("kabid.ppik"),
            row_key=mpk_row.key,
            verdict="sesuai",
        )
    with pytest.raises(NotAllowed):
        record_verdict(
            open_task(at_step_7, 7, "PPIK"),
            by=user("kabid.mpk"),
            row_key=ppik_row(at_step_7).key,
            verdict="sesuai",
        )


def test_a_correction_records_the_comment_and_the_proposed_value(at_step_7, client_for, kabid_ppik):
    row = ppik_row(at_step_7)
    data = {
        "row_key": row.key,
        "verdict": "koreksi",
        "field": "anggaran",
        "proposed_value": "Rp 250.000.000",
        "comment": "Tambahan formasi CASN.",
    }
    response = client_for(kabid_ppik).post(review_url(at_step_7, "PPIK", "unit_verdict"), data)
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.row_key, correction.field, correction.status) == (
        row.key,
        "anggaran",
        "open",
    )
    assert correction.new_value() == Decimal(250_000_000)
    assert (correction.unit.short_name, correction.source) == ("PPIK", "unit_review")
    assert correction.draft == latest(at_step_7)


@pytest.mark.parametrize(
    ("field", "value", "comment", "message"),
    [
        ("anggaran", "dua ratus juta", "Naik", "angka rupiah"),
        ("target", "", "Naik", "usulan nilai target"),
        ("target", "5", "", "catatan koreksi"),
        ("warna", "5", "Naik", "Pilih bagian"),
    ],
)
def test_a_bad_correction_is_refused_with_a_message_and_nothing_stored(
    at_step_7, client_for, kabid_ppik, field, value, comment, message
):
    row = ppik_row(at_step_7)
    data = {
        "row_key": row.key,
        "verdict": "koreksi",
        "field": field,
        "proposed_value": value,
        "comment": comment,
    }
    response = client_for(kabid_ppik).post(review_url(at_step_7, "PPIK", "unit_verdict"), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Correction.objects.exists()


def test_sesuai_is_refused_while_the_row_has_a_correction(at_step_7):
    task, by, row = open_task(at_step_7, 7, "PPIK"), user("kabid.ppik"), ppik_row(at_step_7)
    correction = record_verdict(
        task,
        by=by,
        row_key=row.key,
        verdict="koreksi",
        field="target",
        comment="x",
        proposed_value="7",
    )
    with pytest.raises(Conflict, match="Tarik koreksinya dahulu"):
        record_verdict(task, by=by, row_key=row.key, verdict="sesuai")
    assert list(Correction.objects.values_list("verdict", "proposed_value")) == [("koreksi", "7")]
    withdraw(correction, by=by)
    record_verdict(task, by=by, row_key=row.key, verdict="sesuai")
    assert list(Correction.objects.values_list("verdict", "status")) == [("sesuai", "noted")]


def test_a_correction_replaces_sesuai(at_step_7):
    task, by, row = open_task(at_step_7, 7, "PPIK"), user("kabid.ppik"), ppik_row(at_step_7)
    record_verdict(task, by=by, row_key=row.key, verdict="sesuai")
    record_verdict(
        task,
        by=by,
        row_key=row.key,
        verdict="koreksi",
        field="target",
        comment="y",
        proposed_value="8",
    )
    assert list(Correction.objects.values_list("verdict", "proposed_value")) == [("koreksi", "8")]


def test_a_row_with_a_correction_offers_no_sesuai(at_step_7, client_for, kabid_ppik):
    row = ppik_row(at_step_7)
    record_verdict(
        open_task(at_step_7, 7, "PPIK"),
        by=user("kabid.ppik"),
        row_key=row.key,
        verdict="koreksi",
        field="baris",
        comment="Perjelas.",
    )
    client = client_for(kabid_ppik)
    html = client.get(review_url(at_step_7, "PPIK")).content.decode()
    corrected = html.split(f'<tr id="baris-{row.order}"')[1].split("</tr>")[0]
    assert 'value="sesuai"' not in corrected and "Tarik catatan ini" in corrected
    assert 'value="sesuai"' in html  # the rows without a verdict still offer it
    response = client.post(
        review_url(at_step_7, "PPIK", "unit_verdict"), {"row_key": row.key, "verdict": "sesuai"}
    )
    assert response.status_code == 409
    assert "Tarik koreksinya dahulu" in response.content.decode()
    assert Correction.objects.get().verdict == "koreksi"


def test_the_task_completes_only_when_every_row_has_a_verdict(at_step_7):
    task, by = open_task(at_step_7, 7, "PPIK"), user("kabid.ppik")
    rows = list(latest(at_step_7).rows.filter(unit__short_name="PPIK"))
    record_verdict(task, by=by, row_key=rows[0].key, verdict="sesuai")
    with pytest.raises(Invalid, match=f"{len(rows) - 1} baris"):
        engine.complete_task(task, by=by)
    assert mark_rest_sesuai(task, by=by) == len(rows) - 1
    engine.complete_task(task, by=by)
    task.refresh_from_db()
    assert task.status == "done"


def test_a_verdict_is_withdrawn_while_the_task_is_open(at_step_7, client_for, kabid_ppik):
    row = ppik_row(at_step_7)
    record_verdict(
        open_task(at_step_7, 7, "PPIK"), by=user("kabid.ppik"), row_key=row.key, verdict="sesuai"
    )
    correction = Correction.objects.get()
    url = reverse("rkt:drafts:correction_withdraw", args=[at_step_7.pk, correction.pk])
    assert client_for(user("kabid.mpk")).post(url).status_code == 404
    assert client_for(kabid_ppik).post(url).status_code == 302
    assert not Correction.objects.exists()


def test_htmx_gets_the_row_back(at_step_7, client_for, kabid_ppik):
    row = ppik_row(at_step_7)
    response = client_for(kabid_ppik).post(
        review_url(at_step_7, "PPIK", "unit_verdict"),
        {"row_key": row.key, "verdict": "sesuai"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="baris-{row.order}"')
    assert "Sesuai" in body and "<html" not in body


def test_after_the_step_the_page_shows_the_verdicts_read_only(at_step_7, client_for, kabid_ppik):
    task, by = open_task(at_step_7, 7, "PPIK"), user("kabid.ppik")
    mark_rest_sesuai(task, by=by)
    engine.complete_task(task, by=by)
    response = client_for(kabid_ppik).get(review_url(at_step_7, "PPIK"))
    assert response.status_code == 200
    assert response.context["task"] is None
    assert all(item.sesuai for item in response.context["items"])
    assert "Simpan koreksi" not in response.content.decode()
