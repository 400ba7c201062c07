import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EXPECTED_PATHS = {
    "/api/v1/auth/token": {"post", "delete"},
    "/api/v1/auth/tokens": {"get"},
    "/api/v1/auth/tokens/{token_id}": {"delete"},
    "/api/v1/sops": {"get"},
    "/api/v1/sops/{code}": {"get"},
    "/api/v1/processes": {"get", "post"},
    "/api/v1/processes/{process_id}": {"get"},
    "/api/v1/processes/{process_id}/cancel": {"post"},
    "/api/v1/processes/{process_id}/revise": {"post"},
    "/api/v1/processes/{process_id}/suspend": {"post"},
    "/api/v1/processes/{process_id}/resume": {"post"},
    "/api/v1/processes/{process_id}/berkas": {"get", "post"},
    "/api/v1/tasks": {"get"},
    "/api/v1/tasks/{task_id}": {"get"},
    "/api/v1/tasks/{task_id}/attachments": {"post"},
    "/api/v1/tasks/{task_id}/attachments/{attachment_id}": {"get", "delete"},
    "/api/v1/tasks/{task_id}/complete": {"post"},
    "/api/v1/tasks/{task_id}/claim": {"post"},
    "/api/v1/tasks/{task_id}/unclaim": {"post"},
    "/api/v1/tasks/{task_id}/withdraw": {"post"},
    "/api/v1/tasks/{task_id}/reassign": {"post"},
    "/api/v1/tasks/{task_id}/eligible": {"get"},
    "/api/v1/renstra": {"get"},
    "/api/v1/renstra/{renstra_id}": {"get"},
    "/api/v1/processes/{process_id}/disposisi": {"get", "put"},
    "/api/v1/processes/{process_id}/rencana": {"get", "put"},
    "/api/v1/processes/{process_id}/sosialisasi": {"get", "put"},
    "/api/v1/processes/{process_id}/sosialisasi/kehadiran": {"put"},
    "/api/v1/processes/{process_id}/forms": {"get"},
    "/api/v1/forms/{form_id}": {"get"},
    "/api/v1/forms/{form_id}/rows": {"put"},
    "/api/v1/forms/{form_id}/submit": {"post"},
    "/api/v1/forms/{form_id}/return": {"post"},
    "/api/v1/processes/{process_id}/drafts": {"get", "post"},
    "/api/v1/processes/{process_id}/diff": {"get"},
    "/api/v1/drafts/{draft_id}": {"get"},
    "/api/v1/drafts/{draft_id}/corrections": {"get", "post"},
    "/api/v1/drafts/{draft_id}/corrections/sesuai": {"post"},
    "/api/v1/corrections/{correction_id}": {"delete"},
    "/api/v1/processes/{process_id}/documents": {"get"},
    "/api/v1/documents/{document_id}/{fmt}": {"get"},
    "/api/v1/monitoring": {"get"},
    "/api/v1/verifikasi/{code}": {"get"},
}


def openapi() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_openapi_json_describing_every_endpoint():
    schema = openapi()

    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "e-RKT API"
    paths = {path: set(operations) for path, operations in schema["paths"].items()}
    assert paths == EXPECTED_PATHS


def test_every_endpoint_but_the_token_request_and_the_verification_requires_the_bearer_token():
    schema = openapi()

    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    open_operations = [
        (path, method)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("security")
    ]
    assert sorted(open_operations) == [
        ("/api/v1/auth/token", "post"),
        ("/api/v1/verifikasi/{code}", "get"),
    ]


def test_the_complete_body_documents_the_decision_values():
    schema = openapi()["components"]["schemas"]["TaskComplete"]["properties"]

    assert {"note", "decision", "on_behalf_reason"} <= set(schema)
    assert "tidak" in json.dumps(schema["decision"])


def test_the_interactive_docs_are_served_without_a_cdn():
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content
    assert b"cdn.jsdelivr" not in response.content
