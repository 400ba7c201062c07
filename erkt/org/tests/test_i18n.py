"""Bahasa Indonesia by default, English on request; the English catalogue is complete.

The source language of every UI string is Bahasa Indonesia: the English catalogue
(erkt/locale/en/LC_MESSAGES/django.po, compiled to django.mo and committed) must translate
every message, keep its placeholders, and be compiled: a fresh clone works without gettext.
"""

from __future__ import annotations

import ast
import gettext
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

import erkt

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w+\}")

LOGIN = reverse("login")
INBOX = reverse("workflow:inbox")
SET_LANGUAGE = reverse("set_language")


# --- The language a page speaks ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_is_indonesian_by_default(client: Client):
    html = client.get(LOGIN).content.decode()
    assert '<html lang="id">' in html
    assert "Masuk</button>" in html
    assert "Kata sandi" in html


@pytest.mark.django_db
def test_a_browser_that_asks_for_english_gets_the_login_page_in_english(client: Client):
    html = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "Sign in</button>" in html
    assert "Password" in html
    assert "Kata sandi" not in html


@pytest.mark.django_db
def test_choosing_english_on_the_login_page_keeps_the_login_page_english(client: Client):
    response = client.post(SET_LANGUAGE, {"language": "en", "next": LOGIN})
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    html = client.get(LOGIN).content.decode()
    assert "Sign in</button>" in html


@pytest.mark.django_db
def test_the_login_page_offers_both_languages_each_named_in_itself(client: Client):
    html = client.get(LOGIN).content.decode()
    switcher = _between(html, 'id="language-links"', "</form>")
    assert f'action="{SET_LANGUAGE}"' in html
    assert 'name="language" value="en"' in switcher and ">English</button>" in switcher
    # The current language is plain text, not a button.
    assert "Bahasa Indonesia</span>" in switcher
    assert 'value="id"' not in switcher


def test_the_inbox_is_indonesian_by_default(client_for, kepala):
    html = client_for(kepala).get(INBOX).content.decode()
    assert '<h1 class="h3 mb-0">Kotak Tugas</h1>' in html


def test_after_choosing_english_in_the_user_menu_the_inbox_is_english(client_for, kepala):
    client = client_for(kepala)
    response = client.post(SET_LANGUAGE, {"language": "en", "next": INBOX})
    assert response.status_code == 302
    assert response["Location"] == INBOX
    html = client.get(INBOX).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="h3 mb-0">Task inbox</h1>' in html
    assert "Kotak Tugas" not in html


def test_choosing_bahasa_indonesia_again_brings_the_inbox_back(client_for, kepala):
    client = client_for(kepala)
    client.post(SET_LANGUAGE, {"language": "en", "next": INBOX})
    client.post(SET_LANGUAGE, {"language": "id", "next": INBOX})
    html = client.get(INBOX).content.decode()
    assert '<h1 class="h3 mb-0">Kotak Tugas</h1>' in html


def test_the_user_menu_offers_both_languages_and_marks_the_current_one(client_for, kepala):
    html = client_for(kepala).get(INBOX).content.decode()
    menu = _between(html, 'id="language-menu"', "</form>")
    assert f'action="{SET_LANGUAGE}"' in html
    assert f'name="next" value="{INBOX}"' in menu
    assert re.search(r'active"[^>]*value="id"[^>]*aria-current="true">Bahasa Indonesia<', menu)
    assert re.search(r'value="en"[^>]*>English<', menu)


def test_the_official_sop_document_stays_indonesian_in_an_english_page(client_for, kepala):
    client = client_for(kepala)
    client.post(SET_LANGUAGE, {"language": "en"})
    html = client.get(reverse("sop:detail", args=["penyusunan-rkt"])).content.decode()
    assert "Download PDF" in html
    assert "STANDAR OPERASIONAL PROSEDUR" in html
    assert "Nomor SOP" in html


@pytest.mark.django_db
def test_an_api_client_that_asks_for_english_gets_english_errors(client: Client, demo):
    body = json.dumps({"username": "kepala", "password": "salah"})
    url = "/api/v1/auth/token"
    english = client.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    indonesian = client.post(url, body, content_type="application/json")
    assert english.status_code == indonesian.status_code == 401
    assert english.json() == {"detail": "Wrong username or password."}
    assert indonesian.json() == {"detail": "Username atau kata sandi salah."}


# --- The English catalogue ----------------------------------------------------------------


def test_every_message_has_an_english_translation():
    untranslated = [
        entry["msgid"]
        for entry in _po_entries()
        if entry["fuzzy"] or not all(entry["msgstr"].values())
    ]
    assert untranslated == [], "run makemessages -l en and translate these"


def test_every_translation_keeps_the_placeholders_of_its_message():
    broken = []
    for entry in _po_entries():
        source = set(PLACEHOLDER.findall(entry["msgid"] + entry["msgid_plural"]))
        translated = set(PLACEHOLDER.findall("".join(entry["msgstr"].values())))
        if source != translated:
            broken.append((entry["msgid"], sorted(source), sorted(translated)))
    assert broken == []


def test_the_compiled_catalogue_matches_the_po_file():
    with (CATALOGUE / "django.mo").open("rb") as mo:
        compiled = dict(gettext.GNUTranslations(mo)._catalog)
    compiled.pop("", None)  # the header: makemessages rewrites its date on every run
    assert compiled == _expected_catalogue(), "run `erkt compilemessages` and commit django.mo"


TRANSLATING = {"_", "gettext", "pgettext", "ngettext", "npgettext", "gettext_lazy", "pgettext_lazy"}


def test_no_text_is_translated_inside_an_f_string():
    # xgettext does not read inside f-strings: makemessages would drop such a text from the
    # catalogue, and the page would fall back to Indonesian in English.
    hidden = []
    for path in sorted(Path(erkt.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [
                    f"{path.name}:{call.lineno}"
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call) and getattr(call.func, "id", None) in TRANSLATING
                ]
    assert hidden == [], "translate the text before the f-string"


# --- Reading the .po file, as msgfmt does -------------------------------------------------------


def _between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def _expected_catalogue() -> dict:
    """What msgfmt compiles: translated, non-fuzzy entries keyed like GNUTranslations."""
    catalogue: dict = {}
    for entry in _po_entries():
        if entry["fuzzy"] or not all(entry["msgstr"].values()):
            continue
        key = (
            entry["msgid"]
            if entry["msgctxt"] is None
            else f"{entry['msgctxt']}\x04{entry['msgid']}"
        )
        if entry["msgid_plural"]:
            catalogue.update({(key, n): text for n, text in entry["msgstr"].items()})
        else:
            catalogue[key] = entry["msgstr"][0]
    return catalogue


def _po_entries() -> list[dict]:
    """The messages of django.po (not the header, not obsolete ones)."""
    entries, entry, field = [], _new_entry(), None
    lines = (CATALOGUE / "django.po").read_text(encoding="utf-8").splitlines()
    for line in [*lines, ""]:
        if not line.strip() or (line.startswith("#") and entry["msgid"] is not None):
            if entry["msgid"]:
                entries.append(entry)
            entry, field = _new_entry(), None
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        if not line.strip() or line.startswith("#"):
            continue
        keyword, _, value = line.partition(" ")
        if line.startswith('"'):
            keyword, value = field, line
        elif keyword.startswith("msgstr["):
            field = ("msgstr", int(keyword[7:-1]))
            keyword = field
        elif keyword == "msgstr":
            field = keyword = ("msgstr", 0)
        else:
            field = keyword
        text = ast.literal_eval(value)
        if isinstance(keyword, tuple):
            entry["msgstr"][keyword[1]] = entry["msgstr"].get(keyword[1], "") + text
        else:
            entry[keyword] = (entry[keyword] or "") + text
    return entries


def _new_entry() -> dict:
    return {"msgctxt": None, "msgid": None, "msgid_plural": "", "msgstr": {}, "fuzzy": False}
