"""erkt.per_language: a value built once per language and kept until a setting changes."""

from __future__ import annotations

from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from erkt.per_language import Kept, per_language, per_language_alone


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


def test_a_value_without_urls_is_kept_per_language_alone():
    built = []

    @per_language_alone
    def heading() -> str:
        built.append(translation.get_language())
        return gettext("Kotak Tugas")

    with translation.override("id"):
        assert heading() == heading() == "Kotak Tugas"
        with override_settings(LANGUAGE_CODE="id"):
            assert heading() == "Kotak Tugas"
    with translation.override("en"):
        assert heading() == "Task inbox"
    assert built == ["id", "id", "en"]


def test_a_caller_that_has_read_the_language_and_prefix_gives_them():
    kept = Kept()
    built = []

    def build():
        built.append(1)
        return gettext("Kotak Tugas")

    with translation.override("en"):
        assert kept.get_in("en", "/", ("inbox",), build) == "Task inbox"
        # The same key as get() in the same language and prefix: built once.
        assert kept.get(("inbox",), build) == "Task inbox"
    assert built == [1]


def test_a_kept_value_with_a_limit_forgets_all_when_full():
    kept = Kept(limit=2)
    for key in ("a", "b", "c"):
        kept.get_in("id", "/", (key,), lambda key=key: key.upper())
    assert list(kept.values.values()) == ["C"]
