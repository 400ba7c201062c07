"""The Kotak Tugas rendered in Python (erkt.workflow.inbox): `{% inbox_body %}` reads
`tasks`, `late_under`, `on_home` and `may_start` from the page's context."""

from django import template

from erkt.workflow.inbox import inbox_body as render_inbox_body

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_body(context) -> str:
    return render_inbox_body(
        context.get("tasks") or [],
        context.get("late_under") or [],
        on_home=bool(context.get("on_home")),
        may_start=bool(context.get("may_start")),
    )
