from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from erkt.compiled_sql import Shape
from erkt.org import layout
from erkt.org.access import organization_of
from erkt.org.csrf_token import csrf
from erkt.sop import detail_html
from erkt.sop.approval import signed_document
from erkt.sop.bpmn import bpmn_filename, render_bpmn
from erkt.sop.document import document_context, pdf_filename, render_pdf
from erkt.sop.docx import docx_filename, render_docx
from erkt.sop.models import Sop, SopVersion
from erkt.sop.monev_access import may_read
from erkt.sop.permissions import approver_position, may_edit
from erkt.sop.qualification_html import qualification_rows
from erkt.sop.qualifications import pelaksana_qualifications
from erkt.template_labels import TemplateLabels
from erkt.url_cache import remembered

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


# Every version of one SOP of an organisation, with the SOP, compiled once
# (erkt.compiled_sql); SopVersion.Meta.ordering within one SOP (its "sop" would join the
# organisation).
SOP_VERSIONS = Shape(
    lambda organization_id, code: (
        SopVersion.objects.filter(sop__organization_id=organization_id, sop__code=code)
        .select_related("sop")
        .order_by("-number")
    )
)


def _sop_versions(request: HttpRequest, code: str) -> tuple[SopVersion, list[SopVersion]]:
    """The version asked for by ?versi=N, else the one in force (else the latest), of an
    SOP of the user's organisation; and every version of the SOP, the latest first.

    One query for the SOP, its versions and the one shown; the organisation is the user's
    (already read), set on the SOP rather than read again."""
    organization = organization_of(request.user)
    number = request.GET.get("versi", "")
    if number and not number.isdigit():
        raise Http404
    versions = SOP_VERSIONS.rows(organization.pk, code)
    if not versions:  # no such SOP here, or one without any version
        raise Http404
    sop = versions[0].sop
    sop.organization = organization
    for version in versions:
        version.sop = sop
    if number:
        version = next((v for v in versions if v.number == int(number)), None)
    else:
        version = _active(versions) or versions[0]
    if version is None:
        raise Http404
    return version, versions


def _active(versions: list[SopVersion]) -> SopVersion | None:
    return next((v for v in versions if v.status == SopVersion.Status.ACTIVE), None)


def _sop_version(request: HttpRequest, code: str) -> SopVersion:
    """The version asked for by ?versi=N, else the one in force (else the latest), of an
    SOP of the user's organisation."""
    return _sop_versions(request, code)[0]


# The SOP page's labels (their `t`: erkt.sop.detail_html), translated once per
# language (erkt.template_labels): the page had some twenty `{% translate %}` nodes.
page_labels = TemplateLabels(
    sop=gettext_noop("SOP"),
    versi=gettext_noop("Versi"),
    status=gettext_noop("Status"),
    tanggal_efektif=gettext_noop("Tanggal efektif"),
    unduh_pdf=gettext_noop("Unduh PDF"),
    unduh_docx=gettext_noop("Unduh DOCX"),
    model_proses_bpmn_untuk=gettext_noop(
        "Model proses BPMN 2.0 untuk aplikasi pemodelan proses lain"
    ),
    unduh_bpmn=gettext_noop("Unduh BPMN"),
    evaluasi_sop=gettext_noop("Evaluasi SOP"),
    dokumen_pengesahan_bertanda_tangan=gettext_noop("Dokumen pengesahan bertanda tangan"),
    bandingkan_draf_dengan_versi=gettext_noop("Bandingkan draf dengan versi berlaku"),
    sahkan_draf=gettext_noop("Sahkan draf"),
    revisi_sop_buat_draf=gettext_noop("Revisi SOP (buat draf baru)"),
    ini_versi_draf_belum=gettext_noop("Ini versi draf: belum disahkan dan belum berlaku."),
    versi_ini_sudah_tidak=gettext_noop("Versi ini sudah tidak berlaku."),
    lihat_versi_yang_berlaku=gettext_noop("Lihat versi yang berlaku"),
    versi_lain=gettext_noop("Versi lain:"),
    kualifikasi_pelaksana=gettext_noop("Kualifikasi Pelaksana"),
    pemangku_jabatan_setiap_pelaksana=gettext_noop(
        "Pemangku jabatan setiap pelaksana hari ini (termasuk Plt./Plh.), dibandingkan dengan "
        "kualifikasi pelaksana SOP: pendidikan terakhir dan diklat/pelatihan yang tercatat "
        "pada data pegawai."
    ),
    pelaksana=gettext_noop("Pelaksana"),
    nama=gettext_noop("Nama"),
    keterangan=gettext_noop("Keterangan"),
)


@login_required
@require_GET
def sop_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The SOP as the official document (identity sheet + flowchart), read-only."""
    context = detail_context(request, code)
    # Written in Python, the layout too (erkt.sop.detail_html, layout.page): the HTML of the
    # template it replaced.
    content = detail_html.page_content(context)
    return layout.page(
        request,
        context["version"].judul,
        content,
        head=detail_html.head(),
        csrf_token=context["csrf_token"],
    )


def detail_context(request: HttpRequest, code: str) -> dict:
    """What the SOP page shows (the context the template it replaced was given)."""
    version, versions = _sop_versions(request, code)
    sop = version.sop
    context = document_context(version)
    context["t"] = page_labels()
    context["versions"] = versions
    context["active_version"] = _active(versions)
    context.update(editor_links(request, sop, versions))
    context["signed"] = None if version.is_draft else signed_document(version)
    context["may_evaluate"] = may_read(request.user, sop.organization_id)
    context["related"] = related_links(version)
    qualifications = pelaksana_qualifications(version, sop.organization)
    context["qualifications"] = qualifications
    if qualifications:
        context["qualification_rows"] = qualification_rows(qualifications)
    # One CSRF token for the revision form and the layout's, as the template's one
    # context had.
    context["csrf_token"] = csrf(request)["csrf_token"]
    return context


def editor_links(request: HttpRequest, sop: Sop, versions: list[SopVersion]) -> dict:
    """What the SOP page offers its reader: edit, compare, approve; the draft is found among
    the versions the page has read (no query for a reader who may do none of it)."""
    can_edit = may_edit(request.user, sop.organization)
    can_approve = approver_position(request.user, sop.organization) is not None
    draft = None
    if can_edit or can_approve:
        draft = next((v for v in versions if v.status == SopVersion.Status.DRAFT), None)
    return {"can_edit": can_edit, "can_approve": can_approve, "draft": draft}


def _title_key(text: str) -> str:
    text = " ".join(text.split()).casefold()
    return text.removeprefix("sop ").strip()


# The other SOPs' versions in force, compiled once (erkt.compiled_sql); SopVersion.Meta
# ordering within one organisation (its "sop" would join the organisation).
OTHER_ACTIVE_VERSIONS = Shape(
    lambda organization_id, sop_id: (
        SopVersion.objects.filter(
            sop__organization_id=organization_id, status=SopVersion.Status.ACTIVE
        )
        .exclude(sop_id=sop_id)
        .order_by("sop__code", "-number")
        .values_list("judul", "sop__code")
    )
)


def related_links(version: SopVersion) -> list[tuple[str, str]]:
    """The Keterkaitan entries, each with the page of the organisation's SOP it names
    ("SOP <judul>" of an SOP in force), else with no link ("")."""
    if not version.keterkaitan:
        return []
    active = OTHER_ACTIVE_VERSIONS.rows(version.sop.organization_id, version.sop_id)
    pages = {_title_key(judul): code for judul, code in active}
    links = []
    for entry in version.keterkaitan:
        code = pages.get(_title_key(entry))
        links.append((entry, remembered("sop:detail", code) if code else ""))
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
