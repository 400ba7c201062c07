"""Oversized or malformed requests to the API answer 4xx with {"detail"}, never 500."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from erkt.api.tests.helpers import assert_error, open_task
from erkt.workflow.models import Attachment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_step_actions")]

MB = 1024 * 1024


def big_json(size: int) -> str:
    return json.dumps({"username": "kepala", "password": "x", "name": "a" * size})


def test_a_json_body_over_the_limit_on_the_token_endpoint_answers_413(anonymous_api):
    response = anonymous_api.raw("post", "/auth/token", big_json(26 * MB))
    assert "terlalu besar" in assert_error(response, 413)


def test_the_token_endpoint_takes_only_a_small_body(anonymous_api, kepala):
    response = anonymous_api.raw("post", "/auth/token", big_json(100 * 1024))
    assert "64 KB" in assert_error(response, 413)


def test_a_json_body_over_the_limit_answers_413(api_for, kepala):
    response = api_for(kepala).raw("put", "/forms/1/rows", json.dumps({"rows": ["a" * 6 * MB]}))
    assert "5 MB" in assert_error(response, 413)


def test_an_attachment_over_the_request_limit_answers_413_and_nothing_is_kept(
    process, kepala, api_for
):
    task = open_task(process, 1)
    file = SimpleUploadedFile("besar.pdf", b"%PDF" + b"0" * (22 * MB), "application/pdf")
    response = api_for(kepala).upload(f"/tasks/{task.pk}/attachments", {"file": file})
    assert "terlalu besar" in assert_error(response, 413)
    assert not Attachment.objects.exists()


def test_a_file_just_over_the_upload_limit_is_cut_off_with_413(process, kepala, api_for):
    task = open_task(process, 1)
    file = SimpleUploadedFile("besar.pdf", b"%PDF" + b"0" * (20 * MB), "application/pdf")
    response = api_for(kepala).upload(f"/tasks/{task.pk}/attachments", {"file": file})
    assert "20 MB" in assert_error(response, 413)
    assert not Attachment.objects.exists()


def post_chunked(path: str, body: bytes):
    """A body without Content-Length, as gunicorn hands over a chunked one (decoded)."""
    return Client().generic(
        "POST",
        path,
        body,
        content_type="application/json",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input_terminated": True, "wsgi.input": io.BytesIO(body)},
    )


def test_a_chunked_body_within_the_limit_is_read(kepala):
    body = json.dumps({"username": "kepala", "password": "salah"}).encode()
    assert "sandi salah" in assert_error(post_chunked("/api/v1/auth/token", body), 401)


def test_a_chunked_body_over_the_limit_answers_413(kepala):
    body = big_json(100 * 1024).encode()
    assert_error(post_chunked("/api/v1/auth/token", body), 413)


def test_a_multipart_request_without_a_boundary_answers_400(process, kepala, api_for):
    task = open_task(process, 1)
    response = api_for(kepala).raw(
        "post", f"/tasks/{task.pk}/attachments", "--x\r\n\r\n", content_type="multipart/form-data"
    )
    assert_error(response, 400)
    assert not Attachment.objects.exists()


def test_an_unknown_api_path_answers_json_404_also_for_a_post_without_csrf(kepala):
    client = Client(enforce_csrf_checks=True)
    client.force_login(kepala)
    assert_error(client.post("/api/v1/tidak-ada", {"a": "b"}), 404)
    assert_error(client.get("/api/v1/tidak/ada/"), 404)
    assert_error(client.post("/api/v2/tugas", {"a": "b"}), 404)
    assert_error(client.get("/api/"), 404)
