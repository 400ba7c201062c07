"""Step 5: the Tim Perencanaan returns a form with a reason; the unit fixes and sends it again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.rkt.tests.form_fixtures import (
    HEADS,
    fill_task,
    first_sub_row,
    form_of,
    form_process,
    submit_all,
    user,
)
from erkt.rkt.unit_forms.forms import initial_of
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.services import return_form, submit_form
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Task

__all__ = ["form_process"]
REASON = "Target dokumen mutasi 2027 harus 6, sesuai rencana rotasi."


@pytest.fixture
def collecting(form_process):
    """Every unit has sent its form: step 5 is open for the Tim Perencanaan."""
    submit_all(form_process)
    return form_process


def step_5_task(process) -> Task:
    return Task.objects.get(process=process, step_run__number=5, status="open")


def post_return(client, form: FormRkt, reason: str = REASON):
    return client.post(reverse("rkt:unit_form_return", args=[form.pk]), {"reason": reason})


def test_the_five_unit_heads_fill_their_forms_one_is_returned_and_sent_again(
    collecting, client_for, tim1, kabid_mpk
):
    process = collecting
    assert process.step_runs.get(number=4).status == "done"
    assert {f.status for f in FormRkt.objects.filter(process=process)} == {"submitted"}
    assert Task.objects.filter(process=process, step_run__number=4, status="done").count() == 5

    form = form_of(process, "MPK")
    response = post_return(client_for(tim1), form)
    assert response.status_code == 302
    form.refresh_from_db()
    assert (form.status, form.return_reason, form.returned_by) == ("returned", REASON, tim1)
    task = fill_task(process, "MPK")
    assert (task.pass_number, task.return_reason) == (2, REASON)

    head = client_for(kabid_mpk)
    page = head.get(reverse("rkt:unit_form", args=[form.pk])).content.decode()
    assert REASON in page
    row = first_sub_row(form)
    head.post(
        reverse("rkt:unit_form_row_edit", args=[form.pk, row.pk]),
        {**initial_of(row), "target": "6"},
    )
    assert head.post(reverse("rkt:unit_form_submit", args=[form.pk])).status_code == 302
    form.refresh_from_db()
    task.refresh_from_db()
    assert form.is_submitted and task.status == "done"
    assert process.step_runs.get(number=5).status == "active"

    engine.complete_task(step_5_task(process), by=tim1)
    assert process.step_runs.get(number=6).status == "active"


def test_step_5_cannot_complete_while_a_form_is_returned(collecting, tim1):
    return_form(form_of(collecting, "PSDM"), by=tim1, reason=REASON)
    with pytest.raises(Invalid, match="Form RKT belum masuk dari: Bidang Pengembangan"):
        engine.complete_task(step_5_task(collecting), by=tim1)
    assert collecting.step_runs.get(number=5).status == "active"


def test_returning_is_recorded_in_the_audit_log(collecting, tim1):
    return_form(form_of(collecting, "PPIK"), by=tim1, reason=REASON)
    entry = AuditEntry.objects.get(action="form_rkt.return")
    assert (entry.reason, entry.position.role) == (REASON, "tim_perencanaan")
    assert AuditEntry.objects.filter(action="task.reopen").count() == 1


def state(process) -> tuple:
    forms = list(FormRkt.objects.filter(process=process).values_list("pk", "status"))
    return forms, process.tasks.count(), AuditEntry.objects.count()


def test_a_return_needs_a_reason(collecting, client_for, tim1):
    before = state(collecting)
    response = post_return(client_for(tim1), form_of(collecting, "MPK"), reason=" ")
    assert response.status_code == 422
    assert "Tuliskan alasan pengembalian Form RKT." in response.content.decode()
    assert state(collecting) == before


def test_only_the_tim_perencanaan_returns_a_form(collecting, client_for, kasubbag_perencanaan):
    before = state(collecting)
    response = post_return(client_for(kasubbag_perencanaan), form_of(collecting, "MPK"))
    assert response.status_code == 403
    assert "Hanya Tim Perencanaan" in response.content.decode()
    assert state(collecting) == before


def test_a_unit_head_cannot_return_a_form(collecting, client_for, kabid_ppik):
    assert post_return(client_for(kabid_ppik), form_of(collecting, "MPK")).status_code == 404
    assert post_return(client_for(kabid_ppik), form_of(collecting, "PPIK")).status_code == 403


def test_a_form_not_sent_cannot_be_returned(form_process, tim1):
    with pytest.raises(Conflict, match="belum dikirim"):
        return_form(form_of(form_process, "MPK"), by=tim1, reason=REASON)


def test_forms_are_returned_only_while_they_are_collected(form_process, tim1, kabid_mpk):
    form = form_of(form_process, "MPK")
    submit_form(form, by=kabid_mpk)  # the other units still fill theirs: step 4 runs
    with pytest.raises(Conflict, match="selama langkah pengumpulan"):
        return_form(form, by=tim1, reason=REASON)
    form.refresh_from_db()
    assert form.is_submitted


def test_a_returned_form_cannot_be_returned_again(collecting, tim1):
    form = form_of(collecting, "UMPEG")
    return_form(form, by=tim1, reason=REASON)
    with pytest.raises(Conflict):
        return_form(form, by=tim1, reason=REASON)


def test_an_administrator_returns_a_form_with_an_on_behalf_reason(collecting, administrator):
    form = form_of(collecting, "MPK")
    with pytest.raises(Invalid, match="wajib menuliskan alasannya"):
        return_form(form, by=administrator, reason=REASON)
    return_form(form, by=administrator, reason=REASON, on_behalf_reason="Tim cuti.")
    form.refresh_from_db()
    assert form.status == "returned"


def test_a_unit_head_sends_again_only_its_own_form(collecting, tim1):
    return_form(form_of(collecting, "MPK"), by=tim1, reason=REASON)
    with pytest.raises(NotAllowed):
        submit_form(form_of(collecting, "MPK"), by=user(HEADS["PPIK"]))
