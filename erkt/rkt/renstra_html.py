"""The Renstra page around its two tables, written in Python (the content of the template
rkt/renstra.html it replaced, kept beside erkt/rkt/tests/test_renstra_html.py).

Its fifty-odd nodes (the year heads and the pagu total per year, the period menu, the
labels) cost some 2,000 Python calls a visit through the template engine, more than the
tables' own rows (erkt.rkt.renstra_page). Every text of the database is escaped; the
labels (`renstra_labels`) are translated literals, as the template wrote them. The
whitespace is the template's own, so the page is the same.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.formats import localize

from erkt.html_rows import escaped
from erkt.per_language import per_language
from erkt.rkt.models import Renstra
from erkt.rkt.renstra_page import _Converted, _texts, renstra_labels
from erkt.url_cache import remembered

# The head block of the former rkt/renstra.html (erkt/rkt/tests/former_renstra.html).
HEAD = "<style>.w-1 { width: 1%; }</style>"


@per_language
def table_filters() -> tuple[str, str]:
    """The search boxes over the two tables (`{% per_language %}` kept them per language)."""
    return tuple(
        render_to_string("_table_filter.html", {"table": table})
        for table in ("renstra-sasaran", "renstra-program")
    )


def page_content(
    renstra: Renstra | None, periods: list[Renstra], can_import: bool, tables: dict
) -> str:
    """The content block; `tables`: the bodies of the two tables (`sasaran_rows`,
    `program_rows`) when a Renstra is shown."""
    t = renstra_labels()
    body = _no_renstra(t, can_import) if renstra is None else _tables(t, renstra, tables)
    return _heading(t, renstra, periods, can_import) + body


def _heading(t: dict, renstra: Renstra | None, periods: list[Renstra], can_import: bool) -> str:
    title = period = export = ""
    if renstra is not None:
        draft = ""
        if renstra.is_draft:
            draft = f' <span class="badge text-bg-warning fs-6">{t["draft_sedang_disusun"]}</span>'
        title = f" {escaped(renstra.period_label)}{draft}"
        period = f'<p class="text-body-secondary mb-0">{escaped(renstra.title)}</p>'
        export_url = escaped(remembered("rkt:renstra_export", renstra.pk))
        export = (
            f'<a class="btn btn-outline-primary" href="{export_url}">'
            f'<i class="bi bi-file-earmark-spreadsheet"></i> {t["ekspor_excel"]}</a>'
        )
    import_link = ""
    if can_import:
        import_link = (
            f'<a class="btn btn-primary" href="{escaped(remembered("rkt:renstra_import"))}">'
            f'<i class="bi bi-upload"></i> {t["impor_excel"]}</a>'
        )
    return (
        '\n<div class="d-flex flex-wrap align-items-start justify-content-between gap-2 mb-3">'
        f'\n  <div>\n    <h1 class="h3 mb-1">{t["renstra"]}{title}</h1>\n    {period}\n  </div>'
        f'\n  <div class="d-flex flex-wrap gap-2">\n    {_period_menu(t, renstra, periods)}'
        f"\n    {export}\n    {import_link}\n  </div>\n</div>\n\n"
    )


def _period_menu(t: dict, renstra: Renstra | None, periods: list[Renstra]) -> str:
    if len(periods) <= 1:
        return ""
    shown = renstra.pk if renstra is not None else None
    items = []
    for period in periods:
        active = " active" if period.pk == shown else ""
        draft = f" ({t['draf']})" if period.is_draft else ""
        url = escaped(remembered("rkt:renstra_detail", period.pk))
        items.append(
            f'<li><a class="dropdown-item{active}" href="{url}">'
            f"{escaped(period.period_label)}{draft}</a></li>"
        )
    return (
        '\n      <div class="dropdown">\n        <button class="btn btn-outline-secondary'
        ' dropdown-toggle" type="button" data-bs-toggle="dropdown" aria-expanded="false">'
        f'{t["periode"]}</button>\n        <ul class="dropdown-menu">\n          '
        f"{''.join(items)}\n        </ul>\n      </div>\n    "
    )


def _no_renstra(t: dict, can_import: bool) -> str:
    if can_import:
        template_url = escaped(remembered("rkt:renstra_template"))
        hint = (
            f'\n      <p class="mb-0">{t["unduh_template_isi_lalu"]}\n        '
            f'<a href="{template_url}">{t["unduh_template_renstra"]}</a></p>\n    '
        )
    else:
        imported_by = t["renstra_diimpor_oleh_subbag"]
        hint = f'\n      <p class="mb-0 text-body-secondary">{imported_by}</p>\n    '
    return (
        '\n  <div class="card shadow-sm"><div class="card-body">\n'
        f'    <p class="mb-2">{t["belum_ada_renstra_untuk"]}</p>\n    {hint}\n  </div></div>\n\n'
    )


@per_language
def year_texts() -> _Converted:
    """`{{ year }}` of each year (localize's format lookups cost some 35 Python calls a
    year), written once per year and language."""
    return _Converted(lambda year: escaped(localize(year)))


def _tables(t: dict, renstra: Renstra, tables: dict) -> str:
    texts = year_texts()
    years = [texts[year] for year in renstra.years]
    sasaran_filter, program_filter = table_filters()
    _angka, rupiah = _texts()
    sasaran_years = "".join([f'<th scope="col" class="text-end">{year}</th>' for year in years])
    program_years = "".join([f'<th scope="col" class="text-end w-1">{year}</th>' for year in years])
    totals = "".join(
        [f'<td class="text-end text-nowrap">{rupiah[amount]}</td>' for amount in renstra.pagu_cells]
    )
    return (
        '\n\n<section class="mb-4" aria-labelledby="sasaran-heading">\n'
        f'  <h2 class="h5" id="sasaran-heading">{t["tujuan_sasaran_strategis_dan"]}</h2>\n'
        f"  {sasaran_filter}\n"
        '  <div class="table-responsive table-scroll position-relative">\n'
        '    <table class="table table-sm table-bordered align-middle bg-white mb-1'
        ' table-sticky" id="renstra-sasaran">\n      <thead class="table-light">\n        <tr>\n'
        f'          <th scope="col" style="min-width: 18rem">{t["indikator_kinerja"]}</th>\n'
        f'          <th scope="col">{t["satuan"]}</th>\n'
        f'          <th scope="col">{t["arah"]}</th>\n'
        f'          <th scope="col" class="text-end">{t["nilai_dasar"]}</th>\n'
        f"          {sasaran_years}\n        </tr>\n      </thead>\n      <tbody>\n"
        f"        {tables['sasaran_rows']}\n      </tbody>\n    </table>\n  </div>\n"
        '  <p class="small text-body-secondary"><span class="badge text-bg-success">IKU</span>'
        f' {t["indikator_kinerja_utama"]}\n    <i class="bi bi-arrow-up"></i>'
        f' {t["makin_tinggi_makin_baik"]}, <i class="bi bi-arrow-down"></i>'
        f" {t['makin_rendah_makin_baik']}.</p>\n</section>\n\n"
        '<section aria-labelledby="program-heading">\n'
        f'  <h2 class="h5" id="program-heading">{t["program_kegiatan_dan_sub"]}</h2>\n'
        f"  {program_filter}\n"
        '  <div class="table-responsive table-scroll position-relative">\n'
        '    <table class="table table-sm table-bordered align-middle bg-white small mb-1'
        ' table-sticky" id="renstra-program">\n      <thead class="table-light">\n        <tr>\n'
        f'          <th scope="col" class="w-1">{t["kode"]}</th>\n'
        '          <th scope="col" style="min-width: 18rem">'
        f"{t['program_kegiatan_sub_kegiatan']}</th>\n"
        f'          <th scope="col" class="w-1">{t["unit"]}</th>\n'
        f'          <th scope="col" class="w-1">{t["satuan"]}</th>\n'
        f"          {program_years}\n        </tr>\n      </thead>\n      <tbody>\n"
        f"        {tables['program_rows']}\n      </tbody>\n      <tfoot>\n"
        '        <tr class="table-secondary fw-semibold">\n'
        f'          <th scope="row" colspan="3">{t["jumlah_pagu_indikatif_seluruh"]}</th>\n'
        f"          <td>Rp</td>\n          {totals}\n        </tr>\n      </tfoot>\n"
        "    </table>\n  </div>\n"
        f'  <p class="small text-body-secondary">{t["baris_program_kegiatan_dan"]}'
        ' <i class="bi bi-arrow-return-right"></i>'
        f" {t['memuat_indikator_kinerja_dan']}</p>\n</section>\n\n\n"
    )
