"""A Plh. for the absent Kabid PSDM fills and sends the Form RKT of step 4, with the
"atas nama" trail in the task history, the audit log and the form's document."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import ApiClient
from erkt.audit.models import AuditEntry
from erkt.audit.verify import verify_chain
from erkt.documents.models import IssuedDocument
from erkt.org.models import Employee, Substitution
from erkt.rkt.tests.form_fixtures import START, at, fill_task, form_of, form_process
from erkt.workflow.models import Task

__all__ = ["form_process"]

END = START + datetime.timedelta(days=11)


@pytest.fixture
def plh(form_process, administrator) -> Substitution:
    """The Kabid MPK stands in for the Kabid PSDM (on leave) from the start of step 4."""
    psdm = form_of(form_process, "PSDM").unit.head_position
    substitution = Substitution(
        position=psdm,
        substitute=Employee.objects.get(user__username="kabid.mpk"),
        kind=Substitution.Kind.PLH,
        start_date=START,
        end_date=END,
        sp_number="800.1.11.1/007/BKPSDM/2026",
        sp_date=START,
        created_by=administrator,
    )
    substitution.full_clean()
    substitution.save()
    return substitution


def names() -> tuple[str, str]:
    plh_name = Employee.objects.get(user__username="kabid.mpk").full_name
    holder_name = Employee.objects.get(user__username="kabid.psdm").full_name
    return plh_name, holder_name


def test_without_a_substitution_the_psdm_task_is_not_theirs(client_for, kabid_mpk, form_process):
    task = fill_task(form_process, "PSDM")
    client = client_for(kabid_mpk)
    assert reverse("workflow:task", args=[task.pk]) not in client.get("/tugas/").content.decode()
    assert client.get(reverse("workflow:task", args=[task.pk])).status_code == 404
    form = form_of(form_process, "PSDM")
    assert client.get(reverse("rkt:unit_form", args=[form.pk])).status_code == 404


def test_the_plh_sends_the_absent_kabids_form_with_the_atas_nama_trail(
    client_for, kabid_mpk, kabid_psdm, plh, form_process
):
    plh_name, holder_name = names()
    trail = f"Plh. {plh_name} atas nama {holder_name}"
    task = fill_task(form_process, "PSDM")
    form = form_of(form_process, "PSDM")
    client = client_for(kabid_mpk)
    # The Kotak Tugas holds the PSDM task beside the Plh.'s own MPK one.
    inbox = client.get(reverse("workflow:inbox")).content.decode()
    assert reverse("workflow:task", args=[task.pk]) in inbox
    assert reverse("workflow:task", args=[fill_task(form_process, "MPK").pk]) in inbox
    assert client.get(reverse("workflow:task", args=[task.pk])).status_code == 200
    assert client.get(reverse("rkt:unit_form", args=[form.pk])).status_code == 200

    response = client.post(reverse("rkt:unit_form_submit", args=[form.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.completed_by) == (Task.Status.DONE, kabid_mpk)

    # The task keeps it, and its page says it.
    assert (task.completed_acting_kind, task.completed_for) == ("plh", holder_name)
    task_page = client.get(reverse("workflow:task", args=[task.pk])).content.decode()
    assert f"Plh. {plh_name}</strong> atas nama {holder_name}" in task_page
    # The history of the process page says who acted for whom.
    history = client_for(kabid_psdm).get(reverse("workflow:process", args=[form_process.pk]))
    assert trail in history.content.decode()
    # The audit log keeps it on the entries of the sending and of the task's completion.
    for action in ("form_rkt.submit", "task.complete"):
        entry = AuditEntry.objects.filter(action=action, user=kabid_mpk).latest("seq")
        assert (entry.acting_kind, entry.acting_for, entry.who) == ("plh", holder_name, trail)
    assert verify_chain(form_process.organization).ok  # the trail is part of the hash
    # The Form RKT as sent is signed "Plh. Kepala Bidang ..." by the Plh.
    document = IssuedDocument.objects.filter(process=form_process, kind="rkt.form").latest("pk")
    signature = document.snapshot["signature"]
    assert signature["jabatan"] == f"Plh. {form.unit.head_position.title}"
    assert signature["name"] == plh_name


def test_the_plhs_own_form_is_sent_in_their_own_name(client_for, kabid_mpk, plh, form_process):
    form = form_of(form_process, "MPK")
    response = client_for(kabid_mpk).post(reverse("rkt:unit_form_submit", args=[form.pk]))
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="task.complete", user=kabid_mpk).latest("seq")
    assert (entry.acting_kind, entry.acting_for) == ("", "")
    assert entry.who == names()[0]


def test_the_api_lists_the_task_for_the_plh(kabid_mpk, plh, form_process):
    _token, secret = ApiToken.issue(kabid_mpk, name="test")
    body = ApiClient(secret).get("/tasks").json()
    assert fill_task(form_process, "PSDM").pk in {task["id"] for task in body}


def test_after_the_range_the_task_is_the_holders_alone(
    client_for, kabid_mpk, plh, form_process, time_machine
):
    time_machine.move_to(at(END + datetime.timedelta(days=1)), tick=False)
    task = fill_task(form_process, "PSDM")
    client = client_for(kabid_mpk)
    assert reverse("workflow:task", args=[task.pk]) not in client.get("/tugas/").content.decode()
    assert client.get(reverse("workflow:task", args=[task.pk])).status_code == 404
    form = form_of(form_process, "PSDM")
    assert client.post(reverse("rkt:unit_form_submit", args=[form.pk])).status_code == 404
    assert not form_of(form_process, "PSDM").is_submitted
