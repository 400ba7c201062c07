"""Who may do what on the draft Renstra pages: role x URL, while the rancangan awal (step 3,
the Tim Perencanaan's) and the rancangan (step 4) are open."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.renstra_process.tests.helpers import START, _workbook, at, at_step

pytestmark = pytest.mark.django_db

ROLES = [
    "kepala",
    "sekretaris",
    "kasubbag_perencanaan",
    "tim1",
    "tim2",
    "kasubbag_umum",
    "kabid_ppik",
    "administrator",
    "stranger",
]


def _add_tujuan(client, pk):
    return client.post(
        reverse("renstra_process:add", args=[pk, "tujuan"]),
        {"tujuan-code": "T9", "tujuan-uraian": "Tujuan uji"},
    )


def _add_program(client, pk):
    return client.post(
        reverse("renstra_process:add", args=[pk, "program"]),
        {"program-code": "5.03.09", "program-name": "Program uji"},
    )


def _remove_first_tujuan(client, pk):
    return client.post(reverse("renstra_process:remove", args=[pk, "tujuan", 0]), {"code": "T1"})


def _import(client, pk, demo):
    file = SimpleUploadedFile("renstra.xlsx", _workbook(demo))
    return client.post(reverse("renstra_process:import", args=[pk]), {"file": file})


# role -> expected status: (page, add tujuan, add program, import) at step 3.
AT_STEP_3 = {
    "kepala": (200, 403, 403, 403),
    "sekretaris": (200, 403, 403, 403),
    "kasubbag_perencanaan": (200, 403, 403, 403),
    "tim1": (200, 302, 403, 302),
    "tim2": (200, 302, 403, 302),
    "kasubbag_umum": (200, 403, 403, 403),
    "kabid_ppik": (200, 403, 403, 403),
    "administrator": (200, 403, 403, 403),  # reads, as on every step page; never edits
    "stranger": (404, 404, 404, 404),
}
# role -> expected status: (page, add program, remove tujuan T1) at step 4 (draft complete).
AT_STEP_4 = {
    "kepala": (200, 403, 403),
    "sekretaris": (200, 403, 403),
    "kasubbag_perencanaan": (200, 403, 403),
    "tim1": (200, 302, 422),  # T1 still has its sasaran: refused, nothing removed
    "tim2": (200, 302, 422),
    "kasubbag_umum": (200, 403, 403),
    "kabid_ppik": (200, 403, 403),
    "administrator": (200, 403, 403),
    "stranger": (404, 404, 404),
}


@pytest.fixture
def cast(request):
    return {role: request.getfixturevalue(role) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_the_draft_pages_at_the_rancangan_awal_follow_the_permission_table(
    role, cast, demo, kepala, kasubbag_perencanaan, tim1, client_for, time_machine
):
    time_machine.move_to(at(START), tick=False)
    process = at_step(demo, kepala, kasubbag_perencanaan, tim1, 3)
    client = client_for(cast[role])

    got = (
        client.get(reverse("renstra_process:draft", args=[process.pk])).status_code,
        _add_tujuan(client, process.pk).status_code,
        _add_program(client, process.pk).status_code,
        _import(client, process.pk, demo).status_code,
    )

    assert got == AT_STEP_3[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_draft_pages_at_the_rancangan_follow_the_permission_table(
    role, cast, demo, kepala, kasubbag_perencanaan, tim1, client_for, time_machine
):
    time_machine.move_to(at(START), tick=False)
    process = at_step(demo, kepala, kasubbag_perencanaan, tim1, 4)
    client = client_for(cast[role])

    got = (
        client.get(reverse("renstra_process:draft", args=[process.pk])).status_code,
        _add_program(client, process.pk).status_code,
        _remove_first_tujuan(client, process.pk).status_code,
    )

    assert got == AT_STEP_4[role]


def test_nobody_edits_the_draft_while_the_forum_step_is_open(
    demo, kepala, kasubbag_perencanaan, tim1, client_for, time_machine
):
    time_machine.move_to(at(START), tick=False)
    process = at_step(demo, kepala, kasubbag_perencanaan, tim1, 5)

    for user in (tim1, kasubbag_perencanaan, kepala):
        client = client_for(user)
        assert _add_tujuan(client, process.pk).status_code == 403
        assert _import(client, process.pk, demo).status_code == 403
