"""Every monev SOP URL against the cast: who gets 200/302, 403 or 404.

Read: Kepala, Sekretaris, Kasubbag Perencanaan, Tim Perencanaan, the administrator. Edit and
Revisi SOP: the Kasubbag Perencanaan and the Tim. Sign-off: the Kepala only. Another
organisation: 404.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.sop.models import SopVersion
from erkt.sop.monev import create_evaluation, sign_off
from erkt.sop.monev_models import SopEvaluation
from erkt.workflow.tests.page_helpers import seed_sop

CODE = "penyusunan-rkt"
READERS = {"kepala", "sekretaris", "kasubbag_perencanaan", "tim1", "administrator"}
EDITORS = {"kasubbag_perencanaan", "tim1"}
CAST = [
    "kepala",
    "sekretaris",
    "kasubbag_perencanaan",
    "tim1",
    "administrator",
    "kasubbag_umum",
    "kabid_ppik",
    "stranger",
]


@pytest.fixture
def draft_evaluation(demo, kasubbag_perencanaan) -> SopEvaluation:
    version = seed_sop(demo).active_version
    return create_evaluation(version, year=2026, semester=1, late_share=30, by=kasubbag_perencanaan)


@pytest.fixture
def signed_evaluation(draft_evaluation, kepala) -> SopEvaluation:
    sign_off(draft_evaluation, by=kepala)
    return draft_evaluation


def expected(name: str, allowed: set[str], ok: int) -> int:
    if name == "stranger":
        return 404
    return ok if name in allowed else 403


@pytest.mark.parametrize("name", CAST)
@pytest.mark.parametrize(
    ("url", "args"),
    [
        ("sop:evaluations", []),
        ("sop:evaluations_xlsx", []),
        ("sop:evaluation", ["pk"]),
        ("sop:evaluation_document", ["pk", "pdf"]),
    ],
)
def test_the_pages_are_for_the_readers_only(
    request, client_for, signed_evaluation, other_org, name, url, args
):
    user = request.getfixturevalue(name)
    values = [CODE] + [signed_evaluation.pk if a == "pk" else a for a in args]
    response = client_for(user).get(reverse(url, args=values))
    assert response.status_code == expected(name, READERS, 200)


@pytest.mark.parametrize("name", CAST)
def test_only_the_planning_team_creates_a_form(request, client_for, demo, other_org, name):
    user = request.getfixturevalue(name)
    response = client_for(user).post(
        reverse("sop:evaluation_create", args=[CODE]),
        {"year": "2026", "semester": "2", "late_share": "30"},
    )
    assert response.status_code == expected(name, EDITORS, 302)
    assert SopEvaluation.objects.exists() == (name in EDITORS)


@pytest.mark.parametrize("name", CAST)
def test_only_the_planning_team_edits_the_form(
    request, client_for, draft_evaluation, other_org, name
):
    user = request.getfixturevalue(name)
    item = draft_evaluation.items.get(step_number=1)
    response = client_for(user).post(
        reverse("sop:evaluation", args=[CODE, draft_evaluation.pk]),
        {
            **{f"baik-{i.pk}": "ya" for i in draft_evaluation.items.all()},
            f"tindakan-{item.pk}": "Diubah.",
        },
    )
    assert response.status_code == expected(name, EDITORS, 302)
    item.refresh_from_db()
    assert (item.tindakan == "Diubah.") == (name in EDITORS)


@pytest.mark.parametrize("name", CAST)
def test_only_the_kepala_signs_off(request, client_for, draft_evaluation, other_org, name):
    user = request.getfixturevalue(name)
    response = client_for(user).post(
        reverse("sop:evaluation_sign", args=[CODE, draft_evaluation.pk])
    )
    assert response.status_code == expected(name, {"kepala"}, 302)
    draft_evaluation.refresh_from_db()
    assert draft_evaluation.is_draft == (name != "kepala")


@pytest.mark.parametrize("name", CAST)
def test_only_the_planning_team_starts_the_revision(
    request, client_for, signed_evaluation, other_org, name
):
    user = request.getfixturevalue(name)
    response = client_for(user).post(
        reverse("sop:evaluation_revise", args=[CODE, signed_evaluation.pk])
    )
    assert response.status_code == expected(name, EDITORS, 302)
    assert SopVersion.objects.filter(status="draft").exists() == (name in EDITORS)


def test_the_sop_page_links_the_evaluation_for_readers_only(
    client_for, demo, sekretaris, kabid_ppik
):
    url = reverse("sop:detail", args=[CODE])
    assert b"data-evaluation-link" in client_for(sekretaris).get(url).content
    assert b"data-evaluation-link" not in client_for(kabid_ppik).get(url).content


def test_the_stranger_cannot_reach_an_evaluation_through_their_own_sop(
    client_for, stranger, signed_evaluation
):
    """The other organisation has the same SOP code: the pk of ours is still not found."""
    url = reverse("sop:evaluation", args=[CODE, signed_evaluation.pk])
    assert client_for(stranger).get(url).status_code == 404


def test_the_admin_lists_the_evaluations_of_its_own_organisation_read_only(
    client_for, administrator, signed_evaluation
):
    client = client_for(administrator)
    listing = client.get(reverse("admin:sop_sopevaluation_changelist"))
    assert listing.status_code == 200 and b"Semester" in listing.content
    change = reverse("admin:sop_sopevaluation_change", args=[signed_evaluation.pk])
    client.post(change, {"year": "2030"})
    signed_evaluation.refresh_from_db()
    assert signed_evaluation.year == 2026
