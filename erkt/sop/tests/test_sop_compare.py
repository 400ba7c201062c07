"""The draft compared with the version in force: identity, pelaksana and steps."""

from __future__ import annotations

from django.urls import reverse

from erkt.sop.compare import compare
from erkt.sop.models import SopActor, SopStep, SopVersion
from erkt.sop.tests.editor_helpers import seed_draft, seed_sop


def _change_draft(draft: SopVersion) -> None:
    SopVersion.objects.filter(pk=draft.pk).update(judul="Judul Baru")
    SopStep.objects.filter(version=draft, number=2).update(waktu_amount=9, uraian="Uraian baru")
    SopActor.objects.create(version=draft, order=99, key="staf-baru", name="Staf", role="staf")
    draft.refresh_from_db()


def test_it_lists_the_changed_identity_the_added_pelaksana_and_the_changed_step(demo):
    draft = seed_draft(demo)
    active = seed_sop(demo).active_version
    _change_draft(draft)
    diff = compare(active, draft)
    assert [(c.label, c.old, c.new) for c in diff.identity] == [
        ("Judul", active.judul, "Judul Baru")
    ]
    assert [(row.key, row.status) for row in diff.actors] == [("staf-baru", "added")]
    [step] = diff.steps
    assert (step.key, step.status) == ("2", "changed")
    old_step = active.steps.get(number=2)
    assert {(c.label, c.old, c.new) for c in step.changes} == {
        ("Uraian prosedur", old_step.uraian, "Uraian baru"),
        ("Waktu", f"{old_step.waktu_amount} hari kerja", "9 hari kerja"),
    }


def test_a_removed_step_is_listed_as_removed(demo):
    draft = seed_draft(demo)
    last = draft.steps.order_by("-number").first()
    last.delete()
    diff = compare(seed_sop(demo).active_version, draft)
    assert [(row.key, row.status) for row in diff.steps] == [(str(last.number), "removed")]


def test_the_compare_page_shows_old_and_new(demo, tim1, client_for):
    draft = seed_draft(demo)
    _change_draft(draft)
    response = client_for(tim1).get(reverse("sop:compare", args=["penyusunan-rkt"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<ins>Judul Baru</ins>" in html
    assert "<ins>9 hari kerja</ins>" in html
    assert 'data-status="added"' in html
