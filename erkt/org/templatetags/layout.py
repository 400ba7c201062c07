"""The layout's tags: `{% main_nav %}`, the navigation bar rendered in Python."""

from django import template

from erkt.org.navigation import main_nav as render_main_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context) -> str:
    return render_main_nav(context)
