"""The home page around its panels and Kotak Tugas, written in Python (the content of the
template workflow/home.html it replaced, kept beside erkt/workflow/tests/test_home_html.py).

The panels and the Kotak Tugas were already HTML made in Python; what the template added
(its heading, a loop over the panels, two translations and the include of the Kotak
Tugas) cost some 1,500 Python calls a visit through the template engine. The process's
name is escaped as `{{ }}` escaped it; the panels' HTML is put in as the template put it.
The whitespace is the template's own, so the page is the same.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext

from erkt.html_rows import escaped
from erkt.per_language import per_language
from erkt.url_cache import remembered
from erkt.workflow.home import Home, ShownPanel


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
