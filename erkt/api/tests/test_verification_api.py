"""GET /api/v1/verifikasi/{code}: the verification page's facts as JSON, without login."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from erkt.documents.services import issue
from erkt.documents.signing.facts import NATIONAL_VERIFIER_URL
from erkt.documents.tests import conftest as documents_fixtures
from erkt.documents.tests.conftest import NOTA
from erkt.documents.tests.signing_helpers import signed_nota
from erkt.documents.tests.timestamp_helpers import TSA_NAME, TSA_TIME, timestamped_nota

pytestmark = pytest.mark.django_db
nota_snapshot = documents_fixtures.nota_snapshot  # the test document of the documents app


def get(code: str, **headers):
    return Client().get(f"/api/v1/verifikasi/{code}", **headers)


@pytest.fixture
def signed(demo, kepala, kepala_certificate, nota_snapshot):
    return signed_nota(demo, nota_snapshot, kepala)


def test_anyone_reads_the_facts_of_a_signed_document_without_a_token(
    signed, kepala_certificate, nota_snapshot
):
    response = get(signed.code)
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["title"], body["status"]) == (signed.code, signed.title, "digital")
    signature = body["signature"]
    printed = nota_snapshot["signature"]
    assert signature["signer"] == {
        "name": printed["name"],
        "nip": printed["nip"],
        "jabatan": printed["jabatan"],
    }
    certificate = signature["certificate"]
    assert certificate["serial"] == kepala_certificate.serial
    assert certificate["issuer"] == "e-RKT Demo CA"
    assert certificate["trusted"] and certificate["valid_at_signing"]
    not_after = datetime.datetime.fromisoformat(certificate["not_after"])
    assert not_after == kepala_certificate.not_after
    assert not_after.utcoffset() == datetime.timedelta(hours=8)  # WITA, the office's zone
    assert signature["time_source"] == "server" and signature["timestamp_authority"] == ""
    assert signature["unchanged"] and signature["valid"]
    assert body["pdf_sha256"] == signed.pdf_sha256
    assert body["national_verifier"] == NATIONAL_VERIFIER_URL


def test_a_bearer_token_is_not_needed_and_a_wrong_one_does_not_matter(signed):
    assert get(signed.code, HTTP_AUTHORIZATION="Bearer salah").status_code == 200


def test_a_timestamped_signature_gives_the_authority_and_its_time(
    demo, kepala, kepala_certificate, nota_snapshot
):
    document = timestamped_nota(demo, nota_snapshot, kepala)
    signature = get(document.code).json()["signature"]
    assert signature["time_source"] == "tsa"
    assert signature["timestamp_authority"] == TSA_NAME and signature["timestamp_valid"]
    assert datetime.datetime.fromisoformat(signature["signed_at"]) == TSA_TIME


def test_an_unsigned_document_answers_its_issued_files(demo, kepala, nota_snapshot):
    document = issue(
        kind=NOTA, key="n", title="Nota", snapshot=nota_snapshot, organization=demo, by=kepala
    )
    body = get(document.code).json()
    assert body["status"] == "unsigned" and body["signature"] is None


def test_an_unknown_code_is_a_json_404(db):
    response = get("tidak-ada")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content) == {"detail": "Tidak ditemukan."}


def test_the_openapi_document_declares_it_public_with_its_404(db):
    document = Client().get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/verifikasi/{code}"]["get"]
    assert not operation.get("security")
    assert {"200", "404"} <= set(operation["responses"])
    assert "401" not in operation["responses"] and "403" not in operation["responses"]
