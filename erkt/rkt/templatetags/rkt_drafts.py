"""Template helpers of the Draft RKT pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from erkt.rkt.templatetags.rkt_format import EMPTY, rupiah

register = template.Library()


@register.filter
def shown(value: object) -> str:
    """A row value as the table prints it: rupiah for amounts, a dash for nothing."""
    if isinstance(value, Decimal):
        return rupiah(value)
    return str(value) if value not in (None, "") else EMPTY


@register.filter
def value_of(row: object, field: str) -> str:
    """The shown value of one field of a Draft RKT row (for a correction's "from" side)."""
    if row is None or not hasattr(row, field or ""):
        return EMPTY
    return shown(getattr(row, field))
