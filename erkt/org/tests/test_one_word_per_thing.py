"""One word per thing in the Indonesian UI: "Draft", "Frasa sandi", "Nilai dasar", and one
label ("Ke halaman tugas") for the way back to the task on every step page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2]
TEMPLATES = [p for p in SOURCE.glob("*/templates/**/*.html")]
PYTHON = [
    p for p in SOURCE.glob("*/**/*.py") if "tests" not in p.parts and "migrations" not in p.parts
]

# A translatable Indonesian string: {% translate "..." %} or _("...") / gettext_lazy("...").
UI_STRING = re.compile(r'(?:translate|_)\(?\s*"([^"]+)"')
AVOIDED = {
    "Draf": re.compile(r"\bDraf\b"),
    "Passphrase": re.compile(r"\b[Pp]assphrase\b"),
    "Baseline": re.compile(r"\b[Bb]aseline\b"),
    "Kembali ke tugas": re.compile(r"Kembali ke tugas|Ke halaman tugas untuk"),
}


def ui_strings() -> list[tuple[str, str]]:
    found = []
    for path in TEMPLATES + PYTHON:
        for text in UI_STRING.findall(path.read_text(encoding="utf-8")):
            found.append((path.relative_to(SOURCE).as_posix(), text))
    return found


@pytest.mark.parametrize("word", sorted(AVOIDED))
def test_the_ui_does_not_use_the_other_word(word):
    offending = [(path, text) for path, text in ui_strings() if AVOIDED[word].search(text)]
    assert offending == []
