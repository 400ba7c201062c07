"""Download buttons of the RKT's documents on the step pages."""

from __future__ import annotations

from django import template
from django.urls import reverse

from erkt.documents import registry
from erkt.rkt.documents.forms import FORM
from erkt.rkt.documents.preparation import PREP_DOCUMENTS

register = template.Library()
BUTTONS = "rkt/documents/_download.html"


@register.inclusion_tag(BUTTONS)
def prep_downloads(process, slug: str, label: str) -> dict:
    """PDF / DOCX buttons of one step 1-3 document ("disposisi", "undangan", ...)."""
    kind = PREP_DOCUMENTS[slug].kind
    links = [
        (fmt, reverse("rkt:prep_document", args=[process.pk, slug, fmt]))
        for fmt in registry.get(kind).formats
    ]
    return {"label": label, "links": links}


@register.inclusion_tag(BUTTONS)
def form_downloads(form, label: str) -> dict:
    """PDF / DOCX / XLSX buttons of a unit's Form RKT as sent."""
    links = [
        (fmt, reverse("rkt:form_document", args=[form.pk, fmt]))
        for fmt in registry.get(FORM).formats
    ]
    return {"label": label, "links": links}
