import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from erkt.api.tests.helpers import START, advance_to, assert_error, at, open_task, output_file
from erkt.org.models import Employee
from erkt.workflow.models import Attachment, Task

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_step_actions")]


def upload(api, task: Task, name: str = "disposisi.pdf"):
    return api.upload(f"/tasks/{task.pk}/attachments", {"file": output_file(name)})


def assert_unchanged(task: Task) -> None:
    stored = Task.objects.get(pk=task.pk)
    assert (stored.status, stored.completed_by_id, stored.decision, stored.note) == (
        "open",
        None,
        "",
        "",
    )


# --- the work list --------------------------------------------------------------------------


def test_the_list_holds_the_callers_open_tasks(process, kepala, api_for):
    response = api_for(kepala).get("/tasks")

    assert response.status_code == 200
    [task] = response.json()
    assert task["process"] == process.pk
    assert task["step"] == 1
    assert task["uraian"].startswith("Disposisi kepada Kasubbag Perencanaan")
    assert (task["status"], task["due_date"], task["overdue"]) == ("open", "2025-08-04", False)


def test_the_list_is_empty_for_someone_without_open_tasks(process, sekretaris, stranger, api_for):
    assert api_for(sekretaris).get("/tasks").json() == []
    assert api_for(stranger).get("/tasks").json() == []


def test_each_unit_head_sees_only_the_task_of_their_unit(process, kabid_psdm, api_for):
    advance_to(process, 4)

    [task] = api_for(kabid_psdm).get("/tasks").json()

    assert (task["step"], task["unit"]) == (4, "PSDM")


def test_a_claimed_lane_task_leaves_the_other_holders_list(process, tim1, tim2, api_for):
    advance_to(process, 5)
    api1, api2 = api_for(tim1), api_for(tim2)
    [task] = api2.get("/tasks").json()

    api1.post(f"/tasks/{task['id']}/claim")

    assert api2.get("/tasks").json() == []
    assert [t["id"] for t in api1.get("/tasks").json()] == [task["id"]]


def test_the_list_is_what_the_schema_makes_of_it(process, tim1, api_for, time_machine):
    """The list is written without ninja's validation (erkt.api.prebuilt): the same bytes
    as TaskOut makes of the same tasks, an upload's time in the caller's zone (to the
    millisecond) included."""
    import json

    from django.test import RequestFactory

    from erkt.api.prebuilt import validated
    from erkt.api.schemas import TaskOut
    from erkt.api.tasks import task_data
    from erkt.workflow.pages import open_tasks_for

    advance_to(process, 5)
    api = api_for(tim1)
    task = Task.objects.get(process=process, status="open")
    api.post(f"/tasks/{task.pk}/claim")
    time_machine.move_to(at(START).replace(second=7, microsecond=654321), tick=False)
    assert upload(api, task).status_code == 201

    response = api.get("/tasks")
    [listed] = response.json()
    assert listed["claimed_by"] == tim1.employee.full_name
    assert listed["attachments"][0]["uploaded_at"] == "2025-08-01T09:00:07.654+08:00"
    request = RequestFactory().get("/")
    request.user = tim1
    data = [task_data(task) for task in open_tasks_for(tim1)]
    expected = json.dumps(validated(list[TaskOut], data, request))
    assert response.content.decode() == expected


def test_one_task_is_shown_to_members_and_not_to_other_organisations(
    process, kabid_mpk, stranger, api_for
):
    task = open_task(process, 1)

    assert api_for(kabid_mpk).get(f"/tasks/{task.pk}").json()["id"] == task.pk
    assert_error(api_for(stranger).get(f"/tasks/{task.pk}"), 404)


# --- attachments ----------------------------------------------------------------------------


def test_the_assignee_uploads_an_output_file(process, kepala, api_for):
    task = open_task(process, 1)

    response = upload(api_for(kepala), task)

    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["uploaded_by"]) == ("disposisi.pdf", "kepala")
    assert body["uploaded_at"].endswith("+08:00")
    assert task.attachments.get().original_name == "disposisi.pdf"


def test_someone_else_cannot_upload(process, sekretaris, api_for):
    task = open_task(process, 1)

    assert_error(upload(api_for(sekretaris), task), 403)

    assert not Attachment.objects.exists()


def test_another_organisation_cannot_upload(process, stranger, api_for):
    assert_error(upload(api_for(stranger), open_task(process, 1)), 404)

    assert not Attachment.objects.exists()


def test_an_upload_without_a_file_is_refused(process, kepala, api_for):
    task = open_task(process, 1)

    detail = assert_error(api_for(kepala).upload(f"/tasks/{task.pk}/attachments", {}), 422)

    assert "file" in detail


def test_an_empty_file_is_refused(process, kepala, api_for):
    task = open_task(process, 1)
    empty = SimpleUploadedFile("kosong.pdf", b"", content_type="application/pdf")

    assert_error(api_for(kepala).upload(f"/tasks/{task.pk}/attachments", {"file": empty}), 422)

    assert not Attachment.objects.exists()


def test_members_download_an_output_and_other_organisations_cannot(
    process, kepala, sekretaris, stranger, api_for
):
    task = open_task(process, 1)
    attachment_id = upload(api_for(kepala), task).json()["id"]
    path = f"/tasks/{task.pk}/attachments/{attachment_id}"

    response = api_for(sekretaris).get(path)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 output e-RKT"
    assert 'filename="disposisi.pdf"' in response["Content-Disposition"]
    assert_error(api_for(stranger).get(path), 404)


def test_the_assignee_removes_a_wrong_upload(process, kepala, api_for):
    task = open_task(process, 1)
    api = api_for(kepala)
    attachment_id = upload(api, task, "salah.pdf").json()["id"]

    response = api.delete(f"/tasks/{task.pk}/attachments/{attachment_id}")

    assert response.status_code == 204
    assert not task.attachments.exists()


# --- completing -----------------------------------------------------------------------------


def test_the_assignee_completes_a_task_with_its_output(process, kepala, api_for):
    task = open_task(process, 1)
    api = api_for(kepala)
    upload(api, task)

    response = api.post(f"/tasks/{task.pk}/complete", {"note": "Segera disusun"})

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["completed_by"], body["note"]) == (
        "done",
        "kepala",
        "Segera disusun",
    )
    assert body["completed_at"].startswith("2025-08-01T09:00:00")
    assert body["completed_at"].endswith("+08:00")
    assert open_task(process, 2).position.title == "Kepala Subbagian Perencanaan"


def test_the_completed_task_is_what_the_schema_makes_of_it(process, kepala, api_for):
    """The answer is written without ninja's validation (erkt.api.prebuilt): the same bytes
    as TaskOut makes of the same task, its note and file name with markup included."""
    import json

    from django.test import RequestFactory

    from erkt.api.prebuilt import validated
    from erkt.api.schemas import TaskOut
    from erkt.api.tasks import task_data

    task = open_task(process, 1)
    api = api_for(kepala)
    assert upload(api, task, "<script>x</script>.pdf").status_code == 201

    response = api.post(f"/tasks/{task.pk}/complete", {"note": "<script>alert(1)</script>"})

    assert response.status_code == 200
    assert response.json()["note"] == "<script>alert(1)</script>"
    request = RequestFactory().post("/")
    request.user = kepala
    expected = json.dumps(validated(TaskOut, task_data(Task.objects.get(pk=task.pk)), request))
    assert response.content.decode() == expected


def test_completing_without_the_output_is_refused(process, kepala, api_for):
    task = open_task(process, 1)

    detail = assert_error(api_for(kepala).post(f"/tasks/{task.pk}/complete", {}), 422)

    assert "Disposisi" in detail
    assert_unchanged(task)


def test_completing_someone_elses_task_is_forbidden(process, kepala, sekretaris, api_for):
    task = open_task(process, 1)
    upload(api_for(kepala), task)

    assert_error(api_for(sekretaris).post(f"/tasks/{task.pk}/complete", {}), 403)

    assert_unchanged(task)


def test_completing_another_organisations_task_is_not_found(process, kepala, stranger, api_for):
    task = open_task(process, 1)
    upload(api_for(kepala), task)

    assert_error(api_for(stranger).post(f"/tasks/{task.pk}/complete", {}), 404)

    assert_unchanged(task)


def test_completing_twice_is_a_conflict(process, kepala, api_for):
    task = open_task(process, 1)
    api = api_for(kepala)
    upload(api, task)
    api.post(f"/tasks/{task.pk}/complete", {"note": "pertama"})

    assert_error(api.post(f"/tasks/{task.pk}/complete", {"note": "kedua"}), 409)

    assert Task.objects.get(pk=task.pk).note == "pertama"


def test_a_decision_on_a_process_step_is_refused(process, kepala, api_for):
    task = open_task(process, 1)
    api = api_for(kepala)
    upload(api, task)

    assert_error(api.post(f"/tasks/{task.pk}/complete", {"decision": "ya"}), 422)

    assert_unchanged(task)


@pytest.mark.parametrize("decision", ["", "mungkin"])
def test_a_decision_step_needs_ya_or_tidak(process, sekretaris, api_for, decision):
    advance_to(process, 9)
    task = open_task(process, 9)

    detail = assert_error(
        api_for(sekretaris).post(f"/tasks/{task.pk}/complete", {"decision": decision}), 422
    )

    assert "keputusan" in detail.lower()
    assert_unchanged(task)


def test_tidak_needs_the_reason(process, sekretaris, api_for):
    advance_to(process, 9)
    task = open_task(process, 9)

    detail = assert_error(
        api_for(sekretaris).post(f"/tasks/{task.pk}/complete", {"decision": "tidak", "note": "  "}),
        422,
    )

    assert "catatan" in detail
    assert_unchanged(task)


def test_tidak_with_its_reason_sends_the_draft_back_to_step_8(process, sekretaris, api_for):
    advance_to(process, 9)
    task = open_task(process, 9)

    response = api_for(sekretaris).post(
        f"/tasks/{task.pk}/complete", {"decision": "tidak", "note": "Target IKU 2 belum sesuai"}
    )

    assert response.status_code == 200
    assert response.json()["decision"] == "tidak"
    assert open_task(process, 8).return_reason == "Target IKU 2 belum sesuai"


def test_an_administrator_completes_for_the_assignee_with_a_reason(process, administrator, api_for):
    task = open_task(process, 1)
    api = api_for(administrator)
    reason = {"on_behalf_reason": "Kepala dinas luar; disposisi diterima lewat telepon"}
    api.client.post(f"/api/v1/tasks/{task.pk}/attachments", {"file": output_file(), **reason})

    assert_error(api.post(f"/tasks/{task.pk}/complete", {}), 422)
    assert_unchanged(task)

    response = api.post(f"/tasks/{task.pk}/complete", reason)
    assert response.status_code == 200
    body = response.json()
    assert (body["completed_by"], body["on_behalf_reason"]) == ("admin", reason["on_behalf_reason"])


# --- claim, unclaim, reassign ---------------------------------------------------------------


@pytest.fixture
def lane_task(process) -> Task:
    """Step 5, a task of the Tim Perencanaan lane held by tim1 and tim2."""
    advance_to(process, 5)
    return open_task(process, 5)


def test_a_holder_claims_a_lane_task(lane_task, tim1, api_for):
    response = api_for(tim1).post(f"/tasks/{lane_task.pk}/claim")

    assert response.status_code == 200
    assert response.json()["claimed_by"] == "Nurul Hikmah, S.E."


def test_the_other_holder_cannot_complete_or_claim_a_claimed_task(lane_task, tim1, tim2, api_for):
    api_for(tim1).post(f"/tasks/{lane_task.pk}/claim")
    api2 = api_for(tim2)

    assert_error(api2.post(f"/tasks/{lane_task.pk}/claim"), 409)
    assert_error(upload(api2, lane_task), 403)
    assert_error(api2.post(f"/tasks/{lane_task.pk}/complete", {}), 403)
    assert_unchanged(lane_task)


def test_someone_outside_the_lane_cannot_claim(lane_task, kabid_ppik, api_for):
    assert_error(api_for(kabid_ppik).post(f"/tasks/{lane_task.pk}/claim"), 403)

    assert Task.objects.get(pk=lane_task.pk).claimed_by is None


def test_the_claimant_releases_the_task(lane_task, tim1, api_for):
    api = api_for(tim1)
    api.post(f"/tasks/{lane_task.pk}/claim")

    response = api.post(f"/tasks/{lane_task.pk}/unclaim")

    assert response.status_code == 200
    assert response.json()["claimed_by"] is None


def test_the_kasubbag_perencanaan_reassigns_a_lane_task(
    lane_task, tim1, kasubbag_perencanaan, api_for
):
    api_for(tim1).post(f"/tasks/{lane_task.pk}/claim")
    api = api_for(kasubbag_perencanaan)
    eligible = api.get(f"/tasks/{lane_task.pk}/eligible").json()
    assert sorted(e["name"] for e in eligible) == [
        "Ahmad Syarifuddin, S.A.P.",
        "Nurul Hikmah, S.E.",
    ]
    tim2_id = Employee.objects.get(user__username="tim2").pk

    response = api.post(f"/tasks/{lane_task.pk}/reassign", {"employee": tim2_id})

    assert response.status_code == 200
    assert response.json()["claimed_by"] == "Ahmad Syarifuddin, S.A.P."


def test_reassigning_to_someone_outside_the_lane_is_refused(
    lane_task, kasubbag_perencanaan, api_for
):
    kabid = Employee.objects.get(user__username="kabid.ppik").pk

    assert_error(
        api_for(kasubbag_perencanaan).post(f"/tasks/{lane_task.pk}/reassign", {"employee": kabid}),
        422,
    )

    assert Task.objects.get(pk=lane_task.pk).claimed_by is None


def test_reassigning_to_another_organisations_employee_is_refused(
    lane_task, kasubbag_perencanaan, stranger, api_for
):
    assert_error(
        api_for(kasubbag_perencanaan).post(
            f"/tasks/{lane_task.pk}/reassign", {"employee": stranger.employee.pk}
        ),
        422,
    )


def test_only_the_kasubbag_perencanaan_reassigns(lane_task, tim1, api_for):
    tim2_id = Employee.objects.get(user__username="tim2").pk

    assert_error(api_for(tim1).post(f"/tasks/{lane_task.pk}/reassign", {"employee": tim2_id}), 403)

    assert Task.objects.get(pk=lane_task.pk).claimed_by is None
