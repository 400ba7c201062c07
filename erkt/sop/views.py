from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from erkt.org.access import organization_of
from erkt.sop.approval import signed_document
from erkt.sop.bpmn import bpmn_filename, render_bpmn
from erkt.sop.document import document_context, pdf_filename, render_pdf
from erkt.sop.docx import docx_filename, render_docx
from erkt.sop.editor_views import editor_links
from erkt.sop.models import Sop, SopVersion
from erkt.sop.monev_access import may_read
from erkt.sop.permissions import may_edit
from erkt.sop.qualifications import pelaksana_qualifications

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def sop_list(request: HttpRequest) -> HttpResponse:
    """The organisation's SOPs, each with the identity of its version in force."""
    organization = organization_of(request.user)
    # Two plain queries of the columns the list shows, without the Prefetch machinery
    # (and the Meta orderings, which would join the organisation).
    sops = Sop.objects.filter(organization=organization).only("code").order_by("code")
    active = (
        SopVersion.objects.filter(sop__organization=organization, status=SopVersion.Status.ACTIVE)
        .only("sop_id", "number", "judul", "nomor", "tanggal_efektif")
        .order_by("-number")
    )
    in_force: dict[int, SopVersion] = {}
    for version in active:
        in_force.setdefault(version.sop_id, version)  # the highest number
    rows = [(sop, in_force.get(sop.pk)) for sop in sops]
    rows.sort(key=lambda row: (row[1] is None, row[1].judul if row[1] else row[0].code))
    can_create = may_edit(request.user, organization)
    return render(request, "sop/sop_list.html", {"rows": rows, "can_create": can_create})


def _sop_version(request: HttpRequest, code: str) -> SopVersion:
    """The version asked for by ?versi=N, else the one in force (else the latest), of an
    SOP of the user's organisation."""
    sop = get_object_or_404(Sop, organization=organization_of(request.user), code=code)
    number = request.GET.get("versi", "")
    if number:
        if not number.isdigit():
            raise Http404
        return get_object_or_404(sop.versions, number=int(number))
    version = sop.active_version or sop.versions.order_by("-number").first()
    if version is None:
        raise Http404
    return version


@login_required
@require_GET
def sop_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The SOP as the official document (identity sheet + flowchart), read-only."""
    version = _sop_version(request, code)
    context = document_context(version)
    context["versions"] = version.sop.versions.order_by("-number")
    context.update(editor_links(request, version.sop))
    context["signed"] = None if version.is_draft else signed_document(version)
    context["may_evaluate"] = may_read(request.user, version.sop.organization_id)
    context["related"] = related_links(version)
    context["qualifications"] = pelaksana_qualifications(version, version.sop.organization)
    return render(request, "sop/detail.html", context)


def _title_key(text: str) -> str:
    text = " ".join(text.split()).casefold()
    return text.removeprefix("sop ").strip()


def related_links(version: SopVersion) -> list[tuple[str, str]]:
    """The Keterkaitan entries, each with the page of the organisation's SOP it names
    ("SOP <judul>" of an SOP in force), else with no link ("")."""
    active = SopVersion.objects.filter(
        sop__organization_id=version.sop.organization_id, status=SopVersion.Status.ACTIVE
    ).exclude(sop_id=version.sop_id)
    # SopVersion.Meta.ordering within one organisation (its "sop" would join the organisation).
    active = active.select_related("sop").order_by("sop__code", "-number")
    pages = {_title_key(other.judul): other.sop.code for other in active}
    links = []
    for entry in version.keterkaitan:
        code = pages.get(_title_key(entry))
        links.append((entry, reverse("sop:detail", args=[code]) if code else ""))
    return links


@login_required
@require_GET
def sop_pdf(request: HttpRequest, code: str) -> HttpResponse:
    version = _sop_version(request, code)
    response = HttpResponse(render_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(version)}"'
    return response


@login_required
@require_GET
def sop_docx(request: HttpRequest, code: str) -> HttpResponse:
    version = _sop_version(request, code)
    response = HttpResponse(render_docx(version), content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{docx_filename(version)}"'
    return response


@login_required
@require_GET
def sop_bpmn(request: HttpRequest, code: str) -> HttpResponse:
    """The version as a BPMN 2.0 file, for any BPMN modeler or engine."""
    version = _sop_version(request, code)
    response = HttpResponse(render_bpmn(version), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{bpmn_filename(version)}"'
    return response
