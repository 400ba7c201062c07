"""Every error of the API is {"detail": "<message in Bahasa Indonesia>"}, whatever caused it."""

import pytest

from erkt.api.tests.helpers import assert_error, open_task
from erkt.workflow import engine
from erkt.workflow.models import Process, Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_step_actions")]


def test_a_body_that_is_not_json_is_refused(kepala, today, api_for):
    response = api_for(kepala).raw("post", "/processes", '{"sop": "penyusunan-rkt", year')

    assert assert_error(response, 400) == "Isi permintaan bukan JSON yang valid."
    assert not Process.objects.exists()


def test_a_missing_field_is_named(kepala, today, api_for):
    detail = assert_error(api_for(kepala).post("/processes", {"sop": "penyusunan-rkt"}), 422)

    assert detail == "Isian 'year' wajib diisi."
    assert not Process.objects.exists()


def test_a_field_of_the_wrong_type_is_named(kepala, today, api_for):
    body = {"sop": "penyusunan-rkt", "year": "dua ribu dua enam"}

    detail = assert_error(api_for(kepala).post("/processes", body), 422)

    assert detail == "Isian 'year' harus berupa bilangan bulat."


def test_a_bad_date_is_named(kepala, today, api_for):
    body = {"sop": "penyusunan-rkt", "year": 2026, "start_date": "01-08-2025"}

    detail = assert_error(api_for(kepala).post("/processes", body), 422)

    assert "'start_date'" in detail and "TTTT-BB-HH" in detail


def test_a_body_that_is_not_an_object_is_refused(kepala, today, api_for):
    detail = assert_error(api_for(kepala).raw("post", "/processes", "[1, 2]"), 422)

    assert "'sop'" in detail
    assert not Process.objects.exists()


def test_several_problems_are_reported_together(kepala, today, api_for):
    detail = assert_error(api_for(kepala).post("/processes", {"year": "x"}), 422)

    assert "'sop'" in detail and "'year'" in detail


def test_a_bad_path_parameter_is_named(kepala, demo, api_for):
    detail = assert_error(api_for(kepala).get("/processes/abc"), 422)

    assert "'process_id'" in detail


def test_a_bad_body_on_complete_changes_nothing(process, kepala, api_for):
    task = open_task(process, 1)

    response = api_for(kepala).post(f"/tasks/{task.pk}/complete", {"note": ["a", "b"]})

    assert assert_error(response, 422) == "Isian 'note' harus berupa teks."
    assert Task.objects.get(pk=task.pk).status == "open"


def test_an_unknown_address_under_the_api_is_a_json_404(kepala, api_for):
    assert assert_error(api_for(kepala).get("/tidak/ada"), 404) == "Tidak ditemukan."


def test_a_wrong_method_is_a_json_405(kepala, api_for):
    response = api_for(kepala).delete("/sops")

    assert_error(response, 405)
    assert response["Allow"] == "GET"


def test_a_missing_token_is_a_json_401(demo, anonymous_api):
    response = anonymous_api.get("/tasks")

    assert assert_error(response, 401) == "Token tidak valid atau sudah dicabut."
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_unexpected_failure_is_a_json_500(kepala, today, api_for, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(engine, "start_process", broken)

    response = api_for(kepala).post("/processes", {"sop": "penyusunan-rkt", "year": 2026})

    detail = assert_error(response, 500)
    assert "fire" not in detail
