"""The base layout's tags (erkt.org.layout): the layout around a page's blocks, written in
Python (the navigation bar among them, in page_body)."""

from django import template

from erkt.org import layout

register = template.Library()


# base.html's four parts read the active language and URL prefix once a page: the first
# keeps the layout's parts in the render context, the others find them there.
PARTS = "erkt_layout_parts"


def parts_of(context) -> layout.Parts:
    parts = context.render_context.get(PARTS)
    if parts is None:
        parts = context.render_context[PARTS] = layout.active_parts()
    return parts


@register.simple_tag(takes_context=True)
def page_start(context):
    return layout.page_start(parts_of(context))


@register.simple_tag(takes_context=True)
def page_head(context):
    return layout.page_head(parts_of(context))


@register.simple_tag(takes_context=True)
def page_body(context):
    return layout.page_body(context, parts_of(context))


@register.simple_tag(takes_context=True)
def page_end(context):
    return layout.page_end(context, parts_of(context))
