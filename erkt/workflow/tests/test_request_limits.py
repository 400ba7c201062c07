"""Oversized or malformed requests to the pages answer a 4xx page, never 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.workflow.models import Attachment
from erkt.workflow.tests.conftest import open_task

MB = 1024 * 1024


@pytest.fixture
def task(process):
    return open_task(process, 1)


def upload_url(task) -> str:
    return reverse("workflow:task_upload", args=[task.pk])


def test_an_attachment_over_the_limit_answers_a_413_page_and_nothing_is_kept(
    client_for, kepala, task
):
    file = SimpleUploadedFile("besar.pdf", b"%PDF" + b"0" * (22 * MB), "application/pdf")
    response = client_for(kepala).post(upload_url(task), {"file": file})
    assert response.status_code == 413
    body = response.content.decode()
    assert "Permintaan terlalu besar" in body and "<html" in body
    assert not Attachment.objects.exists()


def test_a_file_just_over_the_upload_limit_is_cut_off_with_413(client_for, kepala, task):
    file = SimpleUploadedFile("besar.pdf", b"%PDF" + b"0" * (20 * MB), "application/pdf")
    response = client_for(kepala).post(upload_url(task), {"file": file})
    assert response.status_code == 413
    assert "paling besar 20 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_sign_in_form_over_its_limit_answers_413(client):
    response = client.post(reverse("login"), {"username": "kepala", "password": "x" * 100_000})
    assert response.status_code == 413
    assert "paling besar 64 KB" in response.content.decode()


def test_a_multipart_request_without_a_boundary_answers_a_400_page(client_for, kepala, task):
    response = client_for(kepala).post(
        upload_url(task), "--x\r\n\r\n", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "Permintaan tidak valid" in response.content.decode()
    assert not Attachment.objects.exists()
