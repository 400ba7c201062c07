"""The flowchart sheet of an SOP (PermenPAN-RB 35/2012), drawn as SVG from its definition.

The whole table is drawn, not only the symbols: grid, wrapped texts, symbols and connectors
share one coordinate system, so the connectors meet the rows exactly and the HTML page and
the WeasyPrint PDF print the same picture. Units are points; WIDTH is the text width of a
landscape A4 page with 10 mm margins.

Columns: No | Uraian Prosedur | one per pelaksana | Kelengkapan | Waktu | Output | Keterangan.
Symbols sit in their pelaksana's column: a terminator for Mulai/Selesai, a rectangle for a
process, a diamond for a decision whose connectors are labelled "ya"/"tidak". Where the
table is split over pages, the header is repeated and a connector that leaves the page ends
in an off-page connector, continued by one with the same letter on the other page.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from erkt.sop.flowchart.definition import Flow, edges_of, flow_of, flow_of_definition
from erkt.sop.flowchart.drawing import draw_page
from erkt.sop.flowchart.layout import layout_of
from erkt.sop.flowchart.pages import connector_letters, paginate
from erkt.sop.flowchart.routing import route_edges
from erkt.sop.flowchart.style import PAGE_HEIGHT
from erkt.sop.models import SopVersion

__all__ = ["PAGE_HEIGHT", "flowchart_pages", "render_definition_svg", "render_flowchart_svg"]


def render_flowchart_svg(version: SopVersion, *, highlight: Iterable[int] = frozenset()) -> str:
    """The complete flowchart of `version` as one SVG, the given step numbers highlighted."""
    return _draw(flow_of(version), page_height=None, highlight=highlight, fluid=True)[0]


def render_definition_svg(data: dict) -> str:
    """The flowchart of an unsaved definition (the editor's preview); "" with no step."""
    flow = flow_of_definition(data)
    if not flow.steps:
        return ""
    return _draw(flow, page_height=None, highlight=(), fluid=True)[0]


def flowchart_pages(
    version: SopVersion, *, page_height: float = PAGE_HEIGHT, highlight: Iterable[int] = ()
) -> list[str]:
    """The flowchart split over landscape pages, one SVG per page."""
    return _draw(flow_of(version), page_height=page_height, highlight=highlight, fluid=False)


def _draw(
    flow: Flow, *, page_height: float | None, highlight: Iterable[int], fluid: bool
) -> list[str]:
    return list(_drawn(flow, page_height, frozenset(highlight), fluid))


# The drawing depends on nothing but its arguments, and Flow is a frozen value (the
# version's texts, not its key): a process page draws the same chart on every visit, and
# an edited draft's new content is a new key. About 60 charts are kept.
@functools.lru_cache(maxsize=64)
def _drawn(
    flow: Flow, page_height: float | None, highlight: frozenset[int], fluid: bool
) -> tuple[str, ...]:
    layout = layout_of(flow)
    edges = edges_of(flow)
    routes = route_edges(layout, edges)
    pages = paginate(layout, edges, page_height)
    letters = connector_letters(routes, pages)
    return tuple(draw_page(layout, routes, page, letters, highlight, fluid=fluid) for page in pages)
