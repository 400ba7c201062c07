import segno
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.services import formats_of
from erkt.documents.services import render as render_document
from erkt.documents.signing.services import public_url
from erkt.workflow.pages import readable_organization


def document_of(request: HttpRequest, pk: int) -> IssuedDocument:
    """A document of the user's organisation that its type lets the user read; any other
    answers 404, as if it did not exist."""
    document = get_object_or_404(
        IssuedDocument.objects.select_related("issued_by", "process"),
        readable_organization(request.user),  # a Pemkab reader: every OPD's
        pk=pk,
    )
    if not registry.get(document.kind).can_read(document, request.user):
        raise Http404
    return document


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_of(request, pk)
    context = {"document": document, "formats": formats_of(document)}
    if document.pdf_kind:  # signed (electronically or wet): who checks it, and what comes next
        context["verification"] = signed_context(document)
    return render(request, "documents/detail.html", context)


def signed_context(document: IssuedDocument) -> dict:
    """The verification address with its QR code (inline SVG), and the process's open steps."""
    url = public_url(document)
    next_tasks = []
    if document.process is not None and document.process.is_running:
        next_tasks = (
            document.process.tasks.filter(status="open")
            .select_related("step_run__step__actor")
            .order_by("step_run__step__number", "pk")
        )
    return {
        "url": url,
        "qr_svg": segno.make(url, error="m").svg_inline(scale=4, title=url),
        "next_tasks": next_tasks,
    }


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return download_response(document_of(request, pk), fmt)


def download_response(document: IssuedDocument, fmt: str) -> HttpResponse:
    """The document as an attachment in `fmt`; 404 for a format its type does not have."""
    if fmt not in formats_of(document):
        raise Http404
    rendered = render_document(document, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
