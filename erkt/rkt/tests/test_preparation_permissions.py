"""Who may read and edit the pages of steps 1-3, at each point of the process.

Everyone of the organisation reads; only the step's actor edits, and only while the
step's task is open (403 otherwise); another organisation gets 404; anonymous users
are sent to the login page; other methods get 405.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from erkt.rkt.preparation.models import Disposisi, RapatSosialisasi, RencanaPenyusunan
from erkt.rkt.tests.drafts_helpers import recorded_step
from erkt.rkt.tests.preparation_helpers import (
    record_rapat,
    to_rencana,
    to_sosialisasi,
    version_now,
)

ORG_USERS = ["kepala", "sekretaris", "kasubbag.perencanaan", "tim1", "kabid.ppik", "admin"]
PAGES = ["rkt:disposisi", "rkt:rencana", "rkt:sosialisasi"]
STATES = {
    "langkah 1": lambda process: process,
    "langkah 2": to_rencana,
    "langkah 3": lambda process: _meeting_planned(to_sosialisasi(process)),
}


def _meeting_planned(process):
    record_rapat(process)
    return process


def _reads() -> list[tuple]:
    """Every page, read by everyone once steps 1-2 are done; before that, by a few."""
    rows = []
    for page in PAGES:
        rows += [("langkah 3", user, "get", page, 200) for user in ORG_USERS]
        rows += [("langkah 3", "kepala.disdik", "get", page, 404)]
        rows += [("langkah 3", None, "get", page, 302)]
        rows += [("langkah 1", user, "get", page, 200) for user in ("kepala", "tim1")]
    return rows


def _edits(state: str, page: str, actor: str) -> list[tuple]:
    return [(state, user, "post", page, 302 if user == actor else 403) for user in ORG_USERS] + [
        (state, "kepala.disdik", "post", page, 404),
        (state, None, "post", page, 302),
    ]


TABLE = [
    *_reads(),
    *_edits("langkah 1", "rkt:disposisi", "kepala"),
    ("langkah 1", "kasubbag.perencanaan", "post", "rkt:rencana", 403),
    ("langkah 1", "kasubbag.perencanaan", "post", "rkt:sosialisasi", 403),
    *_edits("langkah 2", "rkt:rencana", "kasubbag.perencanaan"),
    ("langkah 2", "kepala", "post", "rkt:disposisi", 403),
    *_edits("langkah 3", "rkt:sosialisasi", "kasubbag.perencanaan"),
    *_edits("langkah 3", "rkt:sosialisasi_kehadiran", "kasubbag.perencanaan"),
    ("langkah 3", "kasubbag.perencanaan", "post", "rkt:rencana", 403),
    ("langkah 3", "kasubbag.perencanaan", "get", "rkt:sosialisasi_kehadiran", 405),
    ("langkah 1", "kepala", "put", "rkt:disposisi", 405),
    ("langkah 2", "kasubbag.perencanaan", "delete", "rkt:rencana", 405),
]


def _post_data(page: str, process) -> dict:
    if page == "rkt:disposisi":
        return {
            "tanggal": process.start_date.isoformat(),
            "perihal": "Penyusunan RKT Tahun 2027",
            "isi": "Susun RKT.",
            "sifat": "biasa",
            "batas_waktu": process.planned_end.isoformat(),
            "version": version_now(Disposisi, process),
        }
    if page == "rkt:rencana":
        data = {f"hari_{run.number}": run.step.working_days for run in process.step_runs.all()}
        tim = get_user_model().objects.get(username="tim1").employee
        return {**data, "tim": [tim.pk], "version": version_now(RencanaPenyusunan, process)}
    if page == "rkt:sosialisasi":
        return {
            "tanggal": "2026-11-02",
            "waktu": "09:00",
            "tempat": "Aula",
            "agenda": "Form RKT",
            "version": version_now(RapatSosialisasi, process),
        }
    rapat = RapatSosialisasi.objects.get(process=process)
    data = {"notulen": "Form RKT dijelaskan.", "version": rapat.version}
    for row in rapat.peserta.all():
        data[f"kehadiran_{row.pk}"] = "hadir"
    return data


@pytest.mark.parametrize(("state", "username", "method", "page", "expected"), TABLE)
def test_access(request, rkt_process, other_org, state, username, method, page, expected):
    process = recorded_step(request, f"rkt.{state}", lambda: STATES[state](rkt_process))
    client = Client()
    if username is not None:
        client.force_login(get_user_model().objects.get(username=username))
    url = reverse(page, args=[process.pk])
    data = _post_data(page, process) if method == "post" else None
    response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code == expected
    if username is None:
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    elif expected == 302:
        assert response["Location"] == url.removesuffix("kehadiran/")


def test_a_process_that_does_not_exist_is_not_found(kepala, client_for, rkt_process):
    for page in PAGES:
        assert client_for(kepala).get(reverse(page, args=[rkt_process.pk + 99])).status_code == 404
