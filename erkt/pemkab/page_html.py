"""The Pemkab overview page around its table, written in Python (the content of the
template pemkab/overview.html it replaced, kept beside erkt/pemkab/tests/test_page_html.py).

As template nodes the heading, the filter form, the table's head and the pagination cost
some 3,000 Python calls a visit, more than the fifty rows (erkt.pemkab.table). The fixed
parts depend only on the language (and the sort and filter chosen): they are kept per
language. Every value of a request is escaped; a `{% translate %}` of a literal is safe
text, not escaped, and so are the translations here. The whitespace is the template's own,
so the page is the same.
"""

from __future__ import annotations

from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from erkt.html_cells import whole_number
from erkt.html_rows import escaped
from erkt.org.models import PemkabMembership
from erkt.pemkab.overview import Sort
from erkt.per_language import per_language
from erkt.template_labels import TemplateLabels
from erkt.url_cache import remembered

LABELS = TemplateLabels(
    read_only=gettext_noop("hanya baca"),
    download=gettext_noop("Unduh XLSX"),
    year=gettext_noop("Tahun"),
    sort=gettext_noop("Urutkan"),
    by_name=gettext_noop("Nama perangkat daerah"),
    most_late=gettext_noop("Paling terlambat"),
    late_only=gettext_noop("Hanya yang terlambat"),
    show=gettext_noop("Tampilkan"),
    opd=gettext_noop("Perangkat daerah"),
    steps=gettext_noop("Langkah berjalan"),
    late_tasks=gettext_noop("Tugas terlambat"),
    days_late=gettext_noop("Hari kerja terlambat"),
    version=gettext_noop("Versi Draft RKT"),
    signed=gettext_noop("Pengesahan"),
    pages=gettext_noop("Halaman"),
    previous=gettext_noop("Sebelumnya"),
    next=gettext_noop("Berikutnya"),
)


@per_language
def title(year: int) -> SafeString:
    """`{% blocktranslate %}RKT {{ year }} seluruh perangkat daerah{% endblocktranslate %}`:
    the translation as it is (a literal of the template), the year a whole number."""
    return mark_safe(_("RKT %(year)s seluruh perangkat daerah") % {"year": whole_number(year)})


@per_language
def table_parts() -> tuple[str, str]:
    """pemkab/_table.html before and after its rows."""
    t = LABELS()
    head = (
        '\n<div class="table-responsive">\n'
        '<table class="table table-sm table-hover align-middle mb-0" id="pemkab-table">\n'
        '  <thead class="table-light sticky-top">\n    <tr>\n'
        f'      <th scope="col">{t["opd"]}</th>\n'
        f'      <th scope="col">{t["steps"]}</th>\n'
        f'      <th scope="col" class="text-end">{t["late_tasks"]}</th>\n'
        f'      <th scope="col" class="text-end">{t["days_late"]}</th>\n'
        f'      <th scope="col" class="text-end">{t["version"]}</th>\n'
        f'      <th scope="col">{t["signed"]}</th>\n'
        "    </tr>\n  </thead>\n  <tbody>\n    "
    )
    return head, "\n  </tbody>\n</table>\n</div>\n"


def table_html(rows_html: str) -> SafeString:
    """The table around its rows (erkt.pemkab.table.rows_html)."""
    head, tail = table_parts()
    return mark_safe(head + rows_html + tail)


@per_language
def filter_form_start() -> str:
    """The filter form up to the year picker's options."""
    t = LABELS()
    return (
        '<form method="get" class="row g-2 align-items-end mb-3" id="pemkab-filter">\n'
        '  <div class="col-auto">\n'
        f'    <label class="form-label" for="pemkab-year">{t["year"]}</label>\n'
        '    <select class="form-select" id="pemkab-year" name="tahun">'
    )


@per_language
def filter_form_end(sort: str, late_only: bool) -> str:
    """The filter form after the year picker's options, with the sort and filter chosen."""
    t = LABELS()
    by_name = " selected" if sort == Sort.NAME else ""
    most_late = " selected" if sort == Sort.LATE else ""
    checked = " checked" if late_only else ""
    return (
        "</select>\n  </div>\n"
        '  <div class="col-auto">\n'
        f'    <label class="form-label" for="pemkab-sort">{t["sort"]}</label>\n'
        '    <select class="form-select" id="pemkab-sort" name="urut">\n'
        f'      <option value="nama"{by_name}>{t["by_name"]}</option>\n'
        f'      <option value="terlambat"{most_late}>{t["most_late"]}</option>\n'
        "    </select>\n  </div>\n"
        '  <div class="col-auto form-check ms-2 mb-2">\n'
        '    <input class="form-check-input" type="checkbox" id="pemkab-late" name="terlambat"'
        f' value="1"{checked}>\n'
        f'    <label class="form-check-label" for="pemkab-late">{t["late_only"]}</label>\n'
        "  </div>\n"
        '  <div class="col-auto"><button class="btn btn-primary" type="submit">'
        f"{t['show']}</button></div>\n</form>\n"
    )


@per_language
def opd_count(count: int) -> str:
    """`{% blocktranslate count n=... %}{{ n }} perangkat daerah{% plural %}...`."""
    return ngettext("%(n)s perangkat daerah", "%(n)s perangkat daerah", count) % {
        "n": whole_number(count)
    }


@per_language
def page_of(number: int, total: int) -> str:
    """`{% blocktranslate %}Halaman {{ n }} dari {{ total }}{% endblocktranslate %}`."""
    return _("Halaman %(n)s dari %(total)s") % {
        "n": whole_number(number),
        "total": whole_number(total),
    }


@per_language
def _bodies() -> dict[str, str]:
    return {value: escaped(str(label)) for value, label in PemkabMembership.Body.choices}


def body_label(body: str) -> str:
    """get_body_display(), escaped: each instansi's label kept per language (Django's
    rebuilds the field's choices as a dict, some 200 Python calls, on every call)."""
    label = _bodies().get(body)
    return escaped(body) if label is None else label


def page_content(
    membership: PemkabMembership,
    year: int,
    year_options: str,
    sort: str,
    late_only: bool,
    page: Page,
    rows_html: str,
) -> str:
    """The content block: `year_options` and `rows_html` HTML, `sort` one of Sort's."""
    t = LABELS()
    query = f"?tahun={whole_number(year)}&amp;urut={escaped(sort)}"
    xlsx = escaped(remembered("pemkab:overview_xlsx"))
    return (
        '\n<div class="d-flex flex-wrap align-items-baseline gap-2 mb-3">\n'
        f'  <h1 class="h3 mb-0">{title(year)}</h1>\n'
        f'  <span class="text-body-secondary">{body_label(membership.body)}'
        f" &middot; {t['read_only']}</span>\n"
        f'  <a class="ms-auto btn btn-outline-secondary btn-sm" href="{xlsx}{query}">'
        '<i class="bi bi-file-earmark-spreadsheet" aria-hidden="true"></i>'
        f" {t['download']}</a>\n</div>\n"
        f"{filter_form_start()}{year_options}{filter_form_end(sort, late_only)}"
        f'<p class="small text-body-secondary">{opd_count(page.paginator.count)}</p>\n'
        f"{table_html(rows_html)}\n{_pagination(t, query, late_only, page)}\n"
    )


def _pagination(t: dict, query: str, late_only: bool, page: Page) -> str:
    if not page.has_other_pages():
        return ""
    query += "&amp;terlambat=1" if late_only else ""
    previous = following = ""
    if page.has_previous():
        previous = (
            f'<li class="page-item"><a class="page-link" href="{query}&amp;halaman='
            f'{whole_number(page.previous_page_number())}">{t["previous"]}</a></li>'
        )
    if page.has_next():
        following = (
            f'<li class="page-item"><a class="page-link" href="{query}&amp;halaman='
            f'{whole_number(page.next_page_number())}">{t["next"]}</a></li>'
        )
    of_total = page_of(page.number, page.paginator.num_pages)
    return (
        f'\n<nav class="mt-3" aria-label="{t["pages"]}">\n  <ul class="pagination">\n'
        f"    {previous}\n"
        f'    <li class="page-item disabled"><span class="page-link">{of_total}</span></li>\n'
        f"    {following}\n  </ul>\n</nav>\n"
    )
