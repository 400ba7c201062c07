"""The Pemkab pages: every OPD's RKT of a year, on the web and as XLSX (Pemkab readers only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from erkt.org import layout
from erkt.org.access import require_pemkab
from erkt.pemkab import export, page_html
from erkt.pemkab.overview import Sort, default_year, overview, years
from erkt.pemkab.table import rows_html


def year_of(request: HttpRequest) -> int:
    """?tahun=2027; the year of the running RKT by default (a bad value too)."""
    value = request.GET.get("tahun", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return default_year()


def sort_of(request: HttpRequest) -> str:
    value = request.GET.get("urut", Sort.NAME)
    return value if value in Sort.CHOICES else Sort.NAME


def year_options(year: int) -> SafeString:
    """The <option>s of the year picker (the year shown, and every year with an RKT), newest
    first: written here rather than a template loop (one a year, ~0.01 ms each)."""
    # Whole numbers (digits): nothing to escape, so no format_html per year (~60 calls each).
    options = [
        f'<option value="{y:d}"{" selected" if y == year else ""}>{y:d}</option>'
        for y in sorted({year, *years()}, reverse=True)
    ]
    return mark_safe("".join(options))


@login_required
@require_GET
def opd_overview(request: HttpRequest) -> HttpResponse:
    membership = require_pemkab(request.user)
    year, sort = year_of(request), sort_of(request)
    late_only = request.GET.get("terlambat") == "1"
    page = overview(year, page=request.GET.get("halaman"), sort=sort, late_only=late_only)
    # Written in Python, the layout too (erkt.pemkab.page_html, erkt.org.layout.page): the
    # HTML of the template it replaced.
    content = page_html.page_content(
        membership, year, year_options(year), sort, late_only, page, rows_html(page.object_list)
    )
    return layout.page(request, page_html.title(year), content)


@login_required
@require_GET
def opd_overview_xlsx(request: HttpRequest) -> HttpResponse:
    require_pemkab(request.user)
    year = year_of(request)
    content = export.xlsx(year, export.all_rows(year, sort_of(request)), request)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="rkt-opd-{year}.xlsx"'
    return response
