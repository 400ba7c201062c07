"""POST /processes/{id}/revise: a Perubahan RKT of a signed, archived year."""

import pytest

from erkt.api.tests.helpers import assert_error
from erkt.workflow.models import Process

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_step_actions")]

BODY = {"sop": "penyusunan-rkt", "year": 2026, "start_date": "2025-08-01"}


@pytest.fixture
def signed(kepala, today, api_for) -> int:
    process_id = api_for(kepala).post("/processes", BODY).json()["id"]
    Process.objects.filter(pk=process_id).update(status=Process.Status.COMPLETED)
    return process_id


def test_the_kepala_starts_a_revision(kepala, signed, api_for):
    response = api_for(kepala).post(f"/processes/{signed}/revise", {"reason": "APBD Perubahan"})
    assert response.status_code == 201
    body = response.json()
    assert (body["year"], body["revision"], body["revision_reason"]) == (2026, 1, "APBD Perubahan")
    assert body["status"] == "running"


def test_a_revision_without_a_reason_is_refused(kepala, signed, api_for):
    assert_error(api_for(kepala).post(f"/processes/{signed}/revise", {"reason": ""}), 422)
    assert Process.objects.count() == 1


def test_a_revision_by_the_sekretaris_is_refused(sekretaris, signed, api_for):
    response = api_for(sekretaris).post(f"/processes/{signed}/revise", {"reason": "x"})
    assert_error(response, 403)
    assert Process.objects.count() == 1


def test_a_plain_restart_stays_refused(kepala, signed, api_for):
    assert_error(api_for(kepala).post("/processes", BODY), 409)
