"""The evaluation form of a period: created pre-filled, edited by the planning team, signed
off by the Kepala Badan, printed as the official form, and the source of a revision."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from erkt.documents.models import IssuedDocument
from erkt.documents.pdfa_check import pdfa_problems
from erkt.sop.models import SopVersion
from erkt.sop.monev import create_evaluation, sign_off
from erkt.sop.monev_models import SopEvaluation
from erkt.workflow.models import Process
from erkt.workflow.tests.page_helpers import seed_sop, start

CODE = "penyusunan-rkt"


def new_url() -> str:
    return reverse("sop:evaluation_create", args=[CODE])


def form_url(evaluation) -> str:
    return reverse("sop:evaluation", args=[CODE, evaluation.pk])


@pytest.fixture
def evaluation(demo, kasubbag_perencanaan) -> SopEvaluation:
    """The form of the second half of 2026, with no finished process yet."""
    version = seed_sop(demo).active_version
    return create_evaluation(version, year=2026, semester=2, late_share=30, by=kasubbag_perencanaan)


def post_items(client, evaluation, **changes):
    data = {}
    for item in evaluation.items.all():
        data[f"baik-{item.pk}"] = "ya" if item.berjalan_baik else "tidak"
        data[f"catatan-{item.pk}"] = item.catatan
        data[f"tindakan-{item.pk}"] = item.tindakan
        data[f"waktu-{item.pk}"] = item.proposed_waktu or ""
    data.update(changes)
    return client.post(form_url(evaluation), data)


def test_the_form_is_pre_filled_from_the_figures_of_the_period(demo, history, tim1, client_for):
    response = client_for(tim1).post(
        new_url(), {"year": "2026", "semester": "2", "late_share": "30"}
    )
    evaluation = SopEvaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == form_url(evaluation)
    assert evaluation.process_count == 2 and evaluation.is_draft
    step2 = evaluation.items.get(step_number=2)
    assert not step2.berjalan_baik and step2.proposed_waktu == 3
    assert "2 kali, median 2,5 hari kerja, maksimum 3 hari kerja" in step2.catatan
    assert evaluation.items.get(step_number=9).catatan.endswith("1 kali dikembalikan.")
    page = client_for(tim1).get(form_url(evaluation)).content.decode()
    assert 'data-step="2" data-baik="tidak"' in page


def test_bad_input_in_the_new_form_creates_nothing(demo, tim1, client_for):
    for data in (
        {"year": "dua ribu", "semester": "2", "late_share": "30"},
        {"year": "2026", "semester": "3", "late_share": "30"},
        {"year": "2026", "semester": "1", "late_share": "130"},
    ):
        response = client_for(tim1).post(new_url(), data, follow=True)
        assert response.status_code == 200
    assert not SopEvaluation.objects.exists()
    assert "Batas keterlambatan harus bilangan bulat 0 sampai 100." in response.content.decode()


def test_a_second_form_of_the_same_period_is_refused(evaluation, tim1, client_for):
    client_for(tim1).post(new_url(), {"year": "2026", "semester": "2", "late_share": "30"})
    assert SopEvaluation.objects.count() == 1


def test_the_team_edits_every_row_together(evaluation, tim1, client_for):
    item = evaluation.items.get(step_number=5)
    response = post_items(
        client_for(tim1),
        evaluation,
        **{f"baik-{item.pk}": "tidak", f"catatan-{item.pk}": "Rapat sering mundur."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.berjalan_baik and item.catatan == "Rapat sering mundur."


def test_one_bad_row_stores_none_of_the_rows(evaluation, tim1, client_for):
    first, second = evaluation.items.order_by("step_number")[:2]
    before = list(evaluation.items.values_list("catatan", "berjalan_baik", "proposed_waktu"))
    response = post_items(
        client_for(tim1),
        evaluation,
        **{f"catatan-{first.pk}": "Diubah.", f"waktu-{second.pk}": "0"},
    )
    assert response.status_code == 400
    assert "Usulan waktu harus 1 sampai 365 hari kerja." in response.content.decode()
    assert "Diubah." in response.content.decode()  # what was typed stays on the page
    after = list(evaluation.items.values_list("catatan", "berjalan_baik", "proposed_waktu"))
    assert after == before


def test_a_step_judged_not_running_well_needs_a_catatan(evaluation, tim1, client_for):
    item = evaluation.items.get(step_number=3)
    response = post_items(
        client_for(tim1), evaluation, **{f"baik-{item.pk}": "tidak", f"catatan-{item.pk}": ""}
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.berjalan_baik


def test_only_the_kepala_signs_the_evaluation_off(evaluation, sekretaris, kepala, client_for):
    url = reverse("sop:evaluation_sign", args=[CODE, evaluation.pk])
    assert client_for(sekretaris).post(url).status_code == 403
    evaluation.refresh_from_db()
    assert evaluation.is_draft
    assert client_for(kepala).post(url).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == "signed" and evaluation.signed_by == kepala
    assert evaluation.signatory["jabatan"]


def test_a_signed_evaluation_can_no_longer_be_edited(evaluation, kepala, tim1, client_for):
    sign_off(evaluation, by=kepala)
    item = evaluation.items.get(step_number=5)
    post_items(client_for(tim1), evaluation, **{f"tindakan-{item.pk}": "Diubah sesudahnya."})
    item.refresh_from_db()
    assert item.tindakan == ""


def test_the_signed_form_prints_as_pdfa_and_docx_from_its_snapshot(
    evaluation, kepala, sekretaris, client_for
):
    url = reverse("sop:evaluation_document", args=[CODE, evaluation.pk, "pdf"])
    assert client_for(kepala).get(url).status_code == 404  # a draft is not printed
    sign_off(evaluation, by=kepala)
    pdf = client_for(sekretaris).get(url)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdfa_problems(pdf.content) == []
    document = IssuedDocument.objects.get(kind="sop.evaluasi")
    assert document.snapshot["periode"] == "Semester II (Juli s.d. Desember) 2026"
    word = client_for(sekretaris).get(
        reverse("sop:evaluation_document", args=[CODE, evaluation.pk, "docx"])
    )
    text = "\n".join(
        cell.text
        for table in docx.Document(io.BytesIO(word.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Catatan hasil penilaian" in text and "Belum ada pelaksanaan" in text


def test_revisi_sop_starts_a_draft_with_the_late_step_waktu_raised(
    demo, history, kepala, kasubbag_perencanaan, client_for
):
    version = seed_sop(demo).active_version
    evaluation = create_evaluation(
        version, year=2026, semester=2, late_share=30, by=kasubbag_perencanaan
    )
    url = reverse("sop:evaluation_revise", args=[CODE, evaluation.pk])
    client_for(kasubbag_perencanaan).post(url)  # not signed off yet: refused
    assert not SopVersion.objects.filter(status="draft").exists()
    sign_off(evaluation, by=kepala)
    running = start(demo, kepala, year=2029)

    response = client_for(kasubbag_perencanaan).post(url)
    draft = SopVersion.objects.get(status="draft")
    assert response.status_code == 302 and f"versi={draft.number}" in response["Location"]
    assert draft.steps.get(number=2).waktu_amount == 3
    assert draft.steps.get(number=1).waktu_amount == 1
    evaluation.refresh_from_db()
    assert evaluation.revision == draft and draft.source_evaluation == evaluation
    assert Process.objects.get(pk=running.pk).sop_version == version
    client_for(kasubbag_perencanaan).post(url)  # a second revision: refused
    assert SopVersion.objects.filter(status="draft").count() == 1


def test_a_draft_version_has_nothing_to_evaluate(demo, kasubbag_perencanaan, tim1, client_for):
    draft = seed_sop(demo).active_version.new_draft()
    response = client_for(tim1).post(
        f"{new_url()}?versi={draft.number}",
        {"year": "2026", "semester": "2", "late_share": "30"},
        follow=True,
    )
    assert "Versi draf belum dijalankan" in response.content.decode()
    assert not SopEvaluation.objects.exists()
