"""Completing, uploading, claiming, reassigning and cancelling from the pages.

Each action works as a plain POST (redirect, message) and through htmx (a fragment).
A refused action shows the engine's message with its status, and changes nothing.
"""

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.models import Attachment, Process, Task
from erkt.workflow.tests.page_helpers import (
    HTMX,
    MONDAY,
    at,
    finish,
    open_task,
    pdf,
    run_to,
    start,
)


@pytest.fixture
def process(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    return start(demo, kepala)


def url(name: str, obj) -> str:
    return reverse(f"workflow:{name}", args=[obj.pk])


def refresh(task: Task) -> Task:
    return Task.objects.get(pk=task.pk)


# --- Completing ----------------------------------------------------------------------------


def test_completing_without_javascript_redirects_to_the_inbox(client_for, kepala, process):
    task = open_task(process, 1)
    engine.add_attachment(task, by=kepala, file=pdf("disposisi.pdf"))
    client = client_for(kepala)
    response = client.post(url("task_complete", task), {"note": "Segera disusun."})
    assert response.status_code == 302
    assert response.url == reverse("workflow:inbox")
    assert (refresh(task).status, refresh(task).note) == ("done", "Segera disusun.")
    assert "Tugas &#x27;1. Disposisi" in client.get(response.url).content.decode()


def test_completing_with_htmx_answers_the_task_fragment(client_for, kepala, process):
    task = open_task(process, 1)
    engine.add_attachment(task, by=kepala, file=pdf())
    response = client_for(kepala).post(url("task_complete", task), {"note": ""}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="task-main">')
    assert "<html" not in html
    assert html.count("Tugas &#x27;1. Disposisi") == 1  # the notice, once
    assert 'id="nav-task-count"' in html and 'hx-swap-oob="true"' in html
    assert refresh(task).status == "done"


def test_completing_without_the_output_is_refused(client_for, kepala, process):
    task = open_task(process, 1)
    response = client_for(kepala).post(url("task_complete", task), {"note": "Tanpa berkas"})
    assert response.status_code == 422
    assert "Output &#x27;Disposisi&#x27; belum diunggah." in response.content.decode()
    assert "Tanpa berkas</textarea>" in response.content.decode()  # the input is kept
    assert refresh(task).status == "open"


def test_a_refusal_through_htmx_is_a_fragment_with_the_status(client_for, kepala, process):
    task = open_task(process, 1)
    response = client_for(kepala).post(url("task_complete", task), {}, **HTMX)
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<div id="task-main">')
    assert "belum diunggah" in response.content.decode()


def test_someone_else_may_not_complete_the_task(client_for, kabid_ppik, process):
    task = open_task(process, 1)
    response = client_for(kabid_ppik).post(url("task_complete", task), {"note": "x"})
    assert response.status_code == 403
    assert "Anda bukan pemegang tugas ini." in response.content.decode()
    assert "Selesaikan tugas</button>" not in response.content.decode()  # a message, no form
    assert refresh(task).status == "open"


def test_a_done_task_cannot_be_completed_again(client_for, kepala, process):
    task = finish(open_task(process, 1), kepala)
    response = client_for(kepala).post(url("task_complete", task), {"note": "lagi"})
    assert response.status_code == 409
    assert "Tugas ini sudah diselesaikan." in response.content.decode()


def test_tidak_without_a_note_is_refused(client_for, sekretaris, process):
    run_to(process, 9)
    task = open_task(process, 9)
    response = client_for(sekretaris).post(url("task_complete", task), {"decision": "tidak"})
    assert response.status_code == 422
    assert "wajib disertai catatan koreksi" in response.content.decode()
    assert refresh(task).status == "open"


def test_tidak_with_a_note_sends_the_draft_back_to_step_8(client_for, sekretaris, process):
    run_to(process, 9)
    task = open_task(process, 9)
    data = {"decision": "tidak", "note": "Perbaiki target."}
    client_for(sekretaris).post(url("task_complete", task), data)
    assert refresh(task).decision == "tidak"
    assert open_task(process, 8).return_reason == "Perbaiki target."


def test_ya_moves_on_to_step_10(client_for, sekretaris, process):
    run_to(process, 9)
    client_for(sekretaris).post(url("task_complete", open_task(process, 9)), {"decision": "ya"})
    assert open_task(process, 10).step_run.number == 10


def test_an_administrator_completes_for_the_assignee_with_a_reason(
    client_for, administrator, process
):
    task = open_task(process, 1)
    client = client_for(administrator)
    client.post(url("task_upload", task), {"file": pdf(), "on_behalf_reason": "Dinas luar."})
    refused = client.post(url("task_complete", task), {"note": "x"})
    assert refused.status_code == 422
    assert "wajib menuliskan alasannya" in refused.content.decode()
    data = {"note": "x", "on_behalf_reason": "Kepala Badan dinas luar."}
    client.post(url("task_complete", task), data)
    assert refresh(task).on_behalf_reason == "Kepala Badan dinas luar."


# --- Uploading -----------------------------------------------------------------------------


def test_uploading_without_javascript_redirects_to_the_task(client_for, kepala, process):
    task = open_task(process, 1)
    response = client_for(kepala).post(url("task_upload", task), {"file": pdf("disposisi.pdf")})
    assert response.status_code == 302
    assert response.url == url("task", task)
    assert task.attachments.get().original_name == "disposisi.pdf"


def test_uploading_with_htmx_answers_the_attachment_list(client_for, kepala, process):
    task = open_task(process, 1)
    response = client_for(kepala).post(
        url("task_upload", task), {"file": pdf("disposisi.pdf")}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="card shadow-sm mb-4" id="task-attachments">')
    assert "disposisi.pdf" in html
    assert "Berkas disposisi.pdf diunggah." in html


def test_uploading_nothing_is_refused(client_for, kepala, process):
    task = open_task(process, 1)
    response = client_for(kepala).post(url("task_upload", task), {}, **HTMX)
    assert response.status_code == 422
    assert "Pilih berkas yang akan diunggah." in response.content.decode()
    assert not Attachment.objects.exists()


def test_someone_else_may_not_upload(client_for, sekretaris, process):
    task = open_task(process, 1)
    response = client_for(sekretaris).post(url("task_upload", task), {"file": pdf()}, **HTMX)
    assert response.status_code == 403
    assert "Anda bukan pemegang tugas ini." in response.content.decode()
    assert 'name="file"' not in response.content.decode()
    assert not Attachment.objects.exists()


# --- Claiming and reassigning --------------------------------------------------------------


@pytest.fixture
def lane_task(process):
    run_to(process, 5)
    return open_task(process, 5)


def test_a_lane_member_claims_a_task(client_for, tim1, lane_task):
    response = client_for(tim1).post(url("task_claim", lane_task))
    assert response.status_code == 302
    assert refresh(lane_task).claimed_by == tim1.employee


def test_claiming_with_htmx_answers_the_assignment_box(client_for, tim1, lane_task):
    response = client_for(tim1).post(url("task_claim", lane_task), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="card shadow-sm mb-4" id="task-assignment">')
    assert "Lepaskan tugas" in html


def test_a_task_claimed_by_another_member_is_a_conflict(client_for, tim1, tim2, lane_task):
    engine.claim_task(lane_task, by=tim1)
    response = client_for(tim2).post(url("task_claim", lane_task), **HTMX)
    assert response.status_code == 409
    assert "sudah diambil oleh Nurul Hikmah" in response.content.decode()
    assert refresh(lane_task).claimed_by == tim1.employee


def test_the_claimant_releases_the_task(client_for, tim1, lane_task):
    engine.claim_task(lane_task, by=tim1)
    client_for(tim1).post(url("task_unclaim", lane_task))
    assert refresh(lane_task).claimed_by is None


def test_the_kasubbag_perencanaan_reassigns_a_lane_task(
    client_for, kasubbag_perencanaan, tim2, lane_task
):
    data = {"employee": tim2.employee.pk}
    response = client_for(kasubbag_perencanaan).post(url("task_reassign", lane_task), data)
    assert response.status_code == 302
    assert refresh(lane_task).claimed_by == tim2.employee


def test_a_task_cannot_be_reassigned_to_someone_outside_the_lane(
    client_for, kasubbag_perencanaan, kabid_ppik, lane_task
):
    data = {"employee": kabid_ppik.employee.pk}
    response = client_for(kasubbag_perencanaan).post(url("task_reassign", lane_task), data)
    assert response.status_code == 422
    assert refresh(lane_task).claimed_by is None


def test_only_the_kasubbag_perencanaan_reassigns(client_for, tim1, tim2, lane_task):
    response = client_for(tim1).post(
        url("task_reassign", lane_task), {"employee": tim2.employee.pk}
    )
    assert response.status_code == 403
    assert "Hanya Kasubbag Perencanaan" in response.content.decode()
    assert refresh(lane_task).claimed_by is None


# --- Cancelling the process ----------------------------------------------------------------


def test_the_kepala_cancels_a_process_with_a_reason(client_for, kepala, process):
    response = client_for(kepala).post(url("process_cancel", process), {"reason": "Salah tahun."})
    assert response.status_code == 302
    process.refresh_from_db()
    assert (process.status, process.cancel_reason) == ("cancelled", "Salah tahun.")


def test_cancelling_without_a_reason_is_refused(client_for, kepala, process):
    response = client_for(kepala).post(url("process_cancel", process), {"reason": " "})
    assert response.status_code == 422
    assert "Alasan pembatalan wajib diisi." in response.content.decode()
    assert Process.objects.get().status == "running"


def test_only_the_kepala_cancels(client_for, sekretaris, process):
    response = client_for(sekretaris).post(url("process_cancel", process), {"reason": "x"})
    assert response.status_code == 403
    assert "Hanya Kepala Badan yang dapat membatalkan" in response.content.decode()
    assert Process.objects.get().status == "running"
