"""erkt.per_language: a value built once per language and kept until a setting changes."""

from __future__ import annotations

from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from erkt.per_language import per_language


def kept_translation():
    built = []

    @per_language
    def title(suffix: str) -> str:
        built.append(suffix)
        return gettext("Kotak Tugas") + suffix

    return title, built


def test_it_builds_once_per_language_and_argument():
    title, built = kept_translation()
    with translation.override("id"):
        assert title("!") == "Kotak Tugas!"
        assert title("!") == "Kotak Tugas!"
        assert title("?") == "Kotak Tugas?"
    with translation.override("en"):
        assert title("!") == "Task inbox!"
    assert built == ["!", "?", "!"]


def test_a_settings_change_builds_it_again():
    title, built = kept_translation()
    with translation.override("id"):
        title("!")
        with override_settings(LANGUAGE_CODE="id"):
            title("!")
    assert built == ["!", "!"]
