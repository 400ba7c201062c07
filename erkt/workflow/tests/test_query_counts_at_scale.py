"""Every main page and API read costs as many queries beside three more offices, each with
five completed RKT years and a running process (erkt.testing.scale), as with one office;
so does a Kepala with 50 open tasks across years. `make bench --scale N` times the same."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from erkt.api.models import ApiToken
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.services import issue_forms
from erkt.testing import scale
from erkt.workflow import engine
from erkt.workflow.models import Process
from erkt.workflow.tests.conftest import open_task, run_to

pytestmark = pytest.mark.database


@pytest.fixture
def at_step_4(process) -> Process:
    run_to(process, 4)
    return process


def queries(client: Client, url: str) -> int:
    """The queries of the second request (the first may note a token's first use)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def api_client(user) -> Client:
    _token, secret = ApiToken.issue(user, name="test")
    return Client(headers={"authorization": f"Bearer {secret}"})


def main_pages(process: Process, task_id: int) -> list[tuple[str, str]]:
    """(who, url): the HTML pages, then the API reads."""
    return [
        ("kasubbag", reverse("home")),
        ("kepala", reverse("home")),
        ("kasubbag", reverse("workflow:inbox")),
        ("kepala", reverse("workflow:inbox")),
        ("kasubbag", reverse("workflow:process", args=[process.pk])),
        ("kasubbag", reverse("workflow:task", args=[task_id])),
        ("kasubbag", reverse("workflow:process_list")),
        ("kepala", reverse("workflow:monitoring")),
        ("kasubbag", reverse("archive:index")),
        ("kasubbag", reverse("rkt:drafts:index")),
        ("kabid", reverse("sop:list")),
        ("kabid", reverse("sop:detail", args=["penyusunan-rkt"])),
        ("api-kasubbag", "/api/v1/tasks"),
        ("api-kasubbag", f"/api/v1/tasks/{task_id}"),
        ("api-kasubbag", "/api/v1/processes"),
        ("api-kasubbag", f"/api/v1/processes/{process.pk}"),
        ("api-kepala", "/api/v1/monitoring"),
        ("api-kepala", "/api/v1/tasks"),
    ]


@pytest.fixture
def clients(client_for, kasubbag_perencanaan, kepala, kabid_ppik) -> dict[str, Client]:
    return {
        "kasubbag": client_for(kasubbag_perencanaan),
        "kepala": client_for(kepala),
        "kabid": client_for(kabid_ppik),
        "api-kasubbag": api_client(kasubbag_perencanaan),
        "api-kepala": api_client(kepala),
    }


def page_queries(clients: dict[str, Client], pages: list[tuple[str, str]]) -> dict[str, int]:
    return {f"{who} {url}": queries(clients[who], url) for who, url in pages}


def test_every_main_page_costs_as_many_queries_beside_three_offices_with_five_years_each(
    at_step_4, clients
):
    pages = main_pages(at_step_4, open_task(at_step_4, 4, "PERENCANAAN").pk)
    alone = page_queries(clients, pages)
    offices = scale.build(3)
    assert Process.objects.filter(organization__in=offices, status="completed").count() == 15
    assert Process.objects.filter(organization__in=offices, status="running").count() == 3
    assert page_queries(clients, pages) == alone


def test_a_kepala_with_50_open_tasks_across_years_costs_as_many_queries_beside_three_offices(
    at_step_4, clients, seed_sop, kepala
):
    for year in range(2030, 2080):
        engine.start_process(sop=seed_sop, year=year, by=kepala)
    pages = [
        ("kepala", reverse("home")),
        ("kepala", reverse("workflow:inbox")),
        ("kepala", reverse("workflow:monitoring")),
        ("api-kepala", "/api/v1/tasks"),
    ]
    response = clients["api-kepala"].get("/api/v1/tasks")
    assert len(response.json()) == 50
    alone = page_queries(clients, pages)
    scale.build(3)
    assert page_queries(clients, pages) == alone


def test_a_form_rkt_being_edited_costs_as_many_queries_beside_three_offices(
    at_step_4, clients, kasubbag_perencanaan
):
    """The page a unit head fills (its rows from the Renstra, the editing cards), as the
    bench's "Form RKT (editing)": ten queries, at one office and beside three."""
    load_demo_renstra(at_step_4.organization)
    issue_forms(at_step_4, by=kasubbag_perencanaan)
    form = FormRkt.objects.get(process=at_step_4, unit__short_name="PPIK")
    assert form.rows.exists()
    pages = [("kabid", reverse("rkt:unit_form", args=[form.pk]))]
    alone = page_queries(clients, pages)
    assert 'id="submit-card"' in clients["kabid"].get(pages[0][1]).content.decode()
    assert list(alone.values()) == [10]
    scale.build(3)
    assert page_queries(clients, pages) == alone
