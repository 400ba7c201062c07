"""The SOP editor page: saving a draft, refusing a bad one beside its fields, row operations."""

from __future__ import annotations

from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.sop.models import SopVersion
from erkt.sop.tests.editor_helpers import form_data, seed_draft, seed_sop
from erkt.sop.tests.helpers import sop_row_counts


def test_revise_copies_the_active_version_into_a_draft_and_opens_the_editor(
    demo, kasubbag_perencanaan, client_for
):
    client = client_for(kasubbag_perencanaan)
    response = client.post(reverse("sop:revise", args=["penyusunan-rkt"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("sop:editor", args=["penyusunan-rkt"])
    draft = seed_sop(demo).versions.get(status=SopVersion.Status.DRAFT)
    assert draft.steps.count() == seed_sop(demo).active_version.steps.count()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Pratinjau diagram alir" in page.content.decode()
    assert 'name="langkah-0-uraian"' in page.content.decode()


def test_it_saves_the_identity_and_the_steps_of_the_draft(demo, tim1, client_for):
    draft = seed_draft(demo)
    data = form_data(
        draft,
        judul="SOP Penyusunan RKT (revisi)",
        **{"langkah-1-waktu_amount": 4, "langkah-1-keterangan": "Catatan baru"},
    )
    response = client_for(tim1).post(reverse("sop:editor", args=["penyusunan-rkt"]), data)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Draft tersimpan." in response.content.decode()
    draft.refresh_from_db()
    assert draft.judul == "SOP Penyusunan RKT (revisi)"
    step = draft.steps.get(number=2)
    assert (step.waktu_amount, step.keterangan) == (4, "Catatan baru")
    assert AuditEntry.objects.filter(action="sop.draft.save", user=tim1).exists()
    # The actions of the seed steps are carried over unchanged.
    assert draft.steps.exclude(action="").count() == (
        seed_sop(demo).active_version.steps.exclude(action="").count()
    )


def test_a_bad_save_shows_each_message_beside_its_field_and_changes_nothing(
    demo, kasubbag_perencanaan, client_for
):
    draft = seed_draft(demo)
    decision = draft.steps.filter(kind="decision").order_by("number").first()
    index = decision.number - 1
    before = sop_row_counts()
    data = form_data(
        draft,
        judul="Judul yang tidak akan tersimpan",
        **{
            "langkah-0-uraian": "",
            f"langkah-{index}-no_step": 99,
            "langkah-2-kind": "start",
        },
    )
    response = client_for(kasubbag_perencanaan).post(
        reverse("sop:editor", args=["penyusunan-rkt"]), data
    )
    assert response.status_code == 422
    html = response.content.decode()
    # Django's own field check first: the uraian is required.
    assert 'data-field-error="langkah-0-uraian"' in html
    draft.refresh_from_db()
    assert draft.judul != "Judul yang tidak akan tersimpan"
    assert sop_row_counts() == before

    # With the uraian written, the definition rules speak, beside the decision's field.
    data["langkah-0-uraian"] = "Menerima surat"
    response = client_for(kasubbag_perencanaan).post(
        reverse("sop:editor", args=["penyusunan-rkt"]), data
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f'data-field-error="langkah-{index}-no_step"' in html
    assert "&#x27;tidak&#x27; menunjuk ke langkah 99 yang tidak ada." in html
    assert "harus ada tepat satu langkah mulai (start); ditemukan 2." in html
    draft.refresh_from_db()
    assert draft.judul != "Judul yang tidak akan tersimpan"
    assert draft.steps.get(number=1).uraian != "Menerima surat"


def test_a_duplicate_pelaksana_key_is_shown_on_both_rows(demo, kasubbag_perencanaan, client_for):
    draft = seed_draft(demo)
    first_key = draft.actors.order_by("order").first().key
    data = form_data(draft, **{"pelaksana-1-key": first_key})
    response = client_for(kasubbag_perencanaan).post(
        reverse("sop:editor", args=["penyusunan-rkt"]), data
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'data-field-error="pelaksana-0-key"' in html
    assert 'data-field-error="pelaksana-1-key"' in html


def test_inserting_a_step_renumbers_the_decision_targets_without_saving(
    demo, kasubbag_perencanaan, client_for
):
    draft = seed_draft(demo)
    decision = draft.steps.filter(kind="decision").order_by("number").first()
    before = sop_row_counts()
    data = form_data(draft, op="add-step:1")
    response = client_for(kasubbag_perencanaan).post(
        reverse("sop:editor", args=["penyusunan-rkt"]), data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Trigger-After-Settle"] == "sop-changed"
    html = response.content.decode()
    assert "<html" not in html  # the form partial only
    total = draft.steps.count() + 1
    assert f'name="langkah-TOTAL_FORMS" value="{total}"' in html
    # The decision moved one row down and points one row further.
    assert f'name="langkah-{decision.number}-yes_step" value="{decision.yes_step + 1}"' in html
    assert sop_row_counts() == before


def test_moving_and_removing_steps_keep_the_targets_on_their_steps(demo):
    from erkt.sop.editor import _apply

    steps = [
        {"uraian": "a"},
        {"uraian": "b", "yes_step": "3", "no_step": "1"},
        {"uraian": "c"},
    ]
    _apply("down-step:1", [], steps)
    assert [s["uraian"] for s in steps] == ["b", "a", "c"]
    assert (steps[0]["yes_step"], steps[0]["no_step"]) == ("3", "2")
    _apply("remove-step:3", [], steps)
    assert (steps[0]["yes_step"], steps[0]["no_step"]) == ("", "2")


def test_the_preview_draws_the_unsaved_form_and_lists_its_problems(
    demo, kasubbag_perencanaan, client_for
):
    draft = seed_draft(demo)
    data = form_data(draft, **{"langkah-0-uraian": "Uraian pratinjau yang baru"})
    response = client_for(kasubbag_perencanaan).post(
        reverse("sop:preview", args=["penyusunan-rkt"]), data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "pratinjau yang baru" in html
    assert "Definisi lengkap dan sesuai aturan." in html
    data["langkah-1-output"] = ""
    html = (
        client_for(kasubbag_perencanaan)
        .post(reverse("sop:preview", args=["penyusunan-rkt"]), data)
        .content.decode()
    )
    assert "Langkah 2: &#x27;output&#x27; wajib diisi." in html
    draft.refresh_from_db()
    assert draft.steps.get(number=1).uraian != "Uraian pratinjau yang baru"


def test_a_new_sop_starts_as_a_draft_with_mulai_and_selesai(demo, kasubbag_perencanaan, client_for):
    client = client_for(kasubbag_perencanaan)
    response = client.post(
        reverse("sop:create"), {"code": "pelayanan-cuti", "judul": "Pelayanan Cuti Pegawai"}
    )
    assert response.status_code == 302
    version = seed_sop(demo).organization.sops.get(code="pelayanan-cuti").versions.get()
    assert version.status == SopVersion.Status.DRAFT
    assert [s.kind for s in version.steps.order_by("number")] == ["start", "end"]
    again = client.post(reverse("sop:create"), {"code": "pelayanan-cuti", "judul": "Lagi"})
    assert again.status_code == 422
    assert "Kode SOP ini sudah dipakai" in again.content.decode()
