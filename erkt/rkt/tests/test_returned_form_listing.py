"""A returned form says who returned it and when; one sent again says it was resent."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.urls import reverse

from erkt.documents.archive.views import number_issues
from erkt.rkt.tests.form_fixtures import HEADS, form_of, form_process, submit_all, user
from erkt.rkt.unit_forms.services import return_form, submit_form

__all__ = ["form_process"]
REASON = "Target dokumen mutasi 2027 harus 6."


def overview(client, process) -> str:
    return client.get(reverse("rkt:forms_overview", args=[process.pk])).content.decode()


def test_the_overview_names_who_returned_the_form_and_when(form_process, client_for, tim1):
    submit_all(form_process)
    form = return_form(form_of(form_process, "MPK"), by=tim1, reason=REASON)
    html = overview(client_for(tim1), form_process)
    note = html.split(f'data-returned="{form.pk}"')[1].split("</div>")[0]
    assert f"Dikembalikan oleh {tim1.employee.full_name}" in note
    assert REASON in note


def test_a_form_sent_again_says_it_was_returned_before(form_process, client_for, tim1):
    submit_all(form_process)
    form = return_form(form_of(form_process, "MPK"), by=tim1, reason=REASON)
    submit_form(form, by=user(HEADS["MPK"]))
    html = overview(client_for(tim1), form_process)
    note = html.split(f'data-returned="{form.pk}"')[1].split("</div>")[0]
    assert f"Dikirim ulang; sebelumnya dikembalikan oleh {tim1.employee.full_name}" in note


class Issue:
    def __init__(self, pk: int, key: str, day: int) -> None:
        self.pk, self.kind, self.key = pk, "rkt.form", key
        self.title = f"Form RKT Tahun 2027 {key}"
        self.issued_at = datetime.datetime(2026, 11, day, tzinfo=datetime.UTC)
        self.pdf_kind = ""


def test_two_issues_of_one_form_are_told_apart():
    first, other, second = Issue(1, "form:1", 2), Issue(2, "form:2", 3), Issue(3, "form:1", 4)
    documents = number_issues([second, other, first])
    assert [(d.pk, d.issue_number, d.issue_count) for d in documents] == [
        (3, 2, 2),
        (2, 1, 1),
        (1, 1, 2),
    ]
    html = render_to_string(
        "documents/archive/_documents.html", {"documents": [(d, ()) for d in documents]}
    )
    assert "terbitan 1 dari 2 (digantikan)" in html
    assert "terbitan 2 dari 2 (terakhir)" in html
    assert html.count("data-issue=") == 2  # the form issued once carries no mark
