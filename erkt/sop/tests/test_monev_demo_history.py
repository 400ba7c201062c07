"""On the demo office as `erkt demo` leaves it (RKT 2025 and RKT 2026 finished), the
evaluation page of the seed SOP shows that history, and its official form prints."""

from __future__ import annotations

import re

from django.urls import reverse

from erkt.documents.pdfa_check import pdfa_problems
from erkt.sop.monev_models import SopEvaluation

CODE = "penyusunan-rkt"
URL = reverse("sop:evaluations", args=[CODE])


def passes(html: str, step: int) -> str:
    row = re.search(rf'<tr data-step="{step}" data-unit="".*?</tr>', html, re.S).group(0)
    return dict(re.findall(r"data-([a-z-]+)>([^<]*)<", row))["passes"]


def test_the_page_shows_both_finished_years_and_the_loop_of_2026(demo_history, kepala, client_for):
    html = client_for(kepala).get(URL).content.decode()
    assert "2 proses selesai" in html
    assert passes(html, 1) == "2"
    assert passes(html, 8) == "3"  # the Sekretaris's "tidak" at step 9 of RKT 2026


def test_the_form_of_a_semester_is_pre_filled_signed_off_and_printed(
    demo_history, tim1, kepala, client_for
):
    created = client_for(tim1).post(
        reverse("sop:evaluation_create", args=[CODE]),
        {"year": "2025", "semester": "1", "late_share": "30"},
    )
    evaluation = SopEvaluation.objects.get()
    assert created.status_code == 302
    assert evaluation.process_count == 1  # RKT 2026, finished in the first half of 2025
    assert "dikembalikan" in evaluation.items.get(step_number=9).catatan
    sign = reverse("sop:evaluation_sign", args=[CODE, evaluation.pk])
    assert client_for(kepala).post(sign).status_code == 302
    pdf = client_for(kepala).get(
        reverse("sop:evaluation_document", args=[CODE, evaluation.pk, "pdf"])
    )
    assert pdf["Content-Type"] == "application/pdf" and pdfa_problems(pdf.content) == []
