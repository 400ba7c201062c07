"""The seed SOP run from start to end through the API only, each demo user with a token."""

import datetime

import pytest

from erkt.api.tests.helpers import START, ApiClient, at, output_file
from erkt.audit.verify import verify_chain
from erkt.org.demo import DEMO_PASSWORD
from erkt.workflow.calendar import add_working_days

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("without_step_actions"),
    pytest.mark.database,
]

UNIT_HEADS = {
    "PERENCANAAN": "kasubbag.perencanaan",
    "UMPEG": "kasubbag.umum",
    "PPIK": "kabid.ppik",
    "PSDM": "kabid.psdm",
    "MPK": "kabid.mpk",
}
# Who does each step: the Tim Perencanaan lane is shared by tim1 and tim2.
ACTORS = {
    1: ["kepala"],
    2: ["kasubbag.perencanaan"],
    3: ["kasubbag.perencanaan"],
    4: list(UNIT_HEADS.values()),
    5: ["tim1"],
    6: ["tim2"],
    7: list(UNIT_HEADS.values()),
    8: ["kasubbag.perencanaan"],
    9: ["sekretaris"],
    10: ["kepala"],
    11: ["tim1"],
}
USERNAMES = sorted({name for names in ACTORS.values() for name in names})
KOREKSI_SEKRETARIS = "Target indikator sasaran 2 belum sesuai Renstra"
KOREKSI_KEPALA = "Anggaran sub kegiatan Bidang PSDM perlu disesuaikan"


def sign_in(username: str) -> ApiClient:
    response = ApiClient(None).post(
        "/auth/token", {"username": username, "password": DEMO_PASSWORD, "name": "uji"}
    )
    assert response.status_code == 201, response.content
    return ApiClient(response.json()["token"])


def do_step(apis, process_id, number, time_machine, *, decision="", note="") -> None:
    """Every assignee of the step finds it in their list and completes it on its due date."""
    step = apis["kepala"].get(f"/processes/{process_id}").json()["steps"][number - 1]
    assert step["status"] == "active", step
    time_machine.move_to(at(datetime.date.fromisoformat(step["due_date"]), 14), tick=False)
    for username in ACTORS[number]:
        api = apis[username]
        [task] = [t for t in api.get("/tasks").json() if t["process"] == process_id]
        assert task["step"] == number
        assert (task["overdue"], task["remaining_working_days"]) == (False, 0)
        if number in (4, 7):
            assert UNIT_HEADS[task["unit"]] == username
        if number == 6:
            assert api.post(f"/tasks/{task['id']}/claim").status_code == 200
        if not decision:
            upload = api.upload(
                f"/tasks/{task['id']}/attachments", {"file": output_file(f"langkah-{number}.pdf")}
            )
            assert upload.status_code == 201, upload.content
        body = {"note": note or f"Langkah {number} selesai", "decision": decision}
        response = api.post(f"/tasks/{task['id']}/complete", body)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "done"


def test_a_full_run_with_one_tidak_at_step_9_and_one_at_step_10(demo, time_machine):
    time_machine.move_to(at(START), tick=False)
    apis = {username: sign_in(username) for username in USERNAMES}

    started = apis["kepala"].post(
        "/processes", {"sop": "penyusunan-rkt", "year": 2026, "start_date": START.isoformat()}
    )
    assert started.status_code == 201
    process_id = started.json()["id"]
    # The 23rd working day after Friday 1 August 2025, with cuti bersama on 18 August.
    assert started.json()["planned_end"] == "2025-09-04"
    assert add_working_days(demo, START, 23) == datetime.date(2025, 9, 4)

    for number in range(1, 9):
        do_step(apis, process_id, number, time_machine)
    do_step(apis, process_id, 9, time_machine, decision="tidak", note=KOREKSI_SEKRETARIS)
    do_step(apis, process_id, 8, time_machine)
    do_step(apis, process_id, 9, time_machine, decision="ya")
    do_step(apis, process_id, 10, time_machine, decision="tidak", note=KOREKSI_KEPALA)
    do_step(apis, process_id, 8, time_machine)
    do_step(apis, process_id, 9, time_machine, decision="ya")
    do_step(apis, process_id, 10, time_machine, decision="ya")
    do_step(apis, process_id, 11, time_machine)

    process = apis["sekretaris"].get(f"/processes/{process_id}").json()
    assert process["status"] == "completed"
    assert process["planned_end"] == "2025-09-04"
    assert [s["status"] for s in process["steps"]] == ["done"] * 11
    passes = {s["number"]: s["passes"] for s in process["steps"]}
    assert passes == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 3, 9: 3, 10: 2, 11: 1}
    # Every step on time, 13 working days more for the two corrections (5 September is Maulid).
    assert process["completed_at"] == "2025-09-24T14:00:00+08:00"

    tasks = process["tasks"]
    assert {t["status"] for t in tasks} == {"done"}
    by_step = {n: [t for t in tasks if t["step"] == n] for n in range(1, 12)}
    assert [t["decision"] for t in by_step[9]] == ["tidak", "ya", "ya"]
    assert [t["decision"] for t in by_step[10]] == ["tidak", "ya"]
    assert [t["return_reason"] for t in by_step[8]] == ["", KOREKSI_SEKRETARIS, KOREKSI_KEPALA]
    for number in (4, 7):
        assert {t["unit"]: t["completed_by"] for t in by_step[number]} == UNIT_HEADS
    assert [t["completed_by"] for n in (5, 6, 11) for t in by_step[n]] == ["tim1", "tim2", "tim1"]
    decisions = [t for t in tasks if t["step"] in (9, 10)]
    assert all(not t["attachments"] for t in decisions)
    assert all(len(t["attachments"]) == 1 for t in tasks if t not in decisions)

    assert all(apis[username].get("/tasks").json() == [] for username in USERNAMES)
    assert verify_chain(demo).ok
