"""Download buttons of the RKT's documents on the step pages (their links reversed once,
erkt.url_cache), written in Python: the template they were (kept beside
erkt/rkt/tests/test_download_buttons.py) cost some 400 Python calls a group of buttons,
three `{% blocktranslate %}` of them."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from erkt.documents import registry
from erkt.html_rows import escaped
from erkt.rkt.documents.forms import FORM
from erkt.rkt.documents.preparation import PREP_DOCUMENTS
from erkt.url_cache import remembered

register = template.Library()


@register.simple_tag
def prep_downloads(process, slug: str, label: str) -> SafeString:
    """PDF / DOCX buttons of one step 1-3 document ("disposisi", "undangan", ...)."""
    kind = PREP_DOCUMENTS[slug].kind
    links = [
        (fmt, remembered("rkt:prep_document", process.pk, slug, fmt))
        for fmt in registry.get(kind).formats
    ]
    return download_buttons(label, links)


@register.simple_tag
def form_downloads(form, label: str) -> SafeString:
    """PDF / DOCX / XLSX buttons of a unit's Form RKT as sent."""
    return form_download_buttons(form, label)


def form_download_buttons(form, label: str) -> SafeString:
    links = [
        (fmt, remembered("rkt:form_document", form.pk, fmt)) for fmt in registry.get(FORM).formats
    ]
    return download_buttons(label, links)


def download_buttons(label: str, links: list[tuple[str, str]]) -> SafeString:
    """One document's download buttons, one per format; `label` escaped unless safe."""
    label = escaped(label)
    each = gettext("Unduh %(label)s (%(fmt)s)")
    buttons = []
    for fmt, href in links:
        upper = escaped(fmt.upper())
        title = each % {"label": label, "fmt": upper}
        buttons.append(
            f'<a class="btn btn-outline-primary" href="{escaped(href)}" title="{title}">'
            f'<i class="bi bi-download"></i> {upper}</a>'
        )
    group = gettext("Unduh %(label)s") % {"label": label}
    return mark_safe(
        f'\n<div class="btn-group btn-group-sm me-2 mb-2" role="group" aria-label="{group}">\n'
        '  <span class="btn btn-light border disabled text-body">'
        f'<i class="bi bi-file-earmark-text"></i> {label}</span>\n'
        f"  {''.join(buttons)}\n</div>\n"
    )
