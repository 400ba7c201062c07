"""The SOP page (/sop/<code>/) written in Python inside erkt.org.layout.page: the content
and head blocks of the template it replaced (sop/detail.html, kept beside
erkt/sop/tests/test_sop_page_html.py as former_detail.html).

As template nodes the page cost some 1,900 Python calls a visit (lookups, ifs, includes
and links around the document, which was already Python): more than the document itself.
Every value is escaped as `{{ }}` escaped it; the labels (`page_labels`, safe text) and a
`{% blocktranslate %}`'s translation are written as they are; the whitespace is the
template's own, so the page is the same.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from erkt.date_texts import tanggal_writer
from erkt.html_rows import escaped
from erkt.per_language import per_language
from erkt.sop.models import SopVersion
from erkt.sop.templatetags.sop_document import document_html
from erkt.url_cache import remembered

BADGES = {
    SopVersion.Status.ACTIVE: "text-bg-success",
    SopVersion.Status.DRAFT: "text-bg-warning",
}


@per_language
def head() -> str:
    """The head block: the document's stylesheet and the page's own rules (no variable)."""
    css = render_to_string("sop/document.css")
    return (
        f"\n<style>\n  {css}\n"
        "  .sop-sheet { background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, .18); "
        "margin: 0 auto 1.5rem; overflow-x: auto; }\n"
        "  .sop-sheet-identity { max-width: 210mm; padding: 12mm 12mm 14mm 15mm; }\n"
        "  .sop-sheet-flowchart { padding: 6mm; }\n"
        "  .sop-flow svg { width: 100%; min-width: 900px; max-width: none !important; "
        "height: auto; }\n</style>\n"
    )


def page_content(context: dict) -> str:
    """The content block for the view's context (erkt.sop.views.sop_detail)."""
    version, t = context["version"], context["t"]
    code = version.sop.code
    parts = (
        _identity(version, t, code, context["may_evaluate"]),
        "\n\n",
        _signed(context["signed"], t) if context["signed"] else "",
        "\n\n",
        _editor_actions(context, t, code) if context["can_edit"] or context["can_approve"] else "",
        "\n\n",
        _not_in_force(version, t, code, context["active_version"])
        if version.status != SopVersion.Status.ACTIVE
        else "",
        "\n\n",
        _other_versions(version, t, code, context["versions"])
        if len(context["versions"]) > 1
        else "",
        "\n\n",
        document_html(
            version,
            context["organization"],
            context["signatory"],
            context.get("logo", ""),
            context.get("flowchart_pages", ()),
            context.get("related"),
        ),
        "\n",
        _qualifications(context, t) if context["qualifications"] else "",
        "\n",
    )
    return "".join(parts)


def _identity(version: SopVersion, t: dict, code: str, may_evaluate: bool) -> str:
    judul = escaped(version.judul)
    number = version.number
    badge = BADGES.get(version.status, "text-bg-secondary")
    status = escaped(version.get_status_display())
    efektif = escaped(tanggal_writer()(version.tanggal_efektif))
    pdf, docx = remembered("sop:pdf", code), remembered("sop:docx", code)
    bpmn = remembered("sop:bpmn", code)
    evaluation = ""
    if may_evaluate:
        evaluations = remembered("sop:evaluations", code)
        evaluation = (
            f'\n    <a class="btn btn-outline-secondary" href="{escaped(evaluations)}?versi='
            f'{number}" data-evaluation-link>\n      <i class="bi bi-clipboard-data"></i> '
            f"{t['evaluasi_sop']}\n    </a>\n    "
        )
    return (
        '\n<nav aria-label="breadcrumb">\n  <ol class="breadcrumb">\n'
        f'    <li class="breadcrumb-item"><a href="{escaped(remembered("sop:list"))}">'
        f"{t['sop']}</a></li>\n"
        f'    <li class="breadcrumb-item active" aria-current="page">{judul}</li>\n'
        "  </ol>\n</nav>\n"
        '<div class="d-flex flex-wrap justify-content-between align-items-start gap-3 mb-3">\n'
        f'  <div>\n    <h1 class="h3 mb-1">{judul}</h1>\n'
        '    <dl class="row small mb-0 text-body-secondary">\n'
        f'      <dt class="col-auto fw-normal">{t["versi"]}</dt>\n'
        f'      <dd class="col-auto mb-0 text-body">{number}</dd>\n'
        f'      <dt class="col-auto fw-normal">{t["status"]}</dt>\n'
        '      <dd class="col-auto mb-0">\n'
        f'        <span class="badge {badge}">{status}</span>\n      </dd>\n'
        f'      <dt class="col-auto fw-normal">{t["tanggal_efektif"]}</dt>\n'
        f'      <dd class="col-auto mb-0 text-body">{efektif}</dd>\n'
        "    </dl>\n  </div>\n"
        '  <div class="d-flex flex-wrap gap-2">\n'
        f'    <a class="btn btn-primary" href="{escaped(pdf)}?versi={number}">\n'
        f'      <i class="bi bi-file-earmark-pdf"></i> {t["unduh_pdf"]}\n    </a>\n'
        f'    <a class="btn btn-outline-primary" href="{escaped(docx)}?versi={number}">\n'
        f'      <i class="bi bi-file-earmark-word"></i> {t["unduh_docx"]}\n    </a>\n'
        f'    <a class="btn btn-outline-primary" href="{escaped(bpmn)}?versi={number}" '
        f'title="{t["model_proses_bpmn_untuk"]}">\n'
        f'      <i class="bi bi-diagram-3"></i> {t["unduh_bpmn"]}\n    </a>\n'
        f"    {evaluation}\n  </div>\n</div>"
    )


def _signed(signed, t: dict) -> str:
    signer = escaped(signed.signature.signer_name)
    sentence = _("Versi ini disahkan dan ditandatangani secara elektronik oleh %(name)s.") % {
        "name": signer
    }
    document = escaped(remembered("documents:detail", signed.pk))
    return (
        '\n<p class="small" data-testid="sop-signed">\n'
        '  <i class="bi bi-patch-check text-success"></i>\n'
        f"  {sentence}\n"
        f'  <a href="{document}">{t["dokumen_pengesahan_bertanda_tangan"]}</a>\n</p>\n'
    )


def _editor_actions(context: dict, t: dict, code: str) -> str:
    draft, can_edit, can_approve = context["draft"], context["can_edit"], context["can_approve"]
    inner = ""
    if draft:
        edit = approve = ""
        if can_edit:
            label = _("Ubah draf versi %(number)s") % {"number": draft.number}
            editor = escaped(remembered("sop:editor", code))
            edit = (
                f'<a class="btn btn-outline-primary" href="{editor}">'
                f'<i class="bi bi-pencil"></i> {label}</a>'
            )
        if can_approve:
            approve = (
                f'<a class="btn btn-success" href="{escaped(remembered("sop:approve", code))}">'
                f'<i class="bi bi-pen"></i> {t["sahkan_draf"]}</a>'
            )
        compare = escaped(remembered("sop:compare", code))
        inner = (
            f"\n    {edit}\n"
            f'    <a class="btn btn-outline-secondary" href="{compare}"><i class="bi '
            f'bi-arrow-left-right"></i> {t["bandingkan_draf_dengan_versi"]}</a>\n'
            f"    {approve}\n  "
        )
    elif can_edit and context["active_version"]:
        revise = escaped(remembered("sop:revise", code))
        token = escaped(context["csrf_token"])
        inner = (
            f'\n    <form method="post" action="{revise}"><input type="hidden" '
            f'name="csrfmiddlewaretoken" value="{token}">\n'
            f'      <button class="btn btn-outline-primary"><i class="bi bi-pencil-square"></i> '
            f"{t['revisi_sop_buat_draf']}</button>\n    </form>\n  "
        )
    return (
        '\n<div class="d-flex flex-wrap gap-2 mb-3" data-testid="sop-editor-actions">\n'
        f"  {inner}\n</div>\n"
    )


def _not_in_force(version: SopVersion, t: dict, code: str, active_version) -> str:
    if version.status == SopVersion.Status.DRAFT:
        note = t["ini_versi_draf_belum"]
    else:
        note = t["versi_ini_sudah_tidak"]
    link = ""
    if active_version:
        detail = escaped(remembered("sop:detail", code))
        link = f'<a href="{detail}">{t["lihat_versi_yang_berlaku"]}</a>'
    return f'\n  <div class="alert alert-warning">\n    {note}\n    {link}\n  </div>\n'


def _other_versions(version: SopVersion, t: dict, code: str, versions) -> str:
    detail = escaped(remembered("sop:detail", code))
    links = []
    for other in versions:
        if other.pk != version.pk:
            label = _("v%(number)s (%(status)s)") % {
                "number": other.number,
                "status": escaped(other.get_status_display()),
            }
            links.append(
                f'\n      <a class="ms-2" href="{detail}?versi={other.number}">{label}</a>\n    '
            )
        else:
            links.append("")
    return f'\n  <p class="small">\n    {t["versi_lain"]}\n    {"".join(links)}\n  </p>\n'


def _qualifications(context: dict, t: dict) -> str:
    heads = "".join(
        f'<th scope="col">{escaped(requirement.label)}</th>'
        for requirement in context["qualifications"].requirements
    )
    return (
        '\n<section class="card shadow-sm mb-4" id="kualifikasi" '
        'data-testid="sop-qualifications" aria-labelledby="kualifikasi-title">\n'
        '  <div class="card-header bg-white">\n'
        f'    <h2 class="h5 mb-1" id="kualifikasi-title">{t["kualifikasi_pelaksana"]}</h2>\n'
        '    <p class="small text-body-secondary mb-0">'
        f"{t['pemangku_jabatan_setiap_pelaksana']}</p>\n  </div>\n"
        '  <div class="table-responsive" tabindex="0" role="region" '
        'aria-labelledby="kualifikasi-title">\n'
        '    <table class="table table-sm align-middle mb-0 table-stack">\n'
        '      <thead class="table-light"><tr>\n'
        f'        <th scope="col" class="ps-3">{t["pelaksana"]}</th>\n'
        f'        <th scope="col">{t["nama"]}</th>\n'
        f"        {heads}\n"
        f'        <th scope="col" class="pe-3">{t["keterangan"]}</th>\n'
        "      </tr></thead>\n      <tbody>\n"
        f"      {context['qualification_rows']}\n"
        "      </tbody>\n    </table>\n  </div>\n</section>\n"
    )
