"""The base layout's tags: `{% main_nav %}` (the navigation bar, rendered in Python) and
the parts that are built once (erkt.org.layout)."""

from django import template

from erkt.org import layout
from erkt.org.navigation import main_nav as render_main_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context) -> str:
    return render_main_nav(context)


register.simple_tag(layout.head_assets, name="head_assets")
register.simple_tag(layout.server_error_alert, name="server_error_alert")
