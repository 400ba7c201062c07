"""The SOP identity sheet's paired lists (Dasar Hukum / Kualifikasi Pelaksana, ...),
written in Python for sop/document.html (the page and the PDF).

The sheet's three pairs were an include each of a partial with a `with` and a loop per
list: a context push, a template lookup and a node walk per item. Here each item is
escaped as `{{ item }}` escapes it (localised, then conditional_escape), and the markup,
whitespace included, is the partial's own.
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from erkt.html_rows import escaped

register = template.Library()

PAIR = "<tr><th>{}:</th><th>{}:</th></tr>\n<tr>\n  <td>{}</td>\n  <td>{}</td>\n</tr>\n"


def _items(items) -> str:
    """`<ol><li>..</li></ol>` of the items, or "-" when there is none."""
    if not items:
        return "-"
    return "<ol>" + "".join(f"<li>{escaped(localize(item))}</li>" for item in items) + "</ol>"


def _links(links) -> str:
    """`<ol>` of (text, url) entries, each linked when it has a url."""
    lines = (
        f'<li><a href="{escaped(url)}">{escaped(text)}</a></li>'
        if url
        else f"<li>{escaped(text)}</li>"
        for text, url in links
    )
    return "<ol>" + "".join(lines) + "</ol>"


@register.simple_tag
def identity_pair(left_label, left, right_label, right, left_links=None) -> SafeString:
    """Two labelled lists side by side; `left_links` (Keterkaitan) in place of `left`."""
    first = _links(left_links) if left_links else _items(left)
    return mark_safe(PAIR.format(escaped(left_label), escaped(right_label), first, _items(right)))
