"""The home page around its panels and Kotak Tugas, written in Python (the content of the
template workflow/home.html it replaced, kept beside erkt/workflow/tests/test_home_html.py).

The panels and the Kotak Tugas were already HTML made in Python; what the template added
(its heading, a loop over the panels, two translations and the include of the Kotak
Tugas) cost some 1,500 Python calls a visit through the template engine. The process's
name is escaped as `{{ }}` escaped it; the panels' HTML is put in as the template put it.
The whitespace is the template's own, so the page is the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext

from erkt.html_rows import escaped
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import per_language
from erkt.url_cache import remembered

if TYPE_CHECKING:  # erkt.workflow.home renders its late panel here
    from erkt.workflow.home import Home, LateTask, ShownPanel


@per_language
def labels() -> tuple[str, str, str]:
    """The page's heading, the "Buka proses" button's text and the running steps' words
    (translated literals, written as the template wrote them)."""
    return gettext("Beranda"), gettext("Buka proses"), gettext("langkah berjalan: %(numbers)s")


def page_content(home: Home, panels: list[ShownPanel], inbox: str) -> str:
    """The content block; `inbox`: the Kotak Tugas (erkt.workflow.inbox.inbox_body)."""
    heading, open_label, running = labels()
    process = ""
    if home.process is not None:
        numbers = home.active_numbers
        steps = (
            f" &middot; {running % {'numbers': ', '.join(map(str, numbers))}}" if numbers else ""
        )
        url = escape(remembered("workflow:process", home.process.pk))
        process = (
            f'<span class="text-body-secondary">{escaped(str(home.process))}{steps}</span>\n'
            f'  <a class="ms-auto btn btn-outline-secondary btn-sm" href="{url}">'
            f'<i class="bi bi-diagram-3" aria-hidden="true"></i> {open_label}</a>'
        )
    return (
        '\n<div class="d-flex flex-wrap align-items-baseline gap-2 mb-3">\n'
        f'  <h1 class="h3 mb-0">{heading}</h1>\n  {process}\n</div>\n'
        f"{_panels(panels)}\n{inbox}\n\n"
    )


def _panels(panels: list[ShownPanel]) -> str:
    if not panels:
        return ""
    shown = [
        f'\n  <div class="home-panel {"col-12" if panel.name == "gantt" else "col-12 col-xl-6"}"'
        f' data-panel="{escaped(panel.name)}">\n    {panel.html}\n  </div>\n'
        for panel in panels
    ]
    return f'\n<div class="row g-4 mb-4" id="home-panels">\n{"".join(shown)}\n</div>\n'


@per_language
def late_labels() -> dict[str, str]:
    """The late panel's words (workflow/home/late.html's) in the active language."""
    return {
        "title": gettext("Yang terlambat"),
        "pass": gettext("putaran %(n)s"),
        "due": gettext("batas %(date)s"),
        "held": gettext("dipegang"),
    }


def late_card(late: list[LateTask]) -> str:
    """workflow/home/late.html with late tasks (the card without one is kept per language):
    the template cost some 400 Python calls a late task."""
    words = late_labels()
    items = "".join(_late_item(item, words) for item in late)
    return (
        '\n<section class="card shadow-sm h-100 border-danger-subtle"'
        ' aria-labelledby="home-late-title" id="home-late">\n'
        '  <div class="card-header bg-white">\n'
        '    <h2 class="h6 fw-semibold mb-0" id="home-late-title"><i class="bi'
        ' bi-exclamation-triangle-fill text-danger" aria-hidden="true"></i>'
        f" {words['title']}</h2>\n"
        "  </div>\n  \n"
        '  <ul class="list-group list-group-flush">\n'
        f"    {items}\n"
        "  </ul>\n  \n"
        "</section>\n"
    )


def _late_item(item: LateTask, words: dict[str, str]) -> str:
    task = item.task
    run = task.step_run
    url = escaped(remembered("workflow:task", task.pk))
    step = escaped(Truncator(run.step.uraian).chars(60))
    again = ""
    if task.pass_number > 1:
        again = f'<span class="badge text-bg-info">{words["pass"] % {"n": task.pass_number}}</span>'
    due = words["due"] % {"date": escaped(tanggal(task.due_date))}
    unit = f"{escaped(task.unit.name)} &middot; " if task.unit else ""
    holders = ", ".join(map(escaped, item.holders))
    return (
        f'\n    <li class="list-group-item" data-late="{task.pk}">\n'
        '      <div class="d-flex flex-wrap gap-2 align-items-baseline">\n'
        f'        <a class="fw-semibold" href="{url}">{run.number}. {step}</a>\n'
        f"        {again}\n"
        f'        <span class="ms-auto small text-danger fw-semibold text-nowrap">{due}</span>\n'
        "      </div>\n"
        f'      <div class="small">{unit}<span class="text-body-secondary">{words["held"]}</span>'
        f" {holders}</div>\n"
        "    </li>\n    "
    )
