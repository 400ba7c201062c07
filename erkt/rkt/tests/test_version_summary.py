"""A version's line says what step 8 decided in each reader's language: the counts are
stored with the version (as they were), the sentence written at display."""

from __future__ import annotations

import importlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from erkt.api.models import ApiToken
from erkt.rkt.drafts.models import DraftRkt
from erkt.rkt.drafts.versions import make_next_version
from erkt.rkt.tests.drafts_helpers import latest, row_of, user
from erkt.rkt.tests.test_next_version import KASUBBAG, correct, finish_reviews

migration = importlib.import_module("erkt.rkt.migrations.0006_draft_counts_of_decisions")


@pytest.fixture
def version_2(at_step_7):
    """Version 2 made by a Kasubbag working in English: one correction accepted."""
    draft = latest(at_step_7)
    row = row_of(draft, unit__short_name="PPIK", sub_kegiatan_code__gt="")
    target = correct(at_step_7, "PPIK", row, "target", "175", "Formasi bertambah.")
    finish_reviews(at_step_7)
    with translation.override("en"):
        return make_next_version(
            at_step_7, by=user(KASUBBAG), decisions={target.pk: ("accept", "")}
        )


def rkt_page(process, language: str) -> str:
    client = Client(headers={"accept-language": language})
    client.force_login(user(KASUBBAG))
    return client.get(reverse("rkt:drafts:page", args=[process.pk])).content.decode()


def test_each_reader_reads_the_decisions_in_their_language(version_2):
    process = version_2.process
    assert (version_2.corrections_accepted, version_2.corrections_rejected) == (1, 0)
    indonesian, english = rkt_page(process, "id"), rkt_page(process, "en")
    assert "1 koreksi diterima, 0 ditolak." in indonesian
    assert "1 corrections accepted, 0 rejected." in english
    assert "koreksi diterima" not in english


def test_the_version_keeps_its_note_in_the_official_language(version_2):
    # The version's PDF writes the note: Indonesian, whoever made the version.
    assert version_2.note == "1 koreksi diterima, 0 ditolak."


def test_the_api_answers_the_decisions_in_the_caller_s_language(version_2):
    _token, secret = ApiToken.issue(user(KASUBBAG), name="test")
    api = Client(headers={"authorization": f"Bearer {secret}"})
    url = f"/api/v1/drafts/{version_2.pk}"
    assert api.get(url).json()["note"] == "1 koreksi diterima, 0 ditolak."
    english = api.get(url, headers={"accept-language": "en"}).json()
    assert english["note"] == "1 corrections accepted, 0 rejected."


def test_a_version_stored_without_counts_shows_its_stored_note(at_step_8):
    draft = DraftRkt.objects.get(process=at_step_8, number=1)
    assert draft.corrections_accepted is None
    with translation.override("en"):
        assert draft.summary == draft.note
    assert draft.note in rkt_page(at_step_8, "en")


@pytest.mark.parametrize(
    ("note", "counts"),
    [
        ("1 koreksi diterima, 0 ditolak.", (1, 0)),
        ("12 koreksi diterima, 3 ditolak.", (12, 3)),
        ("2 corrections accepted, 1 rejected.", (2, 1)),
        ("Tanpa koreksi terbuka.", (0, 0)),
        ("No open corrections.", (0, 0)),
        ("Kompilasi 5 Form RKT unit kerja.", None),
        ("1 koreksi diterima, 0 ditolak. Lihat notulen.", None),
        ("", None),
    ],
)
def test_the_migration_reads_the_counts_of_a_stored_summary_exactly(note, counts):
    assert migration.counts_of(note, migration.note_patterns()) == counts
