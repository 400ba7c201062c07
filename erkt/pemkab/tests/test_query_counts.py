"""The Pemkab overview grows with the OPDs by design: it reads a fixed number of queries
whatever their number (50 a page), their years and their tasks. `make bench --scale N`
times it (erkt.testing.bench_scale)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from erkt.org.models import Organization
from erkt.pemkab.overview import PAGE_SIZE
from erkt.pemkab.tests.conftest import signed_rkt
from erkt.pemkab.tests.shown import shown_rows
from erkt.testing import scale
from erkt.workflow.models import Process
from erkt.workflow.tests.conftest import run_to

OVERVIEW = reverse("pemkab:overview") + "?tahun=2027"
BY_LATENESS = OVERVIEW + "&urut=terlambat"
EXPORT = reverse("pemkab:overview_xlsx") + "?tahun=2027"
PAGES = [OVERVIEW, BY_LATENESS, OVERVIEW + "&terlambat=1", EXPORT, reverse("home")]


def queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts(client: Client) -> dict[str, int]:
    return {url: queries(client, url) for url in PAGES}


def more_offices(number: int) -> None:
    Organization.objects.bulk_create(
        Organization(name=f"Dinas {n:03}", short_name=f"D{n:03}", address="-", city="Paringin")
        for n in range(number)
    )


@pytest.mark.database
def test_the_overview_costs_as_many_queries_beside_three_offices_and_a_second_page(
    client_for, bappeda, kepala, process
):
    run_to(process, 4)
    signed_rkt(process, kepala)
    client = client_for(bappeda)
    alone = counts(client)
    assert alone[OVERVIEW] <= 9  # the session, user, employee and membership; 5 of the page
    # No OPD late: the empty page reads no row.
    assert alone[OVERVIEW + "&terlambat=1"] <= 6
    offices = scale.build(3)
    assert Process.objects.filter(organization__in=offices, year=2027, status="running").count()
    response = client.get(OVERVIEW)
    assert len(shown_rows(response)) == 4
    assert counts(client) == alone
    more_offices(PAGE_SIZE)
    assert len(shown_rows(client.get(OVERVIEW))) == PAGE_SIZE
    assert counts(client) == alone
    assert len(shown_rows(client.get(OVERVIEW + "&halaman=2"))) == 4
    # Its rows have no process: the per-process reads are skipped, never added.
    assert queries(client, OVERVIEW + "&halaman=2") <= alone[OVERVIEW]


@pytest.mark.postgresql
def test_the_overview_costs_as_many_queries_with_60_offices_on_postgresql(
    client_for, bappeda, kepala, process
):
    run_to(process, 4)
    client = client_for(bappeda)
    alone = counts(client)
    more_offices(PAGE_SIZE + 10)
    assert counts(client) == alone
