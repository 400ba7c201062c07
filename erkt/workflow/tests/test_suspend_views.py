"""Tangguhkan / Lanjutkan on the process page, and Tarik kembali on the task page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.workflow.models import ProcessSuspension, Task
from erkt.workflow.tests.page_helpers import MONDAY, at, finish, open_task, start


@pytest.fixture
def process(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    return start(demo, kepala)


def url(name: str, obj) -> str:
    return reverse(f"workflow:{name}", args=[obj.pk])


def test_the_kepala_suspends_and_the_page_says_since_when_and_why(client_for, kepala, process):
    client = client_for(kepala)
    page = client.get(url("process", process)).content.decode()
    assert "Tangguhkan pelaksanaan" in page
    response = client.post(url("process_suspend", process), {"reason": "Menunggu pagu anggaran"})
    assert response.status_code == 302
    page = client.get(url("process", process)).content.decode()
    assert "Ditangguhkan sejak" in page and "Menunggu pagu anggaran" in page
    assert "Lanjutkan pelaksanaan" in page and "Menangguhkan pelaksanaan" in page  # history
    assert client.post(url("process_resume", process)).status_code == 302
    assert ProcessSuspension.objects.get().ended_on is not None


def test_a_suspension_without_a_reason_is_refused_with_a_message(client_for, kepala, process):
    response = client_for(kepala).post(url("process_suspend", process), {"reason": ""})
    assert response.status_code == 422
    assert "Alasan penangguhan wajib diisi." in response.content.decode()
    assert not ProcessSuspension.objects.exists()


def test_it_refuses_a_sekretaris_and_shows_no_button(client_for, sekretaris, process):
    client = client_for(sekretaris)
    assert "Tangguhkan pelaksanaan" not in client.get(url("process", process)).content.decode()
    response = client.post(url("process_suspend", process), {"reason": "Menunggu pagu"})
    assert response.status_code == 403
    assert not ProcessSuspension.objects.exists()


def test_it_answers_404_to_another_office(client_for, stranger, process):
    response = client_for(stranger).post(url("process_suspend", process), {"reason": "x"})
    assert response.status_code == 404
    assert client_for(stranger).post(url("process_resume", process)).status_code == 404


def test_completing_a_task_while_suspended_answers_409(client_for, kepala, process):
    client = client_for(kepala)
    client.post(url("process_suspend", process), {"reason": "Menunggu pagu anggaran"})
    task = open_task(process, 1)
    page = client.get(url("task", task)).content.decode()
    assert "Ditangguhkan sejak" in page and "Menunggu pagu anggaran" in page
    response = client.post(url("task_complete", task), {"note": ""})
    assert response.status_code == 409
    assert "ditangguhkan sejak" in response.content.decode()


def test_the_completer_withdraws_from_the_task_page(client_for, kepala, process):
    task = finish(open_task(process, 1), kepala)
    client = client_for(kepala)
    assert "Tarik kembali" in client.get(url("task", task)).content.decode()
    response = client.post(url("task_withdraw", task), {"reason": "Salah lampiran"})
    assert response.status_code == 302
    assert Task.objects.get(pk=task.pk).status == Task.Status.OPEN
    page = client.get(url("process", process)).content.decode()
    assert "Menarik kembali tugas" in page and "Salah lampiran" in page


def test_a_withdrawal_without_a_reason_shows_the_message(client_for, kepala, process):
    task = finish(open_task(process, 1), kepala)
    response = client_for(kepala).post(url("task_withdraw", task), {"reason": ""})
    assert response.status_code == 422
    assert "Alasan tarik kembali wajib diisi." in response.content.decode()


def test_someone_else_may_not_withdraw(client_for, kepala, sekretaris, stranger, process):
    task = finish(open_task(process, 1), kepala)
    assert "Tarik kembali" not in client_for(sekretaris).get(url("task", task)).content.decode()
    response = client_for(sekretaris).post(url("task_withdraw", task), {"reason": "x"})
    assert response.status_code == 403
    response = client_for(stranger).post(url("task_withdraw", task), {"reason": "x"})
    assert response.status_code == 404
    assert Task.objects.get(pk=task.pk).status == Task.Status.DONE


def test_the_task_page_no_longer_offers_withdrawal_once_the_next_step_is_done(
    client_for, kepala, process
):
    task = finish(open_task(process, 1), kepala)
    finish(open_task(process, 2))
    page = client_for(kepala).get(url("task", task)).content.decode()
    assert 'id="withdraw-task"' not in page
