"""POST /processes/{id}/suspend, /resume and /tasks/{id}/withdraw."""

import pytest

from erkt.api.tests.helpers import advance_to, assert_error
from erkt.workflow.models import Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_step_actions")]


def suspend(api, process, reason="Menunggu pagu anggaran"):
    return api.post(f"/processes/{process.pk}/suspend", {"reason": reason})


def test_the_kepala_suspends_and_resumes(kepala, process, api_for):
    api = api_for(kepala)
    body = suspend(api, process).json()
    assert body["suspended"] is True
    assert body["suspensions"][0]["reason"] == "Menunggu pagu anggaran"
    assert body["suspensions"][0]["ended_on"] is None
    body = api.post(f"/processes/{process.pk}/resume").json()
    assert body["suspended"] is False
    assert body["suspensions"][0]["working_days"] == 0


def test_completing_while_suspended_answers_409(kepala, process, api_for):
    api = api_for(kepala)
    suspend(api, process)
    task = process.tasks.get()
    detail = assert_error(api.post(f"/tasks/{task.pk}/complete", {}), 409)
    assert "ditangguhkan" in detail


def test_suspending_twice_answers_409_and_without_reason_422(kepala, process, api_for):
    api = api_for(kepala)
    assert_error(suspend(api, process, reason=""), 422)
    suspend(api, process)
    assert_error(suspend(api, process), 409)


def test_another_role_gets_403_and_another_office_404(sekretaris, stranger, process, api_for):
    assert_error(suspend(api_for(sekretaris), process), 403)
    assert_error(suspend(api_for(stranger), process), 404)
    assert_error(api_for(stranger).post(f"/processes/{process.pk}/resume"), 404)


def test_the_completer_withdraws_a_task(process, api_for):
    advance_to(process, 2)
    task = Task.objects.get(process=process, step_run__number=1)
    body = api_for(task.completed_by).post(f"/tasks/{task.pk}/withdraw", {"reason": "Salah"})
    assert body.json()["status"] == "open"
    assert body.json()["withdraw_reason"] == "Salah"
    assert Task.objects.get(process=process, step_run__number=2).status == "withdrawn"


def test_a_withdrawal_is_refused_for_others_and_once_touched(
    process, api_for, sekretaris, stranger
):
    advance_to(process, 3)
    task = Task.objects.get(process=process, step_run__number=1)
    path = f"/tasks/{task.pk}/withdraw"
    assert_error(api_for(sekretaris).post(path, {"reason": "x"}), 403)
    assert_error(api_for(stranger).post(path, {"reason": "x"}), 404)
    # Step 2 is completed: step 1 can no longer be taken back.
    assert_error(api_for(task.completed_by).post(path, {"reason": "x"}), 409)
