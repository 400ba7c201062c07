"""Helpers for table rows written in Python (format_html) instead of template nodes.

A list page renders one row per item; each `{{ }}`, `{% if %}` and filter of a template
row costs a node lookup per row. The rows of the long lists are written with format_html
(every value escaped as autoescape would), their labels translated once per table.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

from django.utils.formats import localize
from django.utils.text import Truncator

from erkt.html_rows import escaped


@functools.lru_cache(maxsize=1024)
def _needs_truncating(text: str, length: int) -> bool:
    return len(unicodedata.normalize("NFC", text)) > length


def truncate_chars(text: str, length: int) -> str:
    """`{{ text|truncatechars:length }}`: the NFC text when it is short enough (what
    Truncator.chars returns then), else Truncator's own answer, with its translated
    ellipsis."""
    if not _needs_truncating(text, length):
        return unicodedata.normalize("NFC", text)
    return Truncator(text).chars(length)


def whole_number(value: int) -> str:
    """`localize(value)` of an int: below a thousand either way it is str(value) (no
    grouping separator to place), without localize's per-call format lookups."""
    if -1000 < value < 1000:
        return str(value)
    return localize(value)


def labelled(template: str, **labels: str) -> str:
    """`template` (a str.format row) with each `{name}` replaced by the escaped label once,
    so a table's rows escape only their values (braces in a label stay literal text)."""
    for name, label in labels.items():
        text = escaped(label).replace("{", "{{").replace("}", "}}")
        template = template.replace("{" + name + "}", text)
    return template


class Converted(dict):
    """`convert(key)` by key, worked out once per distinct key: a value seen before is a
    dict lookup, without a Python call. `convert` must be a pure function of the key (a
    number's conversion or text), so the values can be kept across requests: the Renstra's
    recurring targets and pagu, Pemantauan's averages, converted once per value, not once
    per request; at most LIMIT of them (then it starts again)."""

    LIMIT = 4096

    def __init__(self, convert: Callable) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, key):
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[key] = self.convert(key)
        return value
