"""The base layout's tags (erkt.org.layout): the layout around a page's blocks, written in
Python, and `{% main_nav %}` (the navigation bar)."""

from django import template

from erkt.org import layout
from erkt.org.navigation import main_nav as render_main_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context) -> str:
    return render_main_nav(context)


register.simple_tag(layout.head_assets, name="head_assets")
register.simple_tag(layout.server_error_alert, name="server_error_alert")
register.simple_tag(layout.page_start, name="page_start")
register.simple_tag(layout.page_head, name="page_head")
register.simple_tag(layout.page_body, name="page_body", takes_context=True)
register.simple_tag(layout.page_end, name="page_end", takes_context=True)
