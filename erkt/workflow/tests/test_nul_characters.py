"""A NUL character in a form field of a page answers 422 with a message, on every database."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.models import Task
from erkt.workflow.tests.conftest import open_task
from erkt.workflow.tests.page_helpers import pdf

pytestmark = pytest.mark.database


def test_a_nul_in_a_note_is_refused_and_the_task_stays_open(client_for, kepala, process):
    task = open_task(process, 1)
    engine.add_attachment(task, by=kepala, file=pdf())
    url = reverse("workflow:task_complete", args=[task.pk])

    response = client_for(kepala).post(url, {"note": "Segera\x00 disusun."})

    assert response.status_code == 422
    assert "karakter NUL" in response.content.decode()
    stored = Task.objects.get(pk=task.pk)
    assert (stored.status, stored.note) == ("open", "")


def test_a_nul_in_a_search_parameter_is_refused(client_for, kepala, process):
    response = client_for(kepala).get(reverse("workflow:inbox"), {"q": "\x00"})
    assert response.status_code == 422


def test_the_sign_in_form_refuses_a_nul_in_the_username(client, kepala):
    response = client.post(reverse("login"), {"username": "kepala\x00", "password": "x"})
    assert response.status_code == 422
    assert "karakter NUL" in response.content.decode()
