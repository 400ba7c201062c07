"""Download buttons of the RKT's documents on the step pages (their links reversed once,
erkt.url_cache)."""

from __future__ import annotations

from django import template

from erkt.documents import registry
from erkt.rkt.documents.forms import FORM
from erkt.rkt.documents.preparation import PREP_DOCUMENTS
from erkt.url_cache import remembered

register = template.Library()
BUTTONS = "rkt/documents/_download.html"


@register.inclusion_tag(BUTTONS)
def prep_downloads(process, slug: str, label: str) -> dict:
    """PDF / DOCX buttons of one step 1-3 document ("disposisi", "undangan", ...)."""
    kind = PREP_DOCUMENTS[slug].kind
    links = [
        (fmt, remembered("rkt:prep_document", process.pk, slug, fmt))
        for fmt in registry.get(kind).formats
    ]
    return {"label": label, "links": links}


@register.inclusion_tag(BUTTONS)
def form_downloads(form, label: str) -> dict:
    """PDF / DOCX / XLSX buttons of a unit's Form RKT as sent."""
    links = [
        (fmt, remembered("rkt:form_document", form.pk, fmt)) for fmt in registry.get(FORM).formats
    ]
    return {"label": label, "links": links}
