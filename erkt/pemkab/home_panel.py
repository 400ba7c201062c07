"""The Pemkab reader's home: the overview of every OPD for this year (its first page)."""

from __future__ import annotations

from erkt.pemkab.overview import default_year, overview
from erkt.pemkab.page_html import table_html
from erkt.pemkab.table import rows_html
from erkt.workflow.home import PEMKAB, Home, register


@register("pemkab", "pemkab/home_panel.html", roles=frozenset({PEMKAB}), order=5)
def pemkab_panel(home: Home) -> dict | None:
    year = default_year()
    page = overview(year)
    table = table_html(rows_html(page.object_list))
    return {"year": year, "page": page, "table_html": table, "in_panel": True}
