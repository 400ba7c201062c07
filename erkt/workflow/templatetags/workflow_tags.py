"""Small template helpers of the workflow pages: status colours and deadline badges."""

from __future__ import annotations

import datetime
import html

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from erkt.form_widgets import field_block, form_errors_block
from erkt.per_language import Kept
from erkt.workflow.deadlines import Deadline

register = template.Library()

TONES = {
    "running": "primary",
    "completed": "success",
    "cancelled": "secondary",
    "open": "primary",
    "done": "success",
    "active": "primary",
    "pending": "light",
}


BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@register.simple_tag
def form_field(field) -> SafeString:
    """{% include "workflow/_field.html" %} for `field`, written in Python (the same HTML)."""
    return field_block(field)


@register.simple_tag
def form_errors(form) -> SafeString:
    """{% include "workflow/_form_errors.html" with form=form %}, written in Python."""
    return form_errors_block(form)


@register.simple_tag
def earlier_items(earlier) -> SafeString:
    """The task page's earlier outputs, written in Python (erkt.workflow.task_html)."""
    from erkt.workflow.task_html import earlier_items as items

    return items(earlier)


@register.filter
def tanggal_singkat(value: datetime.date | datetime.datetime | None, empty: str = "-") -> str:
    """ "2 Des 2026" for narrow table cells; "2 Des 2026 14:05" for a datetime (local time).

    Indonesian whatever the browser's language, like erkt.org's `tanggal` filter.
    """
    if not value:
        return empty
    time = ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        time = f" {value:%H:%M}"
    return f"{value.day} {BULAN_SINGKAT[value.month - 1]} {value.year}{time}"


@register.filter
def status_tone(status: str) -> str:
    """The Bootstrap colour of a process, step or task status."""
    return TONES.get(str(status), "secondary")


DEADLINE_ICONS = {
    "late": mark_safe('<i class="bi bi-exclamation-triangle-fill"></i> '),
    "today": mark_safe('<i class="bi bi-alarm"></i> '),
}


@register.simple_tag
def deadline_badge(deadline: Deadline | None) -> SafeString:
    """ "sisa 3 hari kerja" grey, "jatuh tempo hari ini" amber, "terlambat 2 hari kerja" red.

    An f-string rather than an inclusion template or format_html: a list renders one per
    row (the Kotak Tugas, Pemantauan, the process page). The text is escaped; the icons
    are this module's own markup.
    """
    if not deadline:
        return mark_safe("\n")
    icon = ""
    if deadline.is_late:
        icon = DEADLINE_ICONS["late"]
    elif deadline.is_today:
        icon = DEADLINE_ICONS["today"]
    tone = deadline.tone
    return mark_safe(
        f'<span class="badge text-bg-{tone} deadline deadline-{tone}">'
        f"{icon}{html.escape(deadline.text)}</span>\n"
    )


@register.simple_tag
def step_rows(runs) -> str:
    """The process page's step table rows (erkt.workflow.process_html)."""
    from erkt.workflow.process_html import step_rows as rows

    return rows(runs)


@register.simple_tag
def process_facts(process) -> str:
    """The process card's terms (erkt.workflow.process_html)."""
    from erkt.workflow.process_html import facts

    return facts(process)


@register.simple_tag
def open_task_items(tasks) -> str:
    """The process card's open tasks (erkt.workflow.process_html)."""
    from erkt.workflow.process_html import open_task_items as items

    return items(tasks)


@register.simple_tag
def history_rows(history) -> str:
    """The process page's history rows (erkt.workflow.process_html)."""
    from erkt.workflow.process_html import history_rows as rows

    return rows(history)


class PerLanguageNode(template.Node):
    """Its content rendered once per language and kept (see `per_language`)."""

    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist
        self.kept = Kept()

    def render(self, context: template.Context) -> SafeString:
        # In a context of its own: a variable put inside by mistake renders empty on every
        # page, where a test sees it, instead of one reader's value shown to the next.
        return self.kept.get((), lambda: self.nodelist.render(context.new()))


@register.tag
def per_language(parser, token) -> PerLanguageNode:
    """`{% per_language %}...{% endper_language %}`: markup that depends on nothing but the
    language (headings, table heads: `{% translate %}` and text only, never a variable, a
    URL or a CSRF token), rendered once per language and kept with the compiled template:
    a `{% translate %}` costs some sixty Python calls on every render."""
    nodelist = parser.parse(("endper_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)
