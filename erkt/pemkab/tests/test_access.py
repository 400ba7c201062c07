"""Who may open the Pemkab pages, and what a Pemkab reader may do anywhere: read, never
change (every POST refused with 403, on the web and the API)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from erkt.api.models import ApiToken
from erkt.audit.models import AuditEntry
from erkt.documents.models import IssuedDocument
from erkt.org.middleware import PEMKAB_UNSAFE_ALLOWED
from erkt.org.models import PemkabMembership
from erkt.pemkab.tests.conftest import signed_rkt
from erkt.workflow.models import Process, Task
from erkt.workflow.tests.conftest import open_task, run_to

ANONYMOUS = "anonymous"
CAST = [
    "kepala",
    "sekretaris",
    "kasubbag_perencanaan",
    "tim1",
    "kasubbag_umum",
    "kabid_ppik",
    "administrator",
    "stranger",
]

# (who, url name, expected status) for GET; a POST is 405 for everyone but the reader (403).
TABLE = [("bappeda", name, 200) for name in ("pemkab:overview", "pemkab:overview_xlsx")]
TABLE += [(who, name, 403) for who in CAST for name in ("pemkab:overview", "pemkab:overview_xlsx")]
TABLE += [(ANONYMOUS, name, 302) for name in ("pemkab:overview", "pemkab:overview_xlsx")]


@pytest.mark.parametrize(("who", "name", "expected"), TABLE)
def test_pemkab_pages_by_role(request, client, client_for, demo, other_org, who, name, expected):
    if who != ANONYMOUS:
        client = client_for(request.getfixturevalue(who))
    response = client.get(reverse(name))
    assert response.status_code == expected
    if who == ANONYMOUS:
        assert response.url.startswith(reverse("login"))
    post = client.post(reverse(name))
    assert post.status_code == {"bappeda": 403, ANONYMOUS: 302}.get(who, 405)


def test_a_superuser_without_the_membership_is_refused(client_for, django_user_model, demo):
    root = django_user_model.objects.create_superuser("root", "root@example.test", "x")
    assert client_for(root).get(reverse("pemkab:overview")).status_code == 403


def test_an_inactive_reader_is_refused(bappeda, client_for):
    client = client_for(bappeda)
    bappeda.is_active = False
    bappeda.save(update_fields=["is_active"])
    assert client.get(reverse("pemkab:overview")).status_code in (302, 403)


@pytest.fixture
def world(kepala, process, other_org):
    run_to(process, 4)
    task = open_task(process, 4, "PPIK")
    return {"process": process, "task": task, "document": signed_rkt(process, kepala)}


def test_the_reader_reads_an_opds_process_task_rkt_and_signed_document(client_for, bappeda, world):
    client = client_for(bappeda)
    process, task, document = world["process"], world["task"], world["document"]
    for url in (
        reverse("workflow:process", args=[process.pk]),
        reverse("workflow:process_print", args=[process.pk]),
        reverse("workflow:task", args=[task.pk]),
        reverse("rkt:drafts:page", args=[process.pk]),
        reverse("documents:detail", args=[document.pk]),
        reverse("documents:download", args=[document.pk, "pdf"]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_task_page_offers_the_reader_no_action(client_for, bappeda, world):
    html = client_for(bappeda).get(reverse("workflow:task", args=[world["task"].pk])).content
    html = html.decode()
    for action in ("task_complete", "task_claim", "task_upload", "task_reassign"):
        assert reverse(f"workflow:{action}", args=[world["task"].pk]) not in html


def sample(match: re.Match) -> str:
    converter = match.group(1) or "str"
    return {"int": "1", "path": "x/y", "uuid": "00000000-0000-0000-0000-000000000000"}.get(
        converter, "x"
    )


def every_route(patterns=None, prefix: str = "") -> list[tuple[str, str]]:
    """(url, name) of every path() of the project, its arguments filled with samples."""
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = getattr(pattern.pattern, "_route", None)
        if route is None:  # a regular expression (the API's catch-all): an address of its own
            continue
        path = prefix + re.sub(r"<(?:(\w+):)?\w+>", sample, route)
        if isinstance(pattern, URLResolver):
            routes += every_route(pattern.url_patterns, path)
        elif isinstance(pattern, URLPattern):
            routes.append(("/" + path, pattern.name or ""))
    return routes


def test_every_post_of_the_project_is_refused_to_the_reader_and_changes_nothing(
    client_for, bappeda, world
):
    client = client_for(bappeda)
    before = (AuditEntry.objects.count(), Process.objects.count(), Task.objects.count())
    routes = [(url, name) for url, name in every_route() if name not in PEMKAB_UNSAFE_ALLOWED]
    assert len(routes) > 100
    refused = {url: client.post(url, {"reason": "x"}).status_code for url, _name in routes}
    assert {url: status for url, status in refused.items() if status != 403} == {}
    for method in (client.put, client.patch, client.delete):
        assert method(reverse("workflow:task_complete", args=[world["task"].pk])).status_code == 403
    assert (AuditEntry.objects.count(), Process.objects.count(), Task.objects.count()) == before


def test_the_reader_posts_to_the_real_actions_and_each_is_refused(client_for, bappeda, world):
    client = client_for(bappeda)
    task, process = world["task"], world["process"]
    assert client.post(reverse("workflow:task_complete", args=[task.pk])).status_code == 403
    cancel = client.post(reverse("workflow:process_cancel", args=[process.pk]), {"reason": "x"})
    assert cancel.status_code == 403
    task.refresh_from_db()
    process.refresh_from_db()
    assert task.status == Task.Status.OPEN and process.status == Process.Status.RUNNING


def test_the_reader_may_sign_out(client_for, bappeda):
    client = client_for(bappeda)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("pemkab:overview")).status_code == 302  # to the login page


@pytest.fixture
def api(bappeda, client):
    _token, secret = ApiToken.issue(bappeda, name="pemkab")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    return client


def test_the_api_lets_the_reader_read_an_opds_process_and_task(api, world):
    assert api.get(f"/api/v1/processes/{world['process'].pk}").status_code == 200
    assert api.get(f"/api/v1/tasks/{world['task'].pk}").status_code == 200


def test_the_api_refuses_every_change_of_the_reader_with_403_json(api, world):
    before = AuditEntry.objects.count()
    task, process = world["task"], world["process"]
    for url in (
        f"/api/v1/tasks/{task.pk}/complete",
        f"/api/v1/tasks/{task.pk}/claim",
        f"/api/v1/processes/{process.pk}/cancel",
        "/api/v1/processes",
    ):
        response = api.post(url, {}, content_type="application/json")
        assert response.status_code == 403, url
        assert "detail" in response.json()
    assert AuditEntry.objects.count() == before
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN


def test_a_pegawai_of_an_opd_cannot_be_made_a_reader(kabid_ppik):
    membership = PemkabMembership(user=kabid_ppik, body="bappeda", name="Noorhayati")
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_an_opd_user_keeps_its_own_document_scope(client_for, stranger, world):
    document: IssuedDocument = world["document"]
    assert (
        client_for(stranger).get(reverse("documents:detail", args=[document.pk])).status_code == 404
    )


def test_the_readers_menu_leads_to_the_overview_not_to_an_opds_pages(client_for, bappeda, demo):
    html = client_for(bappeda).get(reverse("pemkab:overview")).content.decode()
    assert "Seluruh OPD" in html
    assert reverse("sop:list") not in html
    assert reverse("workflow:process_list") not in html


def test_every_page_of_the_readers_menu_opens(client_for, bappeda, demo):
    client = client_for(bappeda)
    for name in (
        "home",
        "pemkab:overview",
        "notifications:list",
        "notifications:bell",
        "notifications:profile",
        "password_change",
    ):
        assert client.get(reverse(name)).status_code == 200, name
