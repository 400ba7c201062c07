"""The SOP admin: drafts are edited and approved there; versions in force are read-only."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from erkt.sop.models import Sop, SopStep, SopVersion


@pytest.fixture
def active(demo):
    return Sop.objects.get(organization=demo, code="penyusunan-rkt").active_version


@pytest.fixture
def admin_client(client_for, administrator):
    return client_for(administrator)


def run_action(client, action: str, *versions: SopVersion):
    return client.post(
        reverse("admin:sop_sopversion_changelist"),
        {"action": action, "_selected_action": [v.pk for v in versions]},
        follow=True,
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def statuses(sop: Sop) -> dict[int, str]:
    return dict(sop.versions.values_list("number", "status"))


def test_the_sop_list_shows_the_judul_in_force(admin_client, active):
    response = admin_client.get(reverse("admin:sop_sop_changelist"))
    assert response.status_code == 200
    assert active.judul in response.content.decode()


def test_an_active_version_is_shown_read_only(admin_client, active):
    response = admin_client.get(reverse("admin:sop_sopversion_change", args=[active.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="_save"' not in html
    assert 'name="judul"' not in html
    assert 'name="steps-0-uraian"' not in html
    assert "Disposisi kepada Kasubbag Perencanaan" in html


def test_posting_to_an_active_version_changes_nothing(admin_client, active):
    response = admin_client.post(
        reverse("admin:sop_sopversion_change", args=[active.pk]), {"judul": "Diubah"}
    )
    assert response.status_code == 403
    active.refresh_from_db()
    assert active.judul == "Penyusunan Rencana Kinerja Tahunan (RKT)"


def test_an_active_version_cannot_be_deleted_or_added(admin_client, active):
    delete = admin_client.get(reverse("admin:sop_sopversion_delete", args=[active.pk]))
    add = admin_client.get(reverse("admin:sop_sopversion_add"))
    assert (delete.status_code, add.status_code) == (403, 403)


def test_the_bulk_delete_action_leaves_versions_in_force(admin_client, active):
    admin_client.post(
        reverse("admin:sop_sopversion_changelist"),
        {"action": "delete_selected", "_selected_action": [active.pk], "post": "yes"},
    )
    assert SopVersion.objects.filter(pk=active.pk).exists()


def test_a_draft_is_editable_and_offers_only_its_own_actors(admin_client, active):
    draft = active.new_draft()

    response = admin_client.get(reverse("admin:sop_sopversion_change", args=[draft.pk]))

    html = response.content.decode()
    assert 'name="_save"' in html
    assert 'name="steps-0-uraian"' in html
    step_formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is SopStep
    )
    choices = step_formset.forms[0].fields["actor"].queryset
    assert set(choices.values_list("version", flat=True)) == {draft.pk}


def test_buat_versi_draf_baru_copies_the_active_version(admin_client, active):
    response = run_action(admin_client, "create_new_draft", active)

    assert statuses(active.sop) == {1: "active", 2: "draft"}
    assert "Versi draf 2 dibuat untuk SOP penyusunan-rkt." in messages_of(response)


def test_buat_versi_draf_baru_refuses_a_draft(admin_client, active):
    draft = active.new_draft()

    response = run_action(admin_client, "create_new_draft", draft)

    assert statuses(active.sop) == {1: "active", 2: "draft"}
    assert any("hanya dapat dibuat dari versi yang berlaku" in m for m in messages_of(response))


def test_sahkan_versi_draf_activates_it_and_supersedes_the_old_one(
    admin_client, active, administrator
):
    draft = active.new_draft()

    response = run_action(admin_client, "approve_drafts", draft)

    assert statuses(active.sop) == {1: "superseded", 2: "active"}
    draft.refresh_from_db()
    assert draft.approved_by == administrator
    assert "1 versi disahkan dan kini berlaku." in messages_of(response)


def test_sahkan_versi_draf_shows_the_validation_messages_of_an_invalid_draft(admin_client, active):
    draft = active.new_draft()
    SopStep.objects.filter(version=draft, number=9).update(yes_step=42)

    response = run_action(admin_client, "approve_drafts", draft)

    assert statuses(active.sop) == {1: "active", 2: "draft"}
    assert f"{draft}: Langkah 9: 'ya' menunjuk ke langkah 42 yang tidak ada." in messages_of(
        response
    )
