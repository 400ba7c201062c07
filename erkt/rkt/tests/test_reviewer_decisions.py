"""Steps 9 and 10: the Sekretaris and the Kepala Badan comment, decide, and freeze the final RKT."""

from __future__ import annotations

import pytest
from django.urls import reverse

from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.rkt.drafts.corrections import add_review_comment
from erkt.rkt.drafts.models import Correction, DraftRkt, ImmutableError
from erkt.rkt.drafts.versions import make_next_version
from erkt.rkt.tests.drafts_helpers import latest, next_version, open_task, row_of, user
from erkt.workflow import engine
from erkt.workflow.errors import Invalid, NotAllowed


def decide(process, number: int, username: str, decision: str, note: str = ""):
    # step 10 "ya" is the Kepala's signature: the demo certificate's passphrase
    signs = number == 10 and decision == "ya"
    return engine.complete_task(
        open_task(process, number),
        by=user(username),
        decision=decision,
        note=note,
        payload={"passphrase": DEMO_PASSPHRASE} if signs else None,
    )


def iku_row(process):
    return row_of(latest(process), key__startswith="iku:")


def test_tidak_at_step_9_sends_the_row_comments_back_to_step_8(at_step_9):
    row = iku_row(at_step_9)
    comment = add_review_comment(
        open_task(at_step_9, 9),
        by=user("sekretaris"),
        row_key=row.key,
        field="target",
        comment="Sesuaikan dengan RPJMD.",
        proposed_value="78",
    )
    decide(at_step_9, 9, "sekretaris", "tidak", "Perbaiki target IKU.")
    step_8 = open_task(at_step_9, 8)
    assert step_8.return_reason == "Perbaiki target IKU."
    comment.refresh_from_db()
    assert (comment.status, comment.source, comment.draft.number) == ("open", "sekretaris", 2)
    draft = next_version(at_step_9, {comment.pk: ("accept", "")})
    assert draft.number == 3
    assert draft.rows.get(key=row.key).target == "78"
    assert open_task(at_step_9, 9)


def test_tidak_without_row_comments_makes_the_note_the_correction(at_step_9):
    decide(at_step_9, 9, "sekretaris", "tidak", "Lengkapi indikator sub kegiatan.")
    general = Correction.objects.get(source="sekretaris")
    assert (general.row_key, general.comment, general.status) == (
        "",
        "Lengkapi indikator sub kegiatan.",
        "open",
    )
    with pytest.raises(Invalid, match="belum diputuskan"):
        make_next_version(at_step_9, by=user("kasubbag.perencanaan"), decisions={})
    draft = next_version(at_step_9, {general.pk: ("accept", "Indikator dilengkapi.")})
    assert draft.number == 3


def test_ya_is_refused_while_the_reviewer_has_comments(at_step_9):
    add_review_comment(
        open_task(at_step_9, 9),
        by=user("sekretaris"),
        row_key=iku_row(at_step_9).key,
        field="baris",
        comment="Perjelas.",
    )
    with pytest.raises(Invalid, match="pilih 'tidak'"):
        decide(at_step_9, 9, "sekretaris", "ya")
    assert open_task(at_step_9, 9)


def test_only_the_reviewer_of_the_open_step_comments(at_step_9):
    with pytest.raises(NotAllowed):
        add_review_comment(
            open_task(at_step_9, 9), by=user("kepala"), row_key="", field="baris", comment="x"
        )


def test_ya_at_step_10_freezes_the_current_version_as_final(at_step_10):
    decide(at_step_10, 10, "kepala", "ya")
    draft = latest(at_step_10)
    assert (draft.number, draft.status, draft.frozen_by) == (2, "final", user("kepala"))
    assert draft.frozen_at is not None
    assert DraftRkt.objects.get(process=at_step_10, number=1).status == "draft"
    with pytest.raises(ImmutableError):
        draft.freeze(by=user("kepala"))
    assert open_task(at_step_10, 11)


def test_tidak_at_step_10_returns_the_kepala_comments_to_step_8(at_step_10):
    row = row_of(latest(at_step_10), sub_kegiatan_code__gt="")
    add_review_comment(
        open_task(at_step_10, 10),
        by=user("kepala"),
        row_key=row.key,
        field="anggaran",
        comment="Hemat.",
        proposed_value="10.000.000",
    )
    decide(at_step_10, 10, "kepala", "tidak", "Efisiensi anggaran.")
    comment = Correction.objects.get(source="kepala")
    assert comment.status == "open" and comment.unit == row.unit
    assert latest(at_step_10).status == "draft"
    draft = next_version(at_step_10, {comment.pk: ("reject", "Sudah sesuai pagu.")})
    assert draft.rows.get(key=row.key).anggaran == row.anggaran
    decide(at_step_10, 9, "sekretaris", "ya")
    decide(at_step_10, 10, "kepala", "ya")
    assert latest(at_step_10).number == 3 and latest(at_step_10).is_final


def test_the_review_page_records_a_comment(at_step_9, client_for, sekretaris, kepala):
    url = reverse("rkt:drafts:review", args=[at_step_9.pk])
    assert client_for(kepala).get(url).status_code == 302  # step 10 is not open yet
    page = client_for(sekretaris).get(url)
    assert page.status_code == 200
    row = iku_row(at_step_9)
    post = reverse("rkt:drafts:review_comment", args=[at_step_9.pk])
    refused = client_for(sekretaris).post(
        post, {"row_key": row.key, "field": "anggaran", "proposed_value": "abc", "comment": "x"}
    )
    assert refused.status_code == 422 and "angka rupiah" in refused.content.decode()
    done = client_for(sekretaris).post(
        post, {"row_key": row.key, "field": "target", "proposed_value": "77", "comment": "Naik."}
    )
    assert done.status_code == 302 and done["Location"].endswith(f"#baris-{row.order}")
    assert Correction.objects.get(source="sekretaris").proposed_value == "77"
