"""The API keeps the contract its OpenAPI document states (issue 9, "The API contract").

schemathesis reads /api/v1/openapi.json, generates requests for every operation (valid and
invalid ones, with a fixed seed) and sends them to the Django WSGI application as two people
of the demo office: the Kepala Badan and a Kabid. No answer may be a server error, and every
answer must match the status codes and the response schema the document declares.

The run starts from an RKT process at step 4 (every unit's Form RKT open), so that the
preparation records, the forms and the tasks exist and are answered, not only 404s.
`DELETE /auth/token` is left out: it revokes the very token the run authenticates with.
"""

from __future__ import annotations

import json
import re

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

from erkt.api.tests.helpers import at
from erkt.api.tests.rkt.helpers import START, YEAR
from erkt.api.tokens import issue_token
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.models import Renstra
from erkt.rkt.preparation.steps import DISPOSISI, RENCANA, SOSIALISASI
from erkt.rkt.tests.preparation_helpers import (
    complete,
    hold_meeting,
    record_disposisi,
    record_rencana,
)
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process

# Generated examples per operation and per person: with 46 operations and two people about
# 370 requests, to which the coverage phase adds the boundary and invalid values of every
# parameter (about 2,300 requests in all, half a minute of CPU).
EXAMPLES_PER_OPERATION = 4
SEED = 20270101
CONFIG = {
    "seed": SEED,
    "generation": {
        "max-examples": EXAMPLES_PER_OPERATION,
        "deterministic": True,
        "database": "none",
    },
    # The coverage phase still sends the boundary and invalid values of every parameter; the
    # methods no path has (405) are left out, they all meet the same code.
    "phases": {"coverage": {"unexpected-methods": []}, "stateful": {"enabled": False}},
}
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def process(demo, kepala, time_machine):
    """The RKT process of the demo office at step 4: every unit's Form RKT is open."""
    time_machine.move_to(at(START))
    load_demo_renstra(demo)
    process = engine.start_process(
        sop=Sop.objects.get(organization=demo, code="penyusunan-rkt"), year=YEAR, by=kepala
    )
    record_disposisi(process)
    complete(process, DISPOSISI)
    record_rencana(process)
    complete(process, RENCANA)
    hold_meeting(process)
    complete(process, SOSIALISASI)
    return process


@pytest.fixture(params=["kepala", "kabid.ppik"])
def person(request, process):
    return process.organization.employees.get(user__username=request.param).user


def known_objects(process: Process) -> dict:
    """Most requests name the process, its forms, tasks, the Renstra and the SOP that exist;
    the rest name generated (mostly unknown) ids."""
    ids = {
        "process_id": [process.pk],
        "form_id": list(process.unit_forms.values_list("pk", flat=True)),
        "task_id": list(process.tasks.values_list("pk", flat=True)),
        "renstra_id": list(Renstra.objects.values_list("pk", flat=True)),
        "code": [process.sop.code],
    }
    return {
        "dictionaries": {name: {"values": values} for name, values in ids.items()},
        "parameters": {f"path.{name}": {"dictionary": name, "probability": 0.8} for name in ids},
    }


@pytest.fixture
def bearer(person) -> dict[str, str]:
    _token, secret = issue_token(person, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def in_process_app():
    """Django's WSGI application inside the test's transaction.

    Like Django's test client, it keeps the connection open between requests: closing it
    would end the transaction that holds the demo office.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(request, in_process_app, process, person):
    # schemathesis 4.32 names each operation's subtest through `Node._nodeid`, which pytest 9.2
    # no longer has: give it the attribute it expects.
    request.node._nodeid = request.node.nodeid
    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json",
        in_process_app,
        config=SchemathesisConfig.from_dict({**CONFIG, **known_objects(process)}),
    )


# Revoking the token in use would answer every later request with 401.
schema = schemathesis.pytest.from_fixture("api_schema").exclude(
    method="DELETE", path="/api/v1/auth/token"
)


@schema.parametrize()
def test_every_answer_keeps_the_documented_contract(case, bearer):
    case.call_and_validate(headers=bearer, checks=CHECKS)


# --- What the document declares -----------------------------------------------------------


def operations() -> tuple[list[tuple[str, str, dict]], dict]:
    """Every (path, method, operation) of the OpenAPI document, and the document."""
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    return [
        (path, method, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ], document


def error_schema(document: dict, operation: dict, code: int) -> dict:
    reference = operation["responses"][str(code)]["content"]["application/json"]["schema"]
    return document["components"]["schemas"][reference["$ref"].rsplit("/", 1)[1]]


@pytest.mark.django_db
def test_every_operation_declares_the_errors_its_inputs_can_cause():
    listed, document = operations()

    missing = []
    for path, method, operation in listed:
        expected = set()
        if operation.get("security"):
            expected.add(401)
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            expected.add(404)
        if "requestBody" in operation:
            expected |= {400, 413, 422}
        declared = {int(code) for code in operation["responses"]}
        missing += [(method, path, code) for code in sorted(expected - declared)]
        for code in declared & expected:
            assert error_schema(document, operation, code)["required"] == ["detail"]
    assert missing == []


@pytest.mark.django_db
def test_the_error_answers_are_a_detail_message():
    listed, document = operations()
    operation = next(o for p, _m, o in listed if p.endswith("/tasks/{task_id}"))

    schema = error_schema(document, operation, 404)

    assert schema["properties"]["detail"]["type"] == "string"
    assert set(schema["properties"]) == {"detail"}


@pytest.mark.django_db
def test_the_token_request_declares_a_wrong_password_and_too_many_attempts():
    listed, _document = operations()
    operation = next(o for p, m, o in listed if p == "/api/v1/auth/token" and m == "post")

    assert {"201", "401", "422", "429"} <= set(operation["responses"])


@pytest.mark.django_db
def test_the_writes_of_the_workflow_declare_refusal_and_conflict():
    listed, _document = operations()
    writes = [
        (m, p, o) for p, m, o in listed if m in {"post", "put", "delete"} and "/auth/" not in p
    ]

    assert writes
    assert [(m, p) for m, p, o in writes if not {"403", "409"} <= set(o["responses"])] == []


@pytest.mark.django_db
def test_the_meeting_time_is_declared_as_the_local_time_it_is_written_in():
    _listed, document = operations()
    schemas = document["components"]["schemas"]

    for name in ("RapatIn", "RapatOut"):
        waktu = schemas[name]["properties"]["waktu"]
        # JSON Schema's format "time" demands an offset such as "09:30:00+08:00".
        assert "format" not in waktu
        assert re.fullmatch(waktu["pattern"], "09:30:00")
        assert re.fullmatch(waktu["pattern"], "09:30")
        assert not re.fullmatch(waktu["pattern"], "25:00")


def test_an_account_outside_every_organisation_gets_the_declared_404(db, api_for):
    # A superuser who is no employee: every list of an organisation's data answers 404.
    outsider = get_user_model().objects.create_user("luar", password="x", is_superuser=True)
    listed, _document = operations()
    declared = {(m, p): set(o["responses"]) for p, m, o in listed}

    for path in ("/sops", "/tasks", "/processes", "/renstra"):
        response = api_for(outsider).get(path)

        assert response.status_code == 404, (path, response.content)
        assert "404" in declared[("get", f"/api/v1{path}")]
