"""Links in long lists: a URL pattern reversed once per request, then formatted per row.

`{% url 'workflow:task' task.pk %}` resolves the pattern anew on every row (tens of
microseconds each; a list of 50 tasks spends milliseconds on it). `link_to(name)` reverses
the pattern once with a placeholder and returns a function that puts a row's argument in
its place: the same URL, script prefix included, for patterns whose first argument is an int.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import get_script_prefix, reverse

PLACEHOLDER = 2_147_483_647  # no real primary key; an int every int converter accepts
_TEXT = str(PLACEHOLDER)
_patterns: dict[tuple[str, tuple[str, ...], str], tuple[str, str]] = {}


def link_to(name: str, *rest: str) -> Callable[[int], str]:
    """`link_to("workflow:task")(5) == reverse("workflow:task", args=[5])`; `rest`: the
    pattern's further arguments, the same for every row (`link_to("documents:download",
    "pdf")(5) == reverse("documents:download", args=[5, "pdf"])`)."""
    key = (name, rest, get_script_prefix())
    parts = _patterns.get(key)
    if parts is None:
        url = reverse(name, args=[PLACEHOLDER, *rest])
        head, _sep, tail = url.partition(_TEXT)
        parts = _patterns[key] = (head, tail)
    head, tail = parts
    return lambda pk: f"{head}{int(pk)}{tail}"
