"""erkt.compiled_sql's reads give what the ORM gives, for the application's own shapes with
the values its pages pass them: every Shape.rows() call made while the pages, the API and
a completion run is read again through the ORM (list(build(*values))) and the two are
compared value by value, model instances down to their state and their select_related
relations, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse

from erkt import compiled_sql
from erkt.api.models import ApiToken
from erkt.compiled_sql import Shape
from erkt.rkt.tests.drafts_helpers import next_version, user
from erkt.rkt.unit_forms.models import FormRkt
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.same_results import assert_same

pytestmark = pytest.mark.database


@dataclass
class Compared:
    """The shapes read both ways: by id, their build's name; those read by the fast path."""

    shapes: dict[int, str] = field(default_factory=dict)
    fast: set[int] = field(default_factory=set)
    calls: int = 0


@pytest.fixture
def both_ways(monkeypatch) -> Compared:
    """Every Shape.rows() call of the test compared with the ORM's list(build(*values))."""
    compared = Compared()
    rows, fetch = Shape.rows, compiled_sql._fetch
    fetched = []

    def counted_fetch(*args) -> list:
        fetched.append(True)
        return fetch(*args)

    def rows_both_ways(shape: Shape, *values, variant=None, using="default") -> list:
        fetched.clear()
        mine = rows(shape, *values, variant=variant, using=using)
        name = f"{shape.build.__module__}.{shape.build.__qualname__}{values!r}"
        if fetched:
            compared.fast.add(id(shape))
        assert_same(mine, list(shape.build(*values)), name)
        compared.shapes[id(shape)] = name
        compared.calls += 1
        return mine

    monkeypatch.setattr(compiled_sql, "_fetch", counted_fetch)
    monkeypatch.setattr(Shape, "rows", rows_both_ways)
    return compared


def read(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def api(username: str) -> Client:
    _token, secret = ApiToken.issue(user(username), name="test")
    return Client(headers={"authorization": f"Bearer {secret}"})


def read_every_page(process: Process) -> None:
    """The pages and API reads of each role at the process's current step."""
    task = Task.objects.filter(process=process, status="open").order_by("pk").first()
    done = Task.objects.filter(process=process, status="done").order_by("pk")
    form = FormRkt.objects.filter(process=process, unit__short_name="PPIK").first()
    sop = ["penyusunan-rkt"]
    pages = {
        "kasubbag.perencanaan": [
            reverse("home"),
            reverse("workflow:inbox"),
            reverse("workflow:process", args=[process.pk]),
            reverse("workflow:task", args=[task.pk]),
            reverse("workflow:task", args=[done.first().pk]),
            reverse("workflow:process_list"),
            reverse("rkt:drafts:page", args=[process.pk]),
            reverse("rkt:drafts:index"),
            reverse("rkt:unit_form", args=[form.pk]),
        ],
        "kepala": [
            reverse("home"),
            reverse("workflow:process", args=[process.pk]),
            reverse("workflow:monitoring"),
            reverse("archive:index"),
            reverse("sop:detail", args=sop),
        ],
        "kabid.ppik": [
            reverse("home"),
            reverse("sop:detail", args=sop),
            reverse("sop:list"),
            reverse("rkt:unit_form", args=[form.pk]),
            reverse("rkt:drafts:page", args=[process.pk]),
        ],
        "tim1": [
            reverse("home"),
            reverse("rkt:renstra"),
            reverse("archive:index"),
            reverse("workflow:task", args=[done.last().pk]),
        ],
        "bappeda": [f"/pemkab/?tahun={process.year}"],
    }
    for username, urls in pages.items():
        client = signed_in(username)
        for url in urls:
            read(client, url)
    for username, urls in {
        "kasubbag.perencanaan": [
            "/api/v1/tasks",
            f"/api/v1/tasks/{task.pk}",
            "/api/v1/processes",
            f"/api/v1/processes/{process.pk}",
            "/api/v1/sops",
        ],
        "kepala": ["/api/v1/tasks", "/api/v1/monitoring"],
    }.items():
        client = api(username)
        for url in urls:
            read(client, url)


def test_the_applications_shapes_read_what_the_orm_reads(at_step_8, both_ways):
    read_every_page(at_step_8)
    # Step 8 completed: the locking reads, the audit chain's head, the next step's runs.
    next_version(at_step_8)
    read_every_page(at_step_8)

    assert both_ways.calls > 200
    assert len(both_ways.shapes) >= 70, sorted(both_ways.shapes.values())
    assert_read_fast(both_ways)


def assert_read_fast(both_ways: Compared) -> None:
    """Every shape of the application went through the fast path at least once (none is
    out of the ordinary, erkt.compiled_sql._reader): each was compared as the pages read it."""
    slow = [name for key, name in both_ways.shapes.items() if key not in both_ways.fast]
    assert slow == []


def test_the_shapes_of_finished_years_read_what_the_orm_reads(demo_history, both_ways):
    """Two finished RKT years: signed documents, files uploaded at every step, the archive."""
    finished = Process.objects.filter(year=2025).order_by("pk").first()
    tasks = Task.objects.filter(process=finished).order_by("pk")
    for username, urls in {
        "kepala": [
            reverse("home"),
            reverse("workflow:process", args=[finished.pk]),
            reverse("archive:index"),
            reverse("workflow:monitoring"),
        ],
        "tim1": [
            reverse("workflow:task", args=[tasks.first().pk]),
            reverse("workflow:task", args=[tasks.last().pk]),
            reverse("rkt:drafts:page", args=[finished.pk]),
            reverse("rkt:renstra"),
        ],
    }.items():
        client = signed_in(username)
        for url in urls:
            read(client, url)
    read(api("kepala"), f"/api/v1/processes/{finished.pk}")

    assert len(both_ways.shapes) >= 35, sorted(both_ways.shapes.values())
    assert_read_fast(both_ways)
