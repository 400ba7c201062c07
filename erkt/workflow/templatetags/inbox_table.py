"""The Kotak Tugas's table rows, rendered in Python (erkt.workflow.inbox)."""

from django import template

from erkt.workflow.inbox import inbox_table_rows, late_table_rows

register = template.Library()
register.simple_tag(inbox_table_rows, name="inbox_rows")
register.simple_tag(late_table_rows, name="late_rows")
