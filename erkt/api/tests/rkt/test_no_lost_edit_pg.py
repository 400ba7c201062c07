"""No lost edit with two clients writing the same version at the same moment (PostgreSQL).

Each request runs in its own thread with its own database connection; a barrier
releases them together. Exactly one write wins; the other answers 409 and
writes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connections
from django.urls import reverse

from erkt.api.tests.rkt.helpers import form_of
from erkt.audit.models import AuditEntry
from erkt.rkt.preparation.models import Disposisi
from erkt.rkt.tests.form_fixtures import first_sub_row, form_process
from erkt.rkt.tests.form_fixtures import form_of as page_form_of
from erkt.rkt.tests.preparation_helpers import record_disposisi
from erkt.rkt.unit_forms.forms import initial_of
from erkt.rkt.unit_forms.models import FormRktRow
from erkt.testing.concurrency import at_once

__all__ = ["form_process"]
pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]
ROW_FIELDS = ("kegiatan", "sub_kegiatan", "renstra_indikator", "sasaran_kegiatan", "indikator")
ROW_FIELDS += ("satuan", "target", "anggaran", "justifikasi")


def statuses(responses: list[Any]) -> list[int]:
    return sorted(getattr(response, "status_code", response) for response in responses)


def test_the_database_is_postgresql():
    assert connections["default"].vendor == "postgresql"


def test_two_clients_putting_rows_on_the_same_version_give_one_success_and_one_409(
    at_step_4, kabid_ppik, administrator, api_for
):
    form = form_of(at_step_4, "PPIK")
    head, admin = api_for(kabid_ppik), api_for(administrator)
    read = head.get(f"/forms/{form.pk}").json()
    path = f"/forms/{form.pk}/rows"

    def put(api, target: str):
        rows = [{name: row[name] for name in ROW_FIELDS} for row in read["rows"]]
        rows[0]["target"] = target
        return api.put(path, {"rows": rows, "version": read["version"]})

    results = at_once(lambda: put(head, "11"), lambda: put(admin, "22"))

    assert statuses(results) == [200, 409], results
    [loser] = [r for r in results if r.status_code == 409]
    assert loser.json()["detail"].startswith("Data telah diubah oleh ")
    winner = next(i for i, r in enumerate(results) if r.status_code == 200)
    form.refresh_from_db()
    assert form.version == read["version"] + 1
    assert form.rows.order_by("order").first().target == ("11", "22")[winner]
    assert AuditEntry.objects.filter(action="form_rkt.upload").count() == 1


def test_two_people_saving_one_row_inline_at_once_give_one_success_and_one_409(
    form_process, kabid_mpk, administrator, client_for
):
    form = page_form_of(form_process, "MPK")
    row = first_sub_row(form)
    loaded = initial_of(row)
    url = reverse("rkt:unit_form_row_edit", args=[form.pk, row.pk])
    htmx = {"HTTP_HX_REQUEST": "true"}
    head, admin = client_for(kabid_mpk), client_for(administrator)

    results = at_once(
        lambda: head.post(url, {**loaded, "target": "11"}, **htmx),
        lambda: admin.post(url, {**loaded, "target": "22"}, **htmx),
    )

    assert statuses(results) == [200, 409], results
    [loser] = [r for r in results if r.status_code == 409]
    assert "Data telah diubah oleh " in loser.content.decode()
    row = FormRktRow.objects.get(pk=row.pk)
    assert row.version == loaded["version"] + 1
    assert AuditEntry.objects.filter(action="form_rkt.row_change").count() == 1


def test_two_clients_correcting_the_disposisi_at_once_give_one_success_and_one_409(
    rkt_process, kepala, api_for
):
    record_disposisi(rkt_process)
    path = f"/processes/{rkt_process.pk}/disposisi"
    body = {
        "tanggal": rkt_process.start_date.isoformat(),
        "perihal": "Penyusunan RKT Tahun 2027",
        "batas_waktu": rkt_process.planned_end.isoformat(),
        "version": 1,
    }
    first, second = api_for(kepala), api_for(kepala)

    results = at_once(
        lambda: first.put(path, {**body, "isi": "Dari tab pertama."}),
        lambda: second.put(path, {**body, "isi": "Dari tab kedua."}),
    )

    assert statuses(results) == [200, 409], results
    [winner] = [r for r in results if r.status_code == 200]
    disposisi = Disposisi.objects.get()
    assert (disposisi.isi, disposisi.version) == (winner.json()["isi"], 2)
