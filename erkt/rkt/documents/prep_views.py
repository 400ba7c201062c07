"""Printing the documents of steps 1-3 and a unit's Form RKT.

Printing issues (or reuses) the document from the record as it stands, then serves the
file rendered from that document's snapshot. Whoever reads the step page may print
its documents; another organisation's process, or a unit head asking for another
unit's form, answers 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.services import render
from erkt.rkt.documents.forms import FORM, printable_form_document
from erkt.rkt.documents.preparation import PREP_DOCUMENTS, issue_prep_document
from erkt.rkt.unit_forms.views import get_form
from erkt.workflow.pages import get_process


def _serve(document: IssuedDocument | None, fmt: str) -> HttpResponse:
    if document is None or fmt not in registry.get(document.kind).formats:
        raise Http404
    rendered = render(document, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


@login_required
@require_GET
def prep_document(request: HttpRequest, process_id: int, slug: str, fmt: str) -> HttpResponse:
    """The lembar disposisi, undangan, daftar hadir or notulen of the process, as a file."""
    process = get_process(request.user, process_id)
    if slug not in PREP_DOCUMENTS or fmt not in registry.get(PREP_DOCUMENTS[slug].kind).formats:
        raise Http404
    return _serve(issue_prep_document(process, slug, by=request.user), fmt)


@login_required
@require_GET
def form_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A unit's Form RKT as sent (when returned: as it was last sent), as a file."""
    form = get_form(request, pk)
    if fmt not in registry.get(FORM).formats:
        raise Http404
    return _serve(printable_form_document(form, by=request.user), fmt)
