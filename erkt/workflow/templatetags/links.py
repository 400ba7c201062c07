"""`{{ task.pk|link:"workflow:task" }}`: the URL of a row without resolving the pattern
anew (erkt.links), for the rows of long lists; the same URL as `{% url %}`."""

from __future__ import annotations

from django import template

from erkt.links import link_to

register = template.Library()


@register.filter
def link(pk: int, name: str) -> str:
    return link_to(name)(pk)
