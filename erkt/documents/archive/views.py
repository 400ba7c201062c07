"""The archive pages: every year's process with its documents, a Berkas, archiving a process.

Every user of the organisation reads the archive; only the holder of the open archiving
task (the Tim Perencanaan at step 11 of the RKT SOP) creates a Berkas. Another
organisation's process or Berkas answers 404.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from erkt.documents import registry
from erkt.documents.archive import index_rows
from erkt.documents.archive.forms import BerkasForm
from erkt.documents.archive.index_rows import archived_processes, sections_html
from erkt.documents.archive.models import Berkas
from erkt.documents.archive.seal import MANIFEST_SIGNATURE, OPENSSL_COMMAND
from erkt.documents.archive.services import create_berkas, verify
from erkt.documents.archive.step import require_archive_task
from erkt.documents.models import IssuedDocument
from erkt.org import layout
from erkt.org.access import organization_of
from erkt.url_cache import remembered_for
from erkt.workflow.calendar import today_for
from erkt.workflow.errors import NotAllowed, WorkflowError
from erkt.workflow.pages import get_process
from erkt.workflow.versioning import stale
from erkt.workflow.views.common import render_for

Formats = tuple[tuple[str, str], ...]  # (format, download URL)


def get_berkas(user, pk: int) -> Berkas:
    berkas = (
        Berkas.objects.filter(pk=pk, organization=organization_of(user))
        .select_related("organization", "process__sop_version")
        .first()
    )
    if berkas is None:
        raise Http404
    return berkas


def can_read(document: IssuedDocument, user) -> bool:
    document_type = registered(document.kind)
    # A kind no longer registered has no reader rule.
    return document_type is None or document_type.can_read(document, user)


def registered(kind: str) -> registry.DocumentType | None:
    try:
        return registry.get(kind)
    except LookupError:
        return None


def with_formats(documents, user) -> tuple[list[tuple[IssuedDocument, Formats]], bool]:
    """The documents the user may read, each with the formats it can be downloaded in and
    their URLs (a kind no longer registered: none, but it stays listed), and whether that is
    all of them."""
    return Readable(user).with_formats(documents)


class Readable:
    """with_formats() for the documents of one page (the Arsip's every process): each
    kind's type and formats, and the URLconf and prefix of the download links, looked up
    once a page."""

    def __init__(self, user) -> None:
        self.user = user
        self.kinds: dict[str, tuple[registry.DocumentType | None, tuple[str, ...]]] = {}
        self.download = None

    def with_formats(self, documents) -> tuple[list[tuple[IssuedDocument, Formats]], bool]:
        rows, whole = [], True
        documents = number_issues(documents)
        if not documents:
            return rows, whole
        if self.download is None:
            self.download = remembered_for("documents:download")
        download, kinds, user = self.download, self.kinds, self.user
        for document in documents:
            found = kinds.get(document.kind)
            if found is None:
                found = kinds[document.kind] = _type_and_formats(document.kind)
            document_type, formats = found
            if document_type is not None and not document_type.can_read(document, user):
                whole = False
                continue
            pk = document.pk
            rows.append((document, tuple((fmt, download(pk, fmt)) for fmt in formats)))
        return rows, whole


def _type_and_formats(kind: str) -> tuple[registry.DocumentType | None, tuple[str, ...]]:
    document_type = registered(kind)
    return document_type, document_type.formats if document_type is not None else ()


def number_issues(documents: Iterable[IssuedDocument]) -> list[IssuedDocument]:
    """Mark each issue of a document issued more than once (a Form RKT returned and sent
    again): `issue_number` of `issue_count`, in the order issued, so that two entries with
    the same title can be told apart. Documents issued once keep issue_count 1."""
    documents = list(documents)
    groups: dict[tuple[str, str], list[IssuedDocument]] = {}
    for document in documents:
        groups.setdefault((document.kind, document.key), []).append(document)
    for group in groups.values():
        if len(group) == 1:  # the usual document: nothing to sort
            group[0].issue_number = group[0].issue_count = 1
            continue
        group.sort(key=lambda d: (d.issued_at, d.pk))
        for number, document in enumerate(group, start=1):
            document.issue_number, document.issue_count = number, len(group)
    return documents


def latest_documents(documents: Iterable[IssuedDocument]) -> list[IssuedDocument]:
    """The latest issue of each document (kind, key), from documents in the order issued."""
    latest: dict[tuple[str, str], IssuedDocument] = {}
    for document in documents:
        latest[(document.kind, document.key)] = document
    return list(latest.values())


@login_required
@require_GET
def archive_index(request: HttpRequest) -> HttpResponse:
    organization = organization_of(request.user)
    rows = archived_processes(organization)
    readable = Readable(request.user)
    for row in rows:
        listed = row["listed"] if row["berkas__pk"] else latest_documents(row["listed"])
        row["documents"], row["whole"] = readable.with_formats(listed)
    # The sections are written in Python (erkt.documents.archive.index_rows), their
    # times in the organisation's zone as render_for shows them.
    with timezone.override(organization.time_zone):
        sections = sections_html(rows)
        # No template: the page is written in Python, the layout too (erkt.org.layout).
        return layout.page(request, index_rows.title(), index_rows.page_content(rows, sections))


@login_required
@require_GET
def berkas_detail(request: HttpRequest, pk: int) -> HttpResponse:
    berkas = get_berkas(request.user, pk)
    documents, whole = with_formats(berkas.documents.order_by("kind", "pk"), request.user)
    context = {
        "berkas": berkas,
        "documents": documents,
        "whole": whole,
        "files": sorted(berkas.manifest.items()),
        "report": verify(berkas),
        "signed_manifest": MANIFEST_SIGNATURE in berkas.manifest,
        "openssl_command": OPENSSL_COMMAND,
    }
    return render_for(request, "documents/archive/detail.html", context, berkas.organization)


def require_whole_bundle(berkas: Berkas, user) -> None:
    """The bundle holds every document of the process: only for who may read each of them
    (a unit's Form RKT is not for the head of another unit)."""
    if not all(can_read(document, user) for document in berkas.documents.all()):
        raise PermissionDenied


@login_required
@require_GET
def berkas_download(request: HttpRequest, pk: int) -> FileResponse:
    berkas = get_berkas(request.user, pk)
    require_whole_bundle(berkas, request.user)
    if not berkas.bundle:
        raise Http404
    name = f"berkas-{berkas.process.year}-{berkas.pk}.zip"
    return FileResponse(berkas.bundle.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def berkas_create(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process(request.user, process_id)
    existing = Berkas.objects.filter(process=process).first()
    if existing is not None and request.method == "POST":
        # Archived by someone else since this form was loaded: say who, write nothing.
        refused = stale(existing, process.organization.time_zone)
        return _page(request, process, None, None, refused.message, refused.status)
    if existing is not None:
        return redirect("archive:detail", existing.pk)
    try:
        task = require_archive_task(process, request.user)
    except NotAllowed as refused:
        raise PermissionDenied(refused.message) from refused
    except WorkflowError as refused:
        return _page(request, process, None, None, refused.message, refused.status)
    today = today_for(process.organization)
    data = request.POST if request.method == "POST" else None
    form = BerkasForm(data, process=process, today=today)
    if request.method == "GET" or not form.is_valid():
        return _page(request, process, task, form, "", 200 if request.method == "GET" else 422)
    try:
        berkas = create_berkas(process, by=request.user, data=form.cleaned_data)
    except WorkflowError as refused:
        return _page(request, process, task, form, refused.message, refused.status)
    messages.success(
        request, _("Proses diarsipkan dalam berkas %(nomor)s.") % {"nomor": berkas.nomor_berkas}
    )
    return redirect("archive:detail", berkas.pk)


def _page(request, process, task, form, error: str, status: int) -> HttpResponse:
    context = {"process": process, "task": task, "form": form, "error": error}
    return render_for(
        request, "documents/archive/create.html", context, process.organization, status
    )
