"""The RKT page around its table, written in Python (the content of the template
rkt/drafts/page.html it replaced, kept beside erkt/rkt/tests/test_rkt_page_html.py).

Its eighty-odd nodes (the heading, the version's status and links, the versions' table,
the `{% url %}`s and dates of every version) cost some 3,000 Python calls a visit through
the template engine, more than the RKT table's own rows (erkt.rkt.drafts.table). Every
text of the database is escaped; the labels (`page_labels`) are translated literals, as
the template wrote them. The whitespace is the template's own, so the page is the same.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from erkt.html_rows import escaped
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import per_language
from erkt.rkt.drafts.labels import page_labels
from erkt.rkt.drafts.models import DraftRkt
from erkt.url_cache import remembered
from erkt.workflow.models import Process


@per_language
def head() -> SafeString:
    """The head block: the drafts pages' style ({% include "rkt/drafts/_style.html" %})."""
    return mark_safe(render_to_string("rkt/drafts/_style.html"))


def title(t: dict, process: Process, draft: DraftRkt | None) -> SafeString:
    version = f" · {t['versi']} {draft.number:d}" if draft is not None else ""
    return mark_safe(f"{t['RKT']} {process.year:d}{version}")


def person(user) -> str:
    """`{{ user.employee.full_name|default:user.get_username }}`, escaped."""
    try:
        name = user.employee.full_name
    except ObjectDoesNotExist:  # the template read a missing employee as ""
        name = ""
    return escaped(name or user.get_username())


def page_content(
    process: Process,
    versions: list[DraftRkt],
    draft: DraftRkt | None,
    table: dict,
    step_links: list[tuple[str, str]],
) -> str:
    """The content block; `table`: the RKT table's `head` and `rows` (erkt.rkt.drafts.table),
    its `total` and the `rupiah` formatter of its numbers (`rkt_format.formatters`). Dates
    are read in the current time zone (the organisation's)."""
    t = page_labels()
    is_latest = draft is not None and draft.number == versions[-1].number
    body = (
        _version(t, process, versions, draft, is_latest, table, step_links)
        if draft is not None
        else _not_compiled(t, step_links)
    )
    return _heading(t, process, draft, is_latest) + body + "\n"


def _heading(t: dict, process: Process, draft: DraftRkt | None, is_latest: bool) -> str:
    year = f"{process.year:d}"
    older = draft is not None and not is_latest
    if older:
        page_url = escaped(remembered("rkt:drafts:page", process.pk))
        crumb = (
            f'<li class="breadcrumb-item"><a href="{page_url}">{t["Tahun"]} {year}</a></li>\n'
            f'  <li class="breadcrumb-item active" aria-current="page">'
            f"{t['Versi']} {draft.number:d}</li>"
        )
    else:
        crumb = (
            f'<li class="breadcrumb-item active" aria-current="page">{t["Tahun"]} {year}</li>\n  '
        )
    organization = process.organization
    return (
        '\n<nav aria-label="breadcrumb"><ol class="breadcrumb">\n'
        f'  <li class="breadcrumb-item"><a href="{escaped(remembered("rkt:drafts:index"))}">'
        f"{t['RKT']}</a></li>\n  {crumb}\n</ol></nav>\n\n"
        '<div class="text-center mb-3 rkt-heading">\n'
        f'  <h1 class="h4 fw-bold mb-1 text-uppercase">{t["judul"]}</h1>\n'
        f'  <p class="fw-semibold text-uppercase mb-0">{escaped(organization.name)}</p>\n'
        '  <p class="fw-semibold text-uppercase mb-0">'
        f"{escaped(organization.pemerintah_daerah)}</p>\n"
        f'  <p class="fw-semibold mb-0">{t["TAHUN"]} {year}</p>\n</div>\n\n'
    )


def _links(links: list[tuple[str, str]], classes: str) -> str:
    return "".join(
        f'<a class="{classes}" href="{escaped(url)}">{escaped(label)}</a>' for label, url in links
    )


def _version(
    t: dict,
    process: Process,
    versions: list[DraftRkt],
    draft: DraftRkt,
    is_latest: bool,
    table: dict,
    step_links: list[tuple[str, str]],
) -> str:
    number = draft.number
    if draft.is_final:
        frozen_by = f" {t['oleh']} {person(draft.frozen_by)}" if draft.frozen_by else ""
        state = (
            '\n        <span class="badge fs-6 text-bg-success"><i class="bi bi-lock-fill"></i>'
            f" {t['Final']}</span>\n"
            f'        <span class="small text-body-secondary">{t["ditetapkan"]}'
            f" {escaped(tanggal(draft.frozen_at))}{frozen_by}</span>\n      "
        )
        downloads = t["unduh_rkt"]
    else:
        state = f'\n        <span class="badge fs-6 text-bg-warning">{t["Draft"]}</span>\n      '
        downloads = t["unduh_versi_ini"]
    summary = draft.summary
    note = f" &middot; {escaped(summary)}" if summary else ""
    documents = [
        escaped(remembered("rkt:rkt_documents:version", process.pk, number, kind))
        for kind in ("pdf", "docx", "xlsx")
    ]
    corrections_url = escaped(remembered("rkt:drafts:corrections", process.pk, number))
    compare = ""
    if len(versions) > 1:
        diff_url = escaped(remembered("rkt:drafts:diff", process.pk))
        if number > 1:
            diff_url += f"?dari={number - 1:d}&amp;ke={number:d}"
        compare = (
            f'<a class="btn btn-outline-secondary btn-sm" href="{diff_url}">'
            f'<i class="bi bi-arrow-left-right"></i> {t["bandingkan_versi"]}</a>'
        )
    older = ""
    if not is_latest:
        page_url = escaped(remembered("rkt:drafts:page", process.pk))
        older = (
            '\n<div class="alert alert-info py-2"><i class="bi bi-clock-history"></i>'
            f' {t["versi_lama"]} <a href="{page_url}">{t["lihat_versi_terkini"]}</a></div>\n'
        )
    return (
        '\n<div class="d-flex flex-wrap align-items-center gap-3 mb-3" id="version-status">\n'
        '  <div>\n    <div class="d-flex flex-wrap align-items-center gap-2">\n'
        f'      <span class="fs-5 fw-semibold">{t["Versi"]} {number:d}</span>\n      {state}\n'
        f'    </div>\n    <div class="small text-body-secondary">{t["Dibuat"]}'
        f" {escaped(tanggal(draft.created_at))} {t['oleh']} {person(draft.created_by)}{note}"
        "</div>\n  </div>\n"
        '  <div class="ms-auto d-flex flex-wrap gap-2">\n'
        f"    {_links(step_links, 'btn btn-primary btn-sm')}\n"
        '    <span class="small text-body-secondary align-self-center"'
        ' id="version-downloads-label"><i class="bi bi-download"></i>'
        f" {downloads}</span>\n"
        '    <div class="btn-group btn-group-sm" role="group"'
        ' aria-labelledby="version-downloads-label" id="version-downloads">\n'
        f'      <a class="btn btn-outline-secondary" href="{documents[0]}">PDF</a>\n'
        f'      <a class="btn btn-outline-secondary" href="{documents[1]}">Word</a>\n'
        f'      <a class="btn btn-outline-secondary" href="{documents[2]}">Excel</a>\n'
        "    </div>\n"
        f'    <a class="btn btn-outline-secondary btn-sm" href="{corrections_url}">'
        f'<i class="bi bi-chat-left-text"></i> {t["koreksi_versi_ini"]}</a>\n'
        f"    {compare}\n  </div>\n</div>\n{older}\n\n"
        f"{_table(t, table)}\n"
        f'<p class="small text-body-secondary mt-2">{t["sumber_tabel"]}</p>\n\n'
        f"{_versions(t, process, versions, draft)}\n"
    )


def _table(t: dict, table: dict) -> str:
    """The RKT table (the former rkt/drafts/_table.html): its head and rows made by
    erkt.rkt.drafts.table, and its total."""
    rupiah = table["rupiah"]
    return (
        f"{table['head']}  {table['rows']}\n  </tbody>\n  <tfoot>\n"
        '    <tr class="rkt-total">\n'
        '      <th scope="row" colspan="8" class="text-end">'
        f"{t['jumlah_anggaran_seluruh_program']}</th>\n"
        '      <td class="text-end text-nowrap" id="rkt-total">'
        f"{escaped(rupiah(table['total']))}</td>\n"
        "    </tr>\n  </tfoot>\n</table>\n</div>\n"
    )


def _versions(t: dict, process: Process, versions: list[DraftRkt], shown: DraftRkt) -> str:
    rows = [
        _version_row(t, process, version, shown, first=index == 0)
        for index, version in enumerate(versions)
    ]
    return (
        '<section class="mt-4" aria-labelledby="versions-heading">\n'
        f'  <h2 class="h5" id="versions-heading">{t["riwayat_versi"]}</h2>\n'
        '  <div class="table-responsive">\n'
        '  <table class="table table-sm align-middle bg-white small" id="versions">\n'
        '    <thead class="table-light"><tr>\n'
        f'      <th scope="col">{t["Versi"]}</th><th scope="col">{t["Status"]}</th>\n'
        f'      <th scope="col">{t["Dibuat"]}</th><th scope="col">{t["Oleh"]}</th>\n'
        f'      <th scope="col">{t["Keterangan"]}</th>'
        f'<th scope="col" class="text-end">{t["Koreksi"]}</th>'
        f'<th scope="col">{t["Dokumen"]}</th><th scope="col"></th>\n'
        f"    </tr></thead>\n    <tbody>\n    {''.join(rows)}\n    </tbody>\n"
        "  </table>\n  </div>\n</section>"
    )


def _version_row(
    t: dict, process: Process, version: DraftRkt, shown: DraftRkt, *, first: bool
) -> str:
    number = version.number
    current = ' class="table-primary"' if number == shown.number else ""
    if version.is_final:
        state = f'<span class="badge text-bg-success">{t["Final"]}</span>'
    else:
        state = f'<span class="badge text-bg-light border">{t["Draft"]}</span>'
    version_url = escaped(remembered("rkt:drafts:version", process.pk, number))
    corrections_url = escaped(remembered("rkt:drafts:corrections", process.pk, number))
    pdf_url = escaped(remembered("rkt:rkt_documents:version", process.pk, number, "pdf"))
    diff = ""
    if not first:
        diff_url = escaped(remembered("rkt:drafts:diff", process.pk))
        diff = (
            f'<a href="{diff_url}?dari={number - 1:d}&amp;ke={number:d}">'
            f"{t['selisih_dengan_versi']} {number - 1:d}</a>"
        )
    return (
        f"\n      <tr{current}>\n"
        f'        <td><a href="{version_url}">{t["Versi"]} {number:d}</a></td>\n'
        f"        <td>{state}</td>\n"
        f'        <td class="text-nowrap">{escaped(tanggal(version.created_at))}</td>\n'
        f"        <td>{person(version.created_by)}</td>\n"
        f"        <td>{escaped(version.summary)}</td>\n"
        f'        <td class="text-end"><a href="{corrections_url}">'
        f"{version.correction_count:d}</a></td>\n"
        f'        <td class="text-nowrap"><a href="{pdf_url}"'
        f' title="{t["unduh_pdf_versi"]} {number:d}"><i class="bi bi-file-earmark-pdf"></i>'
        " PDF</a></td>\n"
        f'        <td class="text-end">{diff}</td>\n      </tr>\n    '
    )


def _not_compiled(t: dict, step_links: list[tuple[str, str]]) -> str:
    return (
        '\n<div class="card shadow-sm"><div class="card-body">\n'
        f'  <p class="mb-2">{t["belum_dikompilasi"]}</p>\n'
        f'  <p class="mb-0 text-body-secondary small">{t["belum_dikompilasi_keterangan"]}</p>\n'
        f"  {_links(step_links, 'btn btn-primary mt-3')}\n</div></div>\n"
    )
