"""The SOP identity sheet's paired lists written in Python ({% identity_pair %}) are
the partial they replaced (sop/_identity_pair.html), byte for byte, escaping included."""

# ruff: noqa: E501
from __future__ import annotations

import pytest
from django.template import Context, Template

# sop/_identity_pair.html before it was written in Python.
PARTIAL = (
    "<tr><th>{{ left_label }}:</th><th>{{ right_label }}:</th></tr>\n"
    "<tr>\n"
    '  <td>{% if left_links %}<ol>{% for text, url in left_links %}<li>{% if url %}<a href="{{ url }}">{{ text }}</a>{% else %}{{ text }}{% endif %}</li>{% endfor %}</ol>{% elif left %}<ol>{% for item in left %}<li>{{ item }}</li>{% endfor %}</ol>{% else %}-{% endif %}</td>\n'
    "  <td>{% if right %}<ol>{% for item in right %}<li>{{ item }}</li>{% endfor %}</ol>{% else %}-{% endif %}</td>\n"
    "</tr>\n"
)
SCRIPT = "<script>alert(1)</script>"
CASES = [
    {"left": [f"UU {SCRIPT}", "PP & Perbup"], "right": ["S1 - Sarjana", SCRIPT]},
    {"left": [], "right": []},
    {
        "left": ["SOP A"],
        "right": ["Komputer"],
        "left_links": [(f"SOP {SCRIPT}", "/sop/a/?x=1&y=2"), ("SOP B", "")],
    },
    {"left": [SCRIPT], "right": [], "left_links": []},
]


@pytest.mark.parametrize("values", CASES)
def test_the_pair_is_the_partial_it_replaced(values):
    context = {"left_label": f"Dasar {SCRIPT}", "right_label": "Kualifikasi", **values}
    expected = Template(PARTIAL).render(Context(context))
    written = Template(
        "{% load sop_document %}{% identity_pair left_label left right_label right left_links=left_links %}"
    ).render(Context(context))
    assert written == expected
    assert SCRIPT not in written
