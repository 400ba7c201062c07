"""Helpers for table rows written in Python (format_html) instead of template nodes.

A list page renders one row per item; each `{{ }}`, `{% if %}` and filter of a template
row costs a node lookup per row. The rows of the long lists are written with format_html
(every value escaped as autoescape would), their labels translated once per table.
"""

from __future__ import annotations

import functools
import unicodedata

from django.utils.text import Truncator


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
