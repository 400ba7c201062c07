"""Names and small lookups shared by the RKT API tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from erkt.api.tests.helpers import ApiClient
from erkt.org.demo import DEMO_PASSWORD
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.workflow.models import Process

# A Monday with no holiday in the following weeks; the Renstra 2025-2029 covers 2027.
START = datetime.date(2026, 11, 2)
YEAR = 2027
HEADS = {
    "PERENCANAAN": "kasubbag.perencanaan",
    "UMPEG": "kasubbag.umum",
    "PPIK": "kabid.ppik",
    "PSDM": "kabid.psdm",
    "MPK": "kabid.mpk",
}


def user(username: str):
    return get_user_model().objects.get(username=username)


def sign_in(username: str) -> ApiClient:
    """A client holding a token asked for with the demo password, as a script would."""
    response = ApiClient(None).post(
        "/auth/token", {"username": username, "password": DEMO_PASSWORD, "name": "uji"}
    )
    assert response.status_code == 201, response.content
    return ApiClient(response.json()["token"])


def form_of(process: Process, unit: str) -> FormRkt:
    return FormRkt.objects.select_related("unit", "process").get(
        process=process, unit__short_name=unit
    )


def rows_state(form: FormRkt) -> list:
    """What a refused change must leave untouched: the status and every row's content."""
    form.refresh_from_db()
    rows = FormRktRow.objects.filter(form=form).order_by("pk")
    return [
        form.status,
        *rows.values_list(
            "pk", "kegiatan_id", "sub_kegiatan_id", "target", "anggaran", "justifikasi"
        ),
    ]


def money(value) -> Decimal:
    """An amount as the API writes it (a decimal string) or as a test states it."""
    return Decimal(str(value))
