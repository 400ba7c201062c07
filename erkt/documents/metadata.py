"""What every produced file says about itself: title, organisation, language, dates.

The dates come from the snapshot (the day it records, e.g. when the version was made or
the letter dated), never from the clock, so rendering the same snapshot again gives the
same file properties.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from erkt.org.templatetags.indonesian import BULAN

LANGUAGE = "id-ID"
MONTHS = {name: number for number, name in enumerate(BULAN, start=1)}
TANGGAL = re.compile(r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Keys that hold the day a document speaks for, most telling first: the date a letter or
# a signed document bears (its signature's place and date), else the day it was made.
DATE_KEYS = (
    "issued_on",
    "signed_on",
    "submitted_on",
    "tanggal_surat",
    "tanggal",
    "place_date",
    "created_on",
)
FALLBACK = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _strings(value, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for child_key, child in value.items():
            yield from _strings(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child, key)
    elif isinstance(value, str):
        yield key, value


def parse_date(text: str) -> datetime.datetime | None:
    """'29 November 2026' or '2026-11-29...' as midnight UTC of that day."""
    match = TANGGAL.search(text)
    if match:
        day, month, year = int(match[1]), MONTHS[match[2]], int(match[3])
    else:
        match = ISO.match(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return datetime.datetime(year, month, day, tzinfo=datetime.UTC)
    except ValueError:
        return None


def issued_at(snapshot: dict) -> datetime.datetime:
    """The day the snapshot's document is dated: the first date under the most telling key
    (top-level keys before nested ones)."""
    top = [(key, value) for key, value in snapshot.items() if isinstance(value, str)]
    for wanted in DATE_KEYS:
        for pairs in (top, list(_strings(snapshot))):
            for key, text in pairs:
                if key == wanted and (found := parse_date(text)):
                    return found
    return FALLBACK


def organisation(snapshot: dict) -> str:
    kop = snapshot.get("kop") or {}
    return kop.get("name") or snapshot.get("organization", "") or ""
