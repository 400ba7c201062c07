"""Step 8: the Kasubbag Perencanaan decides every open correction and issues the next version."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from erkt.rkt.drafts.corrections import add_review_comment, mark_rest_sesuai, record_verdict
from erkt.rkt.drafts.diff import diff
from erkt.rkt.drafts.models import Correction, DraftRkt
from erkt.rkt.drafts.versions import DecisionError, make_next_version
from erkt.rkt.tests.drafts_helpers import HEADS, latest, open_task, row_of, user
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed

KASUBBAG = "kasubbag.perencanaan"


def correct(process, unit: str, row, field: str, value: str = "", comment: str = "Perbaiki."):
    return record_verdict(
        open_task(process, 7, unit),
        by=user(HEADS[unit]),
        row_key=row.key,
        verdict="koreksi",
        field=field,
        comment=comment,
        proposed_value=value,
    )


def finish_reviews(process) -> None:
    for unit, username in HEADS.items():
        task = open_task(process, 7, unit)
        mark_rest_sesuai(task, by=user(username))
        engine.complete_task(task, by=user(username))


@pytest.fixture
def corrected(at_step_7):
    """PPIK proposes a new target, MPK a new anggaran; step 8 is open."""
    draft = latest(at_step_7)
    ppik = row_of(draft, unit__short_name="PPIK", sub_kegiatan_code__gt="")
    mpk = row_of(draft, unit__short_name="MPK", sub_kegiatan_code__gt="")
    target = correct(at_step_7, "PPIK", ppik, "target", "175", "Formasi bertambah.")
    anggaran = correct(at_step_7, "MPK", mpk, "anggaran", "1.000.000", "Terlalu besar.")
    finish_reviews(at_step_7)
    return at_step_7, target, anggaran


def test_an_accepted_correction_applies_its_value_and_a_rejected_one_does_not(corrected):
    process, target, anggaran = corrected
    draft = make_next_version(
        process,
        by=user(KASUBBAG),
        decisions={target.pk: ("accept", ""), anggaran.pk: ("reject", "Sesuai pagu indikatif.")},
    )
    old = DraftRkt.objects.get(process=process, number=1).rows.get(key=anggaran.row_key)
    assert draft.number == 2
    assert draft.rows.get(key=target.row_key).target == "175"
    assert draft.rows.get(key=anggaran.row_key).anggaran == old.anggaran
    target.refresh_from_db()
    anggaran.refresh_from_db()
    assert (target.status, target.resolved_in, target.decided_by) == (
        "accepted",
        draft,
        user(KASUBBAG),
    )
    assert (anggaran.status, anggaran.decision_reason) == ("rejected", "Sesuai pagu indikatif.")
    changed = diff(DraftRkt.objects.get(process=process, number=1), draft).changed
    assert [(c.key, [(f.field, f.old, f.new) for f in c.changes]) for c in changed] == [
        (target.row_key, [("target", old_target(process, target.row_key), "175")])
    ]


def old_target(process, key: str) -> str:
    return DraftRkt.objects.get(process=process, number=1).rows.get(key=key).target


def test_an_accepted_anggaran_is_stored_as_an_amount(corrected):
    process, target, anggaran = corrected
    draft = make_next_version(
        process,
        by=user(KASUBBAG),
        decisions={target.pk: ("reject", "Tetap."), anggaran.pk: ("accept", "")},
    )
    assert draft.rows.get(key=anggaran.row_key).anggaran == Decimal(1_000_000)


def test_a_rejection_needs_a_reason_and_then_nothing_changes(corrected):
    process, target, anggaran = corrected
    with pytest.raises(DecisionError, match=f"#{anggaran.pk} wajib disertai alasan"):
        make_next_version(
            process,
            by=user(KASUBBAG),
            decisions={target.pk: ("accept", ""), anggaran.pk: ("reject", "  ")},
        )
    assert DraftRkt.objects.filter(process=process).count() == 1
    assert set(Correction.objects.filter(verdict="koreksi").values_list("status", flat=True)) == {
        "open"
    }


def test_every_open_correction_must_be_decided(corrected):
    process, target, anggaran = corrected
    with pytest.raises(DecisionError) as refused:
        make_next_version(process, by=user(KASUBBAG), decisions={target.pk: ("accept", "")})
    assert refused.value.messages == [f"Koreksi #{anggaran.pk} belum diputuskan."]
    with pytest.raises(DecisionError, match="tidak ada atau sudah diputuskan"):
        make_next_version(
            process,
            by=user(KASUBBAG),
            decisions={
                target.pk: ("accept", ""),
                anggaran.pk: ("accept", ""),
                9999: ("accept", ""),
            },
        )
    assert DraftRkt.objects.filter(process=process).count() == 1


def test_it_is_all_or_nothing_when_accepted_values_conflict(at_step_7):
    row = row_of(latest(at_step_7), unit__short_name="PPIK", sub_kegiatan_code__gt="")
    first = correct(at_step_7, "PPIK", row, "satuan", "orang")
    task = open_task(at_step_7, 7, "PPIK")
    second = Correction.objects.create(
        draft=first.draft,
        task=task,
        row_key=row.key,
        field="satuan",
        unit=first.unit,
        author=first.author,
        source="unit_review",
        verdict="koreksi",
        comment="Lain.",
        proposed_value="berkas",
    )
    finish_reviews(at_step_7)
    with pytest.raises(DecisionError, match="tolak salah satunya"):
        make_next_version(
            at_step_7,
            by=user(KASUBBAG),
            decisions={first.pk: ("accept", ""), second.pk: ("accept", "")},
        )
    assert DraftRkt.objects.filter(process=at_step_7).count() == 1
    assert Correction.objects.get(pk=first.pk).status == "open"


def test_an_accepted_removal_leaves_the_row_out(at_step_7):
    row = row_of(latest(at_step_7), unit__short_name="PSDM", sub_kegiatan_code__gt="")
    removal = correct(at_step_7, "PSDM", row, "hapus", comment="Tidak dianggarkan tahun ini.")
    finish_reviews(at_step_7)
    draft = make_next_version(at_step_7, by=user(KASUBBAG), decisions={removal.pk: ("accept", "")})
    assert not draft.rows.filter(key=row.key).exists()
    assert draft.rows.count() == latest_but_one(at_step_7).rows.count() - 1


def latest_but_one(process) -> DraftRkt:
    return DraftRkt.objects.get(process=process, number=latest(process).number - 1)


def test_without_corrections_version_2_is_still_the_output(at_step_8):
    task = open_task(at_step_8, 8)
    with pytest.raises(Invalid, match="versi berikutnya"):
        engine.complete_task(task, by=user(KASUBBAG))
    draft = make_next_version(at_step_8, by=user(KASUBBAG), decisions={})
    assert draft.number == 2 and draft.note == "Tanpa koreksi terbuka."
    assert diff(latest_but_one(at_step_8), draft).is_empty
    with pytest.raises(Conflict, match="sudah dibuat"):
        make_next_version(at_step_8, by=user(KASUBBAG), decisions={})
    engine.complete_task(task, by=user(KASUBBAG))
    assert open_task(at_step_8, 9)


def test_only_the_kasubbag_perencanaan_at_step_8_makes_a_version(at_step_8):
    with pytest.raises(NotAllowed):
        make_next_version(at_step_8, by=user("tim1"), decisions={})
    assert DraftRkt.objects.filter(process=at_step_8).count() == 1


def test_the_page_decides_and_makes_the_next_version(corrected, client_for):
    process, target, anggaran = corrected
    client = client_for(user(KASUBBAG))
    url = reverse("rkt:drafts:next_version", args=[process.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Terlalu besar." in page.content.decode()
    refused = client.post(
        url, {f"keputusan-{target.pk}": "terima", f"keputusan-{anggaran.pk}": "tolak"}
    )
    assert refused.status_code == 422
    assert "wajib disertai alasan" in refused.content.decode()
    done = client.post(
        url,
        {
            f"keputusan-{target.pk}": "terima",
            f"keputusan-{anggaran.pk}": "tolak",
            f"alasan-{anggaran.pk}": "Sesuai pagu.",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("rkt:drafts:version", args=[process.pk, 2])
    assert latest(process).rows.get(key=target.row_key).target == "175"


def test_the_page_numbers_the_corrections_1_2_3_and_its_messages_use_that_number(
    corrected, client_for
):
    process, target, anggaran = corrected
    # ids far from their places in the list, as in a database in use
    Correction.objects.filter(pk=target.pk).update(id=9041)
    Correction.objects.filter(pk=anggaran.pk).update(id=9042)
    client = client_for(user(KASUBBAG))
    url = reverse("rkt:drafts:next_version", args=[process.pk])
    html = client.get(url).content.decode()
    numbers = [row.split("<td>", 1)[1].split("</td>")[0] for row in html.split("<tr id=")[1:]]
    assert numbers == ["1", "2"]
    assert 'name="keputusan-9042"' in html
    refused = client.post(url, {"keputusan-9041": "terima", "keputusan-9042": "tolak"})
    assert "Penolakan koreksi #2 wajib disertai alasan." in refused.content.decode()
    assert "9042" not in refused.content.decode().split('id="pending"')[0]


def test_the_page_shows_a_reviewers_own_position_and_the_rows_unit_apart(at_step_9, client_for):
    row = row_of(latest(at_step_9), unit__short_name="PPIK", sub_kegiatan_code__gt="")
    add_review_comment(
        open_task(at_step_9, 9),
        by=user("sekretaris"),
        row_key=row.key,
        field="baris",
        comment="Perjelas sasaran.",
    )
    engine.complete_task(
        open_task(at_step_9, 9), by=user("sekretaris"), decision="tidak", note="Perbaiki."
    )
    response = client_for(user(KASUBBAG)).get(
        reverse("rkt:drafts:next_version", args=[at_step_9.pk])
    )
    html = response.content.decode()
    author = html.split('class="small rkt-author">')[1].split("</td>")[0]
    described = html.split('class="small rkt-row-ref">')[1].split("</td>")[0]
    assert '<div class="text-body-secondary">Sekretaris</div>' in author  # the position
    assert "PPIK" not in author
    assert "PPIK" in described and row.title in described
