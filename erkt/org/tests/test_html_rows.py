"""erkt.html_rows.row writes what format_html writes."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from erkt.html_rows import row

TEMPLATE = '<tr data-id="{}"><td>{}</td><td>{}</td></tr>'


def test_it_escapes_every_value_as_format_html_does():
    values = (7, "<script>alert('x')</script> & \"co\"", mark_safe("<b>aman</b>"))
    assert row(TEMPLATE, *values) == format_html(TEMPLATE, *values)
    assert "<script>" not in row(TEMPLATE, *values)
    assert "<b>aman</b>" in row(TEMPLATE, *values)
