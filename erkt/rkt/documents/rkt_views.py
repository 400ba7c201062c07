"""Download a Draft RKT version or the final RKT as PDF, DOCX or XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from erkt.documents.registry import FORMATS
from erkt.rkt.documents.rkt import issue_version_document
from erkt.rkt.drafts.access import get_process, get_version


@login_required
@require_GET
def version_download(request: HttpRequest, process_id: int, number: int, fmt: str) -> HttpResponse:
    """Issue (or reuse) the version's document and hand over to its download.

    Issuing on GET is safe: the same content reuses the document already issued,
    so downloading twice stores nothing new.
    """
    if fmt not in FORMATS:
        raise Http404
    draft = get_version(get_process(request, process_id), number)
    document = issue_version_document(draft, by=request.user)
    return redirect("documents:download", document.pk, fmt)
