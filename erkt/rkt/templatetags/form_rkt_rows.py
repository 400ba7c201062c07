"""{% form_rows %} and {% form_row %}: the Form RKT table's body and one row, written in
Python (erkt.rkt.unit_forms.rows_html)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from erkt.rkt.unit_forms.rows_html import form_row as _form_row
from erkt.rkt.unit_forms.rows_html import form_rows as _form_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def form_rows(context) -> SafeString:
    return _form_rows(context)


@register.simple_tag(takes_context=True)
def form_row(context) -> SafeString:
    return _form_row(context)
