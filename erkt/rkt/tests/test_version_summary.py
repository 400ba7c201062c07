"""A version's line says what made it (the Form RKTs compiled, step 8's decisions) in each
reader's language: the counts are stored with the version (as they were), the sentence
written at display."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from erkt.api.models import ApiToken
from erkt.rkt.drafts.models import DraftRkt
from erkt.rkt.drafts.versions import make_next_version
from erkt.rkt.tests.drafts_helpers import latest, row_of, user
from erkt.rkt.tests.test_next_version import KASUBBAG, correct, finish_reviews

migration = importlib.import_module("erkt.rkt.migrations.0006_draft_summary_counts")


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
    assert "Corrections accepted: 1, rejected: 0." in english
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
    assert english["note"] == "Corrections accepted: 1, rejected: 0."


def test_version_1_says_how_many_forms_it_compiled_in_each_language(at_step_8):
    draft = DraftRkt.objects.get(process=at_step_8, number=1)
    assert draft.forms_compiled == 5
    assert draft.note == "Kompilasi 5 Form RKT unit kerja."
    assert "Kompilasi 5 Form RKT unit kerja." in rkt_page(at_step_8, "id")
    english = rkt_page(at_step_8, "en")
    assert "Compilation of 5 Form RKT of the work units." in english
    assert "Kompilasi" not in english


def test_a_version_stored_without_counts_shows_its_stored_note(at_step_8):
    draft = DraftRkt.objects.get(process=at_step_8, number=1)
    # As a version stored before the counts were (versions cannot be changed otherwise).
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {DraftRkt._meta.db_table} SET forms_compiled = NULL WHERE id = %s",
            [draft.pk],
        )
    assert "Kompilasi 5 Form RKT unit kerja." in rkt_page(at_step_8, "en")


@pytest.mark.parametrize(
    ("note", "counts"),
    [
        ("1 koreksi diterima, 0 ditolak.", (None, 1, 0)),
        ("12 koreksi diterima, 3 ditolak.", (None, 12, 3)),
        ("2 corrections accepted, 1 rejected.", (None, 2, 1)),
        ("Corrections accepted: 2, rejected: 1.", (None, 2, 1)),
        ("Tanpa koreksi terbuka.", (None, 0, 0)),
        ("No open corrections.", (None, 0, 0)),
        ("Kompilasi 5 Form RKT unit kerja.", (5, None, None)),
        ("Compilation of 4 Form RKT of the work units.", (4, None, None)),
        ("1 koreksi diterima, 0 ditolak. Lihat notulen.", None),
        ("Form RKT dikirim.", None),
    ],
)
def test_the_migration_reads_the_counts_of_a_stored_summary_exactly(note, counts):
    found = migration.counts_of(note, migration.note_patterns())
    if counts is None:
        assert found is None
    else:
        fields = ("forms_compiled", "corrections_accepted", "corrections_rejected")
        assert tuple(found.get(name) for name in fields) == counts
