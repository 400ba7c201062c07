"""Every workflow URL against the cast: who gets 200/302, 403, 404, the login page, 405.

The state: RKT 2027 at step 5 (a lane task of the Tim Perencanaan, claimed by tim1), so
every action has an object to act on. Each row acts on a fresh copy of that state.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.workflow.tests.page_helpers import (
    MONDAY,
    at,
    build_world,
    pdf,
    recorded,
    world_of,
)

ANONYMOUS = "anonymous"


@pytest.fixture
def world(request, demo, kepala, tim1, time_machine):
    """Built once per test process, then restored (page_helpers.recorded)."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = recorded(
        request, "workflow.permissions_world", lambda: build_world(demo, kepala, tim1)
    )
    return world_of(process)


def target(world, name: str) -> str:
    objects = {
        "inbox": None,
        "process_list": None,
        "process_start": None,
        "process": world["process"],
        "process_print": world["process"],
        "history": None,
        "process_cancel": world["process"],
        "process_revise": world["process"],
        "process_suspend": world["process"],
        "process_resume": world["process"],
        "task_withdraw": world["first"],
        "task": world["task"],
        "task_complete": world["task"],
        "task_upload": world["task"],
        "task_claim": world["task"],
        "task_unclaim": world["task"],
        "task_reassign": world["task"],
        "attachment": world["attachment"],
        "monitoring": None,
    }
    obj = objects[name]
    return reverse(f"workflow:{name}", args=[obj.pk] if obj is not None else [])


def payload(world, name: str, tim2) -> dict:
    return {
        "process_start": {"sop": world["sop"].pk, "year": 2028, "start_date": "2026-11-02"},
        "process_cancel": {"reason": "Dibatalkan untuk pengujian."},
        "process_revise": {"reason": "APBD Perubahan."},
        "process_suspend": {"reason": "Menunggu pagu anggaran."},
        "task_withdraw": {"reason": "Salah lampiran."},
        "task_complete": {"note": "Form RKT terkumpul."},
        "task_upload": {"file": pdf()},
        "task_reassign": {"employee": tim2.employee.pk},
    }.get(name, {})


# (who, method, url name, expected status)
TABLE = [
    # Pages: every user of the organisation reads them; another organisation gets 404.
    ("kabid_ppik", "get", "inbox", 200),
    ("kabid_ppik", "get", "process_list", 200),
    ("kabid_ppik", "get", "process", 200),
    ("kabid_ppik", "get", "task", 200),
    ("kabid_ppik", "get", "attachment", 200),
    ("administrator", "get", "process", 200),
    ("stranger", "get", "process", 404),
    ("stranger", "get", "task", 404),
    ("stranger", "get", "attachment", 404),
    ("stranger", "get", "inbox", 200),  # their own, empty inbox
    ("stranger", "get", "process_list", 200),  # their own organisation's list
    ("kabid_ppik", "get", "process_print", 200),
    ("administrator", "get", "process_print", 200),
    ("stranger", "get", "process_print", 404),
    ("kabid_ppik", "get", "history", 200),  # their own completed tasks
    ("stranger", "get", "history", 200),
    # Starting: the Kepala Badan.
    ("kepala", "post", "process_start", 302),
    ("sekretaris", "post", "process_start", 403),
    ("stranger", "post", "process_start", 422),  # BKPSDM's SOP is not theirs to choose
    # Cancelling: the Kepala Badan.
    ("kepala", "post", "process_cancel", 302),
    ("kasubbag_perencanaan", "post", "process_cancel", 403),
    ("stranger", "post", "process_cancel", 404),
    # Perubahan RKT: the Kepala Badan (the year is still running, not signed: 409).
    ("kepala", "post", "process_revise", 409),
    ("sekretaris", "post", "process_revise", 403),
    ("stranger", "post", "process_revise", 404),
    # Suspending and resuming: the Kepala Badan (nothing to resume: 409).
    ("kepala", "post", "process_suspend", 302),
    ("sekretaris", "post", "process_suspend", 403),
    ("stranger", "post", "process_suspend", 404),
    ("kepala", "post", "process_resume", 409),
    ("kasubbag_perencanaan", "post", "process_resume", 403),
    ("stranger", "post", "process_resume", 404),
    # Taking back: the completer (step 2 is done since: 409); anyone else 403.
    ("kepala", "post", "task_withdraw", 409),
    ("sekretaris", "post", "task_withdraw", 403),
    ("stranger", "post", "task_withdraw", 404),
    # Completing and uploading: the claimant of the lane task.
    ("tim1", "post", "task_complete", 302),
    ("tim2", "post", "task_complete", 403),
    ("kabid_ppik", "post", "task_complete", 403),
    ("stranger", "post", "task_complete", 404),
    ("tim1", "post", "task_upload", 302),
    ("tim2", "post", "task_upload", 403),
    ("stranger", "post", "task_upload", 404),
    # Claiming: a lane member (tim1 holds it already, taking it again is harmless).
    ("tim1", "post", "task_claim", 302),
    ("tim2", "post", "task_claim", 409),
    ("kabid_ppik", "post", "task_claim", 403),
    ("stranger", "post", "task_claim", 404),
    # Releasing: the claimant or the Kasubbag Perencanaan.
    ("tim1", "post", "task_unclaim", 302),
    ("kasubbag_perencanaan", "post", "task_unclaim", 302),
    ("tim2", "post", "task_unclaim", 403),
    ("stranger", "post", "task_unclaim", 404),
    # Reassigning: the Kasubbag Perencanaan.
    ("kasubbag_perencanaan", "post", "task_reassign", 302),
    ("tim1", "post", "task_reassign", 403),
    ("stranger", "post", "task_reassign", 404),
    # Pemantauan: the planning line and the administrator; another organisation its own.
    ("tim1", "get", "monitoring", 200),
    ("administrator", "get", "monitoring", 200),
    ("kabid_ppik", "get", "monitoring", 403),
    ("stranger", "get", "monitoring", 200),
    # Wrong method.
    ("kepala", "post", "inbox", 405),
    ("kepala", "post", "process_list", 405),
    ("kepala", "get", "process_start", 405),
    ("kepala", "post", "process", 405),
    ("kepala", "post", "process_print", 405),
    ("kepala", "post", "history", 405),
    ("kepala", "get", "process_cancel", 405),
    ("kepala", "get", "process_revise", 405),
    ("kepala", "get", "process_suspend", 405),
    ("kepala", "get", "process_resume", 405),
    ("kepala", "get", "task_withdraw", 405),
    ("kepala", "post", "task", 405),
    ("tim1", "get", "task_complete", 405),
    ("tim1", "get", "task_upload", 405),
    ("tim1", "get", "task_claim", 405),
    ("tim1", "get", "task_unclaim", 405),
    ("kasubbag_perencanaan", "get", "task_reassign", 405),
    ("kepala", "post", "attachment", 405),
    ("kepala", "post", "monitoring", 405),
    # A Pemkab reader reads any OPD's process, tasks and files and changes nothing: every
    # POST is refused (403) before any view (erkt.org.middleware.PemkabReadOnlyMiddleware).
    ("bappeda", "get", "process", 200),
    ("bappeda", "get", "process_print", 200),
    ("bappeda", "get", "task", 200),
    ("bappeda", "get", "attachment", 200),
    ("bappeda", "post", "process_start", 403),
    ("bappeda", "post", "process_cancel", 403),
    ("bappeda", "post", "process_suspend", 403),
    ("bappeda", "post", "process_resume", 403),
    ("bappeda", "post", "task_withdraw", 403),
    ("bappeda", "post", "task_complete", 403),
    ("bappeda", "post", "task_upload", 403),
    ("bappeda", "post", "task_claim", 403),
    ("bappeda", "post", "task_unclaim", 403),
    ("bappeda", "post", "task_reassign", 403),
]
URL_NAMES = sorted({name for _who, _method, name, _status in TABLE})
# Anonymous: the login page, whatever the method.
TABLE += [(ANONYMOUS, "get", name, 302) for name in URL_NAMES]
TABLE += [(ANONYMOUS, "post", name, 302) for name in URL_NAMES]


@pytest.mark.parametrize(("who", "method", "name", "expected"), TABLE)
def test_permissions(request, client, client_for, world, tim2, who, method, name, expected):
    if who != ANONYMOUS:
        client = client_for(request.getfixturevalue(who))
    send = getattr(client, method)
    data = payload(world, name, tim2) if method == "post" else {}
    response = send(target(world, name), data)
    assert response.status_code == expected
    if who == ANONYMOUS:
        assert response.url.startswith(reverse("login"))


def test_the_table_covers_every_workflow_url():
    from erkt.workflow.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == set(URL_NAMES)
