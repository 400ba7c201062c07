import datetime

import pytest

from erkt.api.tests.helpers import START, advance_to, assert_error, at
from erkt.workflow.models import Process, Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_step_actions")]

D = datetime.date
BODY = {"sop": "penyusunan-rkt", "year": 2026, "start_date": "2025-08-01"}


def test_the_kepala_starts_a_process(kepala, today, api_for):
    response = api_for(kepala).post("/processes", BODY)

    assert response.status_code == 201
    body = response.json()
    assert Process.objects.get().pk == body["id"]
    assert {k: body[k] for k in ("sop", "year", "status", "start_date")} == {
        "sop": "penyusunan-rkt",
        "year": 2026,
        "status": "running",
        "start_date": "2025-08-01",
    }
    # 23 working days: 4-8, 11-15, 19-22 (18 August is cuti bersama), 25-29 August, 1-4 September.
    assert body["planned_end"] == "2025-09-04"
    assert [s["number"] for s in body["steps"]] == list(range(1, 12))
    first = body["steps"][0]
    assert first["status"] == "active" and first["passes"] == 1
    assert (first["opened_on"], first["due_date"]) == ("2025-08-01", "2025-08-04")
    assert first["remaining_working_days"] == 1 and first["overdue"] is False
    assert {s["status"] for s in body["steps"][1:]} == {"pending"}
    assert body["steps"][10]["planned_due"] == "2025-09-04"
    [task] = body["tasks"]
    assert (task["step"], task["position"], task["status"], task["unit"]) == (
        1,
        "Kepala Badan",
        "open",
        None,
    )


def test_the_start_date_defaults_to_today(kepala, today, api_for):
    body = api_for(kepala).post("/processes", {"sop": "penyusunan-rkt", "year": 2026}).json()

    assert body["start_date"] == "2025-08-01"


def test_only_the_kepala_starts_a_process(sekretaris, today, api_for):
    detail = assert_error(api_for(sekretaris).post("/processes", BODY), 403)

    assert "Kepala Badan" in detail
    assert not Process.objects.exists()


def test_an_administrator_starts_one_for_the_kepala_with_a_reason(administrator, today, api_for):
    api = api_for(administrator)

    assert_error(api.post("/processes", BODY), 422)
    assert not Process.objects.exists()

    response = api.post("/processes", {**BODY, "on_behalf_reason": "Kepala sedang dinas luar"})
    assert response.status_code == 201


def test_a_second_running_process_for_the_year_is_a_conflict(process, kepala, api_for):
    assert_error(api_for(kepala).post("/processes", BODY), 409)

    assert Process.objects.count() == 1


def test_a_completed_year_cannot_be_started_again(process, kepala, api_for):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.COMPLETED)
    assert_error(api_for(kepala).post("/processes", BODY), 409)
    assert Process.objects.count() == 1


def test_a_start_date_in_the_future_is_refused(kepala, today, api_for):
    assert_error(api_for(kepala).post("/processes", {**BODY, "start_date": "2025-08-04"}), 422)

    assert not Process.objects.exists()


def test_an_unknown_sop_is_refused(kepala, today, api_for):
    detail = assert_error(api_for(kepala).post("/processes", {**BODY, "sop": "renstra"}), 422)

    assert "renstra" in detail


def test_the_kepala_of_another_organisation_cannot_start_our_sop(demo, stranger, today, api_for):
    assert_error(api_for(stranger).post("/processes", BODY), 422)

    assert not Process.objects.exists()


def test_every_member_follows_a_process(process, kabid_mpk, api_for):
    response = api_for(kabid_mpk).get(f"/processes/{process.pk}")

    assert response.status_code == 200
    assert response.json()["id"] == process.pk


def test_the_detail_is_what_the_schema_makes_of_it(process, kabid_mpk, api_for, time_machine):
    """The detail is written without ninja's validation (erkt.api.prebuilt): the same bytes
    as ProcessOut makes of the same process, for a unit head who sees only some tasks, with
    completed steps, their uploads and datetimes in the caller's zone (to the millisecond)."""
    import json

    from django.test import RequestFactory

    from erkt.api.prebuilt import validated
    from erkt.api.processes import get_process, process_data
    from erkt.api.schemas import ProcessOut

    time_machine.move_to(at(START).replace(second=7, microsecond=654321), tick=False)
    advance_to(process, 5)
    response = api_for(kabid_mpk).get(f"/processes/{process.pk}")
    body = response.json()
    assert body["steps"][0]["completed_at"] == "2025-08-01T09:00:07.654+08:00"
    assert body["tasks"][0]["attachments"][0]["uploaded_at"] == "2025-08-01T09:00:07.654+08:00"
    request = RequestFactory().get("/")
    request.user = kabid_mpk
    data = process_data(get_process(request, process.pk), kabid_mpk, reread=False)
    assert response.content.decode() == json.dumps(validated(ProcessOut, data, request))


def test_another_organisations_process_is_not_found(process, stranger, api_for):
    assert_error(api_for(stranger).get(f"/processes/{process.pk}"), 404)


def test_an_unknown_process_is_not_found(process, kepala, api_for):
    assert_error(api_for(kepala).get(f"/processes/{process.pk + 1}"), 404)


def test_it_requires_a_token(process, anonymous_api):
    assert_error(anonymous_api.get(f"/processes/{process.pk}"), 401)


def test_a_late_step_shows_overdue_with_negative_remaining_days(
    process, kepala, api_for, time_machine
):
    # Due Monday 4 August; Wednesday 6 August is two working days late.
    time_machine.move_to(at(D(2025, 8, 6)), tick=False)

    step = api_for(kepala).get(f"/processes/{process.pk}").json()["steps"][0]

    assert step["overdue"] is True
    assert step["remaining_working_days"] == -2


def test_it_lists_the_organisations_processes(process, tim2, api_for):
    api = api_for(tim2)

    [listed] = api.get("/processes").json()
    assert (listed["id"], listed["status"], listed["year"]) == (process.pk, "running", 2026)
    assert api.get("/processes", status="running", year=2026).json() == [listed]
    assert api.get("/processes", status="completed").json() == []
    assert api.get("/processes", sop="renstra").json() == []


def test_the_list_is_what_the_schema_makes_of_it(process, demo, kepala, api_for):
    """The list is written without ninja's validation (erkt.api.prebuilt): the same bytes
    as ProcessSummary makes of the same processes, a completion time in the caller's zone,
    filtered or not."""
    import json

    from django.test import RequestFactory

    from erkt.api.prebuilt import validated
    from erkt.api.processes import process_summary
    from erkt.api.schemas import ProcessSummary
    from erkt.workflow.tests.page_helpers import start

    start(demo, kepala, year=2027)
    Process.objects.filter(pk=process.pk).update(
        status=Process.Status.COMPLETED,
        completed_at=datetime.datetime(2025, 9, 30, 23, 15, 9, 876543, tzinfo=datetime.UTC),
    )
    request = RequestFactory().get("/")
    request.user = kepala
    api = api_for(kepala)
    for query in ({}, {"status": "completed"}, {"year": 2027}):
        response = api.get("/processes", **query)
        data = [process_summary(p) for p in Process.objects.filter(organization=demo, **query)]
        assert response.content.decode() == json.dumps(
            validated(list[ProcessSummary], data, request)
        )
    assert [p["completed_at"] for p in api.get("/processes").json()] == [
        None,
        "2025-10-01T07:15:09.876+08:00",
    ]


def test_the_list_is_scoped_to_the_organisation(process, stranger, api_for):
    assert api_for(stranger).get("/processes").json() == []


def test_a_bad_status_filter_is_refused(process, kepala, api_for):
    detail = assert_error(api_for(kepala).get("/processes", status="selesai"), 422)

    assert detail == "Isian 'status' harus salah satu dari: running, completed atau cancelled."


def test_the_kepala_cancels_a_process_with_a_reason(process, kepala, api_for):
    response = api_for(kepala).post(
        f"/processes/{process.pk}/cancel", {"reason": "Diganti proses baru"}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["cancel_reason"]) == ("cancelled", "Diganti proses baru")
    assert [t["status"] for t in body["tasks"]] == ["cancelled"]


def test_cancelling_without_a_reason_is_refused(process, kepala, api_for):
    detail = assert_error(
        api_for(kepala).post(f"/processes/{process.pk}/cancel", {"reason": " "}), 422
    )

    assert "Alasan" in detail
    process.refresh_from_db()
    assert process.status == Process.Status.RUNNING


def test_only_the_kepala_cancels(process, sekretaris, api_for):
    assert_error(api_for(sekretaris).post(f"/processes/{process.pk}/cancel", {"reason": "x"}), 403)

    process.refresh_from_db()
    assert process.is_running


def test_another_organisation_cannot_cancel(process, stranger, api_for):
    assert_error(api_for(stranger).post(f"/processes/{process.pk}/cancel", {"reason": "x"}), 404)

    process.refresh_from_db()
    assert process.is_running


def test_cancelling_twice_is_a_conflict(process, kepala, api_for):
    api = api_for(kepala)
    api.post(f"/processes/{process.pk}/cancel", {"reason": "Salah tahun"})

    assert_error(api.post(f"/processes/{process.pk}/cancel", {"reason": "Lagi"}), 409)


def test_the_detail_shows_per_unit_tasks_with_their_units(process, kepala, api_for):
    advance_to(process, 4)

    body = api_for(kepala).get(f"/processes/{process.pk}").json()

    units = [t["unit"] for t in body["tasks"] if t["step"] == 4]
    assert units == ["PERENCANAAN", "UMPEG", "PPIK", "PSDM", "MPK"]
    done = [t for t in body["tasks"] if t["status"] == "done"]
    assert [t["completed_by"] for t in done] == [
        "kepala",
        "kasubbag.perencanaan",
        "kasubbag.perencanaan",
    ]
    assert all(t["completed_at"].endswith("+08:00") for t in done)
    assert all(t["attachments"][0]["uploaded_at"].endswith("+08:00") for t in done)
    assert Task.objects.filter(process=process, status="open").count() == 5
