"""Versioning: an active version is read-only; edits go through a new draft and approval."""

import pytest
import time_machine
from django.contrib.auth import get_user_model

from erkt.sop.io import SopDefinitionError, export_definition, load_definition
from erkt.sop.models import ReadOnlyVersionError, SopActor, SopStep, SopVersion, SopVersionError
from erkt.sop.tests.helpers import make_organization, seed_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def active():
    return load_definition(make_organization(), seed_definition())


@pytest.fixture
def user():
    return get_user_model().objects.create_user("kepala.test")


def test_a_new_draft_copies_identity_actors_and_steps_as_version_2(active):
    draft = active.new_draft()

    assert (draft.number, draft.status) == (2, SopVersion.Status.DRAFT)
    assert export_definition(draft) == export_definition(active)
    assert draft.approved_at is None
    assert set(draft.steps.values_list("actor__version", flat=True)) == {draft.pk}


def test_a_new_draft_leaves_the_active_version_in_force(active):
    active.new_draft()

    active.refresh_from_db()
    assert active.status == SopVersion.Status.ACTIVE
    assert active.sop.active_version == active


def test_it_refuses_a_second_draft_while_one_is_pending(active):
    active.new_draft()

    with pytest.raises(SopVersionError, match="sudah punya versi draf \\(versi 2\\)"):
        active.new_draft()
    assert active.sop.versions.count() == 2


def test_a_draft_can_be_edited(active):
    draft = active.new_draft()
    step = draft.steps.get(number=8)
    step.waktu_amount = 2
    step.save(update_fields=["waktu_amount"])
    draft.judul = "Penyusunan RKT (revisi)"
    draft.save(update_fields=["judul"])

    draft.refresh_from_db()
    assert draft.total_working_days == 28
    assert active.steps.get(number=8).waktu_amount == 1


def test_approving_a_draft_supersedes_the_active_version(active, user):
    draft = active.new_draft()

    with time_machine.travel("2025-01-06 09:00 +08:00", tick=False):
        draft.approve(user)

    active.refresh_from_db()
    draft.refresh_from_db()
    assert active.status == SopVersion.Status.SUPERSEDED
    assert draft.status == SopVersion.Status.ACTIVE
    assert draft.approved_by == user
    assert draft.approved_at.isoformat() == "2025-01-06T01:00:00+00:00"
    assert draft.sop.active_version == draft


def test_loading_with_a_user_records_who_approved(user):
    version = load_definition(make_organization(), seed_definition(), user=user)
    assert version.approved_by == user


def test_it_refuses_to_approve_an_active_version(active, user):
    with pytest.raises(SopVersionError, match="Hanya versi draf yang dapat disahkan"):
        active.approve(user)


def test_it_refuses_to_approve_an_invalid_draft_and_changes_nothing(active, user):
    draft = active.new_draft()
    SopStep.objects.filter(version=draft, number=1).update(kind="process")

    with pytest.raises(SopDefinitionError) as raised:
        draft.approve(user)

    assert raised.value.messages == [
        "Langkah: harus ada tepat satu langkah mulai (start); ditemukan 0."
    ]
    statuses = dict(SopVersion.objects.values_list("number", "status"))
    assert statuses == {1: SopVersion.Status.ACTIVE, 2: SopVersion.Status.DRAFT}


def test_an_active_version_refuses_edits(active):
    active.judul = "Judul baru"
    with pytest.raises(ReadOnlyVersionError, match="Versi 1 berstatus Berlaku"):
        active.save()
    active.refresh_from_db()
    assert active.judul == "Penyusunan Rencana Kinerja Tahunan (RKT)"


def test_an_active_version_refuses_step_edits(active):
    step = active.steps.get(number=8)
    step.waktu_amount = 2
    with pytest.raises(ReadOnlyVersionError):
        step.save()
    with pytest.raises(ReadOnlyVersionError):
        step.delete()
    assert active.steps.get(number=8).waktu_amount == 1


def test_an_active_version_refuses_new_steps_and_actors(active):
    with pytest.raises(ReadOnlyVersionError):
        SopActor.objects.create(version=active, order=6, key="staf", name="Staf", role="staf")
    with pytest.raises(ReadOnlyVersionError):
        SopStep.objects.create(
            version=active,
            number=12,
            uraian="Langkah tambahan",
            actor=active.actors.first(),
            kind="process",
            waktu_amount=1,
            output="Berkas",
        )
    assert (active.actors.count(), active.steps.count()) == (5, 11)


def test_an_active_version_cannot_be_deleted(active):
    with pytest.raises(ReadOnlyVersionError):
        active.delete()
    assert SopVersion.objects.filter(pk=active.pk).exists()


def test_a_superseded_version_stays_read_only(active, user):
    active.new_draft().approve(user)
    step = SopStep.objects.get(version=active, number=1)
    step.uraian = "Diubah"

    with pytest.raises(ReadOnlyVersionError, match="berstatus Tidak berlaku"):
        step.save()


def test_a_stale_copy_of_an_approved_draft_refuses_edits(active, user):
    draft = active.new_draft()
    stale = SopVersion.objects.get(pk=draft.pk)
    draft.approve(user)

    stale.judul = "Diubah lewat salinan lama"
    with pytest.raises(ReadOnlyVersionError):
        stale.save()


def test_an_old_version_can_be_the_base_of_a_new_draft(active, user):
    active.new_draft().approve(user)
    restored = active.new_draft()
    assert restored.number == 3
    assert export_definition(restored) == export_definition(active)
