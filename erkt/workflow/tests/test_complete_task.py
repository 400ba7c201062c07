from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.audit.models import AuditEntry
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Task
from erkt.workflow.tests.conftest import finish, finish_step, open_task, run_to, upload

pytestmark = pytest.mark.database

D = datetime.date


def test_the_assignee_completes_a_task_with_note_and_file(process, kepala):
    task = open_task(process, 1)
    upload(task, kepala, "disposisi.pdf")
    done = engine.complete_task(task, by=kepala, note="Segera susun RKT 2027")
    assert done.status == Task.Status.DONE
    assert (done.completed_by, done.note) == (kepala, "Segera susun RKT 2027")
    assert done.attachments.get().original_name == "disposisi.pdf"
    assert process.step_runs.get(number=1).status == "done"


def test_the_next_step_opens_for_its_lane_with_a_working_day_deadline(
    process, kepala, kasubbag_perencanaan
):
    finish(open_task(process, 1), kepala)
    task = open_task(process, 2)
    assert task.position.role == "kasubbag_perencanaan"
    assert task.can_be_completed_by(kasubbag_perencanaan)
    assert (task.opened_on, task.due_date) == (D(2026, 12, 21), D(2026, 12, 22))
    assert process.step_runs.get(number=2).status == "active"


def test_a_wrong_user_gets_403_and_nothing_changes(process, kepala, sekretaris):
    task = open_task(process, 1)
    upload(task, kepala)
    with pytest.raises(NotAllowed) as error:
        engine.complete_task(task, by=sekretaris)
    assert error.value.status == 403
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN
    assert not AuditEntry.objects.filter(action="task.complete").exists()


def test_a_wrong_user_cannot_upload_either(process, sekretaris):
    with pytest.raises(NotAllowed):
        upload(open_task(process, 1), sekretaris)


def test_a_missing_output_gets_422_naming_it(process, kepala):
    task = open_task(process, 1)
    with pytest.raises(Invalid) as error:
        engine.complete_task(task, by=kepala, note="tanpa berkas")
    assert error.value.status == 422
    assert error.value.message == "Output 'Disposisi' belum diunggah."
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN and task.note == ""


def test_a_file_removed_again_is_missing_for_the_completion(process, kepala):
    """The output check is read with the locked task: a file uploaded and removed again
    by the same task object leaves the output missing."""
    task = open_task(process, 1)
    upload(task, kepala)
    engine.remove_attachment(task.attachments.get(), by=kepala)
    with pytest.raises(Invalid) as error:
        engine.complete_task(task, by=kepala)
    assert error.value.message == "Output 'Disposisi' belum diunggah."


def test_a_file_uploaded_by_another_request_counts_for_the_completion(process, kepala):
    """The task object the caller read before the upload still completes: the lock reads
    the file anew."""
    task = open_task(process, 1)
    upload(Task.objects.get(pk=task.pk), kepala)
    assert engine.complete_task(task, by=kepala).status == Task.Status.DONE


def test_the_last_step_also_needs_its_output(process):
    task = run_to(process, 11)
    with pytest.raises(Invalid) as error:
        engine.complete_task(task, by=task.eligible_employees().first().user)
    assert "Berkas RKT" in error.value.message


def test_a_double_completion_gets_409(process, kepala):
    task = open_task(process, 1)
    finish(task, kepala)
    with pytest.raises(Conflict) as error:
        engine.complete_task(task, by=kepala)
    assert error.value.status == 409
    assert Task.objects.filter(process=process, step_run__number=2).count() == 1


def test_a_decision_needs_ya_or_tidak(process, sekretaris):
    task = run_to(process, 9)
    for decision in ("", "mungkin"):
        with pytest.raises(Invalid):
            engine.complete_task(task, by=sekretaris, decision=decision)


def test_tidak_needs_a_correction_note(process, sekretaris):
    task = run_to(process, 9)
    with pytest.raises(Invalid) as error:
        engine.complete_task(task, by=sekretaris, decision="tidak", note="  ")
    assert "catatan koreksi" in error.value.message
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN


def test_a_decision_needs_no_file(process, sekretaris, kepala):
    engine.complete_task(run_to(process, 9), by=sekretaris, decision="ya")
    task = open_task(process, 10)
    assert task.position.role == "kepala"
    done = engine.complete_task(task, by=kepala, decision="ya")
    assert done.decision == "ya"


def test_a_process_step_takes_no_decision(process, kepala):
    task = open_task(process, 1)
    upload(task, kepala)
    with pytest.raises(Invalid):
        engine.complete_task(task, by=kepala, decision="ya")


def test_tidak_at_step_9_reopens_step_8_with_the_reason(process, sekretaris, kasubbag_perencanaan):
    engine.complete_task(
        run_to(process, 9), by=sekretaris, decision="tidak", note="Target IKU 2 belum sesuai"
    )
    run8 = process.step_runs.get(number=8)
    assert (run8.status, run8.passes) == ("active", 2)
    reopened = open_task(process, 8)
    assert (reopened.pass_number, reopened.return_reason) == (2, "Target IKU 2 belum sesuai")
    assert reopened.can_be_completed_by(kasubbag_perencanaan)
    assert process.step_runs.get(number=9).status == "pending"
    entry = AuditEntry.objects.get(action="task.complete", object_id=str(reopened.pk - 1))
    assert entry.reason == "Target IKU 2 belum sesuai"


def test_the_steps_after_the_reopened_one_run_again(process, sekretaris):
    engine.complete_task(run_to(process, 9), by=sekretaris, decision="tidak", note="Perbaiki")
    finish_step(process, 8)
    run9 = process.step_runs.get(number=9)
    assert (run9.status, run9.passes) == ("active", 2)
    again = open_task(process, 9)
    assert (again.pass_number, again.return_reason) == (2, "")


def test_tidak_at_step_10_sends_the_draft_back_to_step_8(process, kepala):
    run_to(process, 10)
    engine.complete_task(open_task(process, 10), by=kepala, decision="tidak", note="Ganti judul")
    states = dict(process.step_runs.values_list("number", "status"))
    assert [states[n] for n in (8, 9, 10, 11)] == ["active", "pending", "pending", "pending"]
    assert open_task(process, 8).return_reason == "Ganti judul"


def test_an_administrator_acts_for_the_assignee_only_with_a_reason(process, administrator):
    task = open_task(process, 1)
    with pytest.raises(Invalid) as error:
        engine.complete_task(task, by=administrator)
    assert "alasan" in error.value.message
    acting = {"by": administrator, "on_behalf_reason": "Disposisi diterima di atas kertas"}
    engine.add_attachment(task, file=SimpleUploadedFile("disposisi.pdf", b"isi"), **acting)
    done = engine.complete_task(task, **acting)
    assert (done.completed_by, done.on_behalf_reason) == (
        administrator,
        "Disposisi diterima di atas kertas",
    )
    entry = AuditEntry.objects.get(action="task.complete")
    assert entry.position is None
    assert "Disposisi diterima di atas kertas" in entry.reason


def test_another_organisations_kepala_may_not_act(process, stranger):
    with pytest.raises(NotAllowed):
        engine.complete_task(open_task(process, 1), by=stranger)


def test_every_completion_is_in_the_audit_log(process, kepala):
    finish(open_task(process, 1), kepala)
    entry = AuditEntry.objects.get(action="task.complete")
    assert (entry.user, entry.position.role) == (kepala, "kepala")
    assert (entry.before["status"], entry.after["status"]) == ("open", "done")
