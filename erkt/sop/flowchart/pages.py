"""Splitting the flowchart table over pages, and lettering the off-page connectors."""

from __future__ import annotations

from dataclasses import dataclass

from erkt.sop.flowchart.definition import Edge
from erkt.sop.flowchart.layout import Layout
from erkt.sop.flowchart.routing import Route
from erkt.sop.flowchart.style import BAND_HEIGHT


@dataclass(frozen=True)
class Page:
    rows: range
    top_band: bool  # connectors coming from earlier pages or going back to them
    bottom_band: bool  # connectors going on to later pages or coming back from them


def paginate(layout: Layout, edges: list[Edge], height: float | None) -> list[Page]:
    """Split the rows over pages of at most `height` (None: one page), each page as full
    as possible; a page always takes at least one row."""
    count = len(layout.rows)
    if height is None or count == 0:
        return [Page(range(count), False, False)]
    pages, start = [], 0
    while start < count:
        best = _page(layout, edges, range(start, start + 1))
        for end in range(start + 2, count + 1):
            page = _page(layout, edges, range(start, end))
            if _page_height(layout, page) <= height:
                best = page
        pages.append(best)
        start = best.rows.stop
    return pages


def _page(layout: Layout, edges: list[Edge], rows: range) -> Page:
    top = bottom = False
    for edge in edges:
        source_in, target_in = edge.source in rows, edge.target in rows
        if source_in == target_in:
            continue
        row_in = edge.source if source_in else edge.target
        row_out = edge.target if source_in else edge.source
        if row_out < row_in:
            top = True
        else:
            bottom = True
    return Page(rows, top, bottom)


def _page_height(layout: Layout, page: Page) -> float:
    bands = (page.top_band + page.bottom_band) * BAND_HEIGHT
    return layout.head_height + bands + sum(layout.rows[i].height for i in page.rows)


def connector_letters(routes: list[Route], pages: list[Page]) -> dict[Route, str]:
    """One letter per off-page connector pair; connectors into one step share it."""
    page_of = {row: number for number, page in enumerate(pages) for row in page.rows}
    letters: dict[Route, str] = {}
    by_key: dict[tuple, str] = {}
    for route in sorted(routes, key=lambda r: r.edge.source):
        edge = route.edge
        if page_of.get(edge.source) == page_of.get(edge.target):
            continue
        key = (edge.target, route.x, edge.forward)
        if key not in by_key:
            by_key[key] = _letter(len(by_key))
        letters[route] = by_key[key]
    return letters


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
