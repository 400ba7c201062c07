"""Drawing one page of the flowchart table as SVG markup."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from erkt.sop.flowchart.layout import Column, Layout, Row
from erkt.sop.flowchart.pages import Page
from erkt.sop.flowchart.routing import Point, Route
from erkt.sop.flowchart.style import (
    ARROW_HALF_WIDTH,
    ARROW_LENGTH,
    BAND_HEIGHT,
    BASELINE,
    BORDER_STROKE,
    CELL_ALIGN,
    CONNECTOR_HEIGHT,
    CONNECTOR_WIDTH,
    CURRENT_SYMBOL_STROKE,
    FLOW_STROKE,
    FONT_FAMILY,
    FONT_SIZE,
    GRID_STROKE,
    HEAD_FILL,
    HIGHLIGHT_ROW_FILL,
    HIGHLIGHT_SYMBOL_FILL,
    LABEL_SIZE,
    LINE_HEIGHT,
    MARGIN,
    MUTU_BAKU,
    PAD_X,
    SPAN_HEAD_HEIGHT,
    SYMBOL_STROKE,
    WIDTH,
)
from erkt.sop.models import StepKind


@dataclass(frozen=True)
class _OffPage:
    x: float
    letter: str
    band: str  # "top" or "bottom"


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = GRID_STROKE) -> None:
        self.add(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" '
            f'stroke="#000" stroke-width="{width}"/>'
        )

    def text(
        self,
        lines: list[str],
        x: float,
        y: float,
        *,
        anchor: str = "start",
        bold: bool = False,
        size: float = FONT_SIZE,
        attrs: str = "",
    ) -> None:
        """Lines of text whose block is vertically centred on y."""
        first = y - len(lines) * LINE_HEIGHT / 2 + BASELINE
        weight = ' font-weight="bold"' if bold else ""
        size_attr = f' font-size="{size}"' if size != FONT_SIZE else ""
        # The newline between lines reads as a space when the text is copied or searched.
        spans = "\n".join(
            f'<tspan x="{_n(x)}" y="{_n(first + i * LINE_HEIGHT)}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.add(f'<text text-anchor="{anchor}"{weight}{size_attr}{attrs}>{spans}</text>')


def draw_page(
    layout: Layout,
    routes: list[Route],
    page: Page,
    letters: dict[Route, str],
    highlight: Iterable[int],
    *,
    fluid: bool = False,
) -> str:
    """One page as an <svg>; `fluid` lets it shrink to the width of a screen (its size in
    points is kept for print, where WeasyPrint would misread an auto height)."""
    drawing = _PageDrawing(layout, routes, page, letters, highlight)
    return drawing.svg("Bagan alir SOP", fluid=fluid)


class _PageDrawing:
    def __init__(
        self,
        layout: Layout,
        routes: list[Route],
        page: Page,
        letters: dict[Route, str],
        highlight: Iterable[int],
    ) -> None:
        self.layout = layout
        self.routes = routes
        self.page = page
        self.letters = letters
        self.highlight = set(highlight)
        self.canvas = _Canvas()
        y = layout.head_height
        self.top_band = y if page.top_band else None
        y += BAND_HEIGHT if page.top_band else 0
        self.row_top: dict[int, float] = {}
        for index in page.rows:
            self.row_top[index] = y
            y += layout.rows[index].height
        self.bottom_band = y if page.bottom_band else None
        self.height = y + (BAND_HEIGHT if page.bottom_band else 0)

    def svg(self, label: str, *, fluid: bool) -> str:
        self._row_tints()
        self._grid()
        self._header()
        self._cell_texts()
        offpage = self._connectors()
        self._offpage_connectors(offpage)
        self._symbols()
        self._labels()
        width, height = WIDTH + 2 * MARGIN, self.height + 2 * MARGIN
        style = ' style="max-width: 100%; height: auto"' if fluid else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="sop-flowchart" role="img" '
            f'aria-label="{escape(label)}" '
            f'viewBox="{_n(-MARGIN)} {_n(-MARGIN)} {_n(width)} {_n(height)}" '
            f'width="{_n(width)}pt" height="{_n(height)}pt"{style} '
            f'font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}">'
            + "".join(self.canvas.parts)
            + "</svg>"
        )

    # the table

    def _row_tints(self) -> None:
        for index, top in self.row_top.items():
            row = self.layout.rows[index]
            if row.step.number in self.highlight:
                self.canvas.add(
                    f'<rect class="sop-row-current" x="0" y="{_n(top)}" width="{_n(WIDTH)}" '
                    f'height="{_n(row.height)}" fill="{HIGHLIGHT_ROW_FILL}"/>'
                )

    def _header(self) -> None:
        layout, canvas = self.layout, self.canvas
        spans = {
            "Pelaksana": layout.actor_columns,
            "Mutu Baku": tuple(layout.column(key) for key in MUTU_BAKU),
        }
        for title, columns in spans.items():
            if not columns:  # a draft whose pelaksana are still being entered
                continue
            x, width = columns[0].x, columns[-1].right - columns[0].x
            self._head_cell(title.lower().replace(" ", "-"), x, 0, width, SPAN_HEAD_HEIGHT)
            canvas.text([title], x + width / 2, SPAN_HEAD_HEIGHT / 2, anchor="middle", bold=True)
        spanned = {c.key for columns in spans.values() for c in columns}
        for column in layout.columns:
            top = SPAN_HEAD_HEIGHT if column.key in spanned else 0.0
            name = self._column_name(column)
            self._head_cell(name, column.x, top, column.width, layout.head_height - top)
            middle = (top + layout.head_height) / 2
            lines = layout.head_cells[column.key]
            canvas.text(lines, column.center, middle, anchor="middle", bold=True)

    def _column_name(self, column: Column) -> str:
        if column.key.startswith("actor:"):
            key, _name = self.layout.flow.actors[int(column.key.split(":")[1])]
            return f"actor:{key}"
        return column.key

    def _head_cell(self, name: str, x: float, y: float, width: float, height: float) -> None:
        self.canvas.add(
            f'<rect class="sop-head" data-column="{escape(name)}" x="{_n(x)}" y="{_n(y)}" '
            f'width="{_n(width)}" height="{_n(height)}" fill="{HEAD_FILL}" '
            f'stroke="#000" stroke-width="{GRID_STROKE}"/>'
        )

    def _grid(self) -> None:
        canvas, top = self.canvas, self.layout.head_height
        for column in self.layout.columns[1:]:
            canvas.line(column.x, top, column.x, self.height)
        lines = [*self.row_top.values()]
        if self.bottom_band is not None:
            lines.append(self.bottom_band)
        for y in lines:
            canvas.line(0, y, WIDTH, y)
        canvas.add(
            f'<rect x="0" y="0" width="{_n(WIDTH)}" height="{_n(self.height)}" fill="none" '
            f'stroke="#000" stroke-width="{BORDER_STROKE}"/>'
        )

    def _cell_texts(self) -> None:
        for index, top in self.row_top.items():
            row = self.layout.rows[index]
            middle = top + row.height / 2
            for key, lines in row.cells.items():
                column = self.layout.column(key)
                anchor = CELL_ALIGN[key]
                x = column.center if anchor == "middle" else column.x + PAD_X
                attrs = f' class="sop-cell-{key}"'
                self.canvas.text(lines, x, middle, anchor=anchor, attrs=attrs)

    # the flow

    def _symbols(self) -> None:
        for index, top in self.row_top.items():
            row = self.layout.rows[index]
            step = row.step
            current = step.number in self.highlight
            fill = HIGHLIGHT_SYMBOL_FILL if current else "#fff"
            stroke = CURRENT_SYMBOL_STROKE if current else SYMBOL_STROKE
            actor_key = self.layout.flow.actors[step.actor][0]
            self.canvas.add(
                f'<g class="sop-symbol{" is-current" if current else ""}" '
                f'data-step="{step.number}" data-kind="{step.kind}" '
                f'data-actor="{escape(actor_key)}" fill="{fill}" stroke="#000" '
                f'stroke-width="{stroke}">{_shape(row, top)}</g>'
            )

    def _connectors(self) -> list[_OffPage]:
        offpage: list[_OffPage] = []
        for route in self.routes:
            points, band = self._visible_points(route)
            if not points:
                continue
            if band is not None:
                offpage.append(_OffPage(route.x, self.letters[route], band))
            edge = route.edge
            self.canvas.add(
                f'<path class="sop-flow" data-from="{self._number(edge.source)}" '
                f'data-to="{self._number(edge.target)}" data-label="{edge.label}" '
                f'd="{_path(points)}" fill="none" stroke="#000" stroke-width="{FLOW_STROKE}"/>'
            )
            self.canvas.add(_arrowhead(points[-2], points[-1]))
        return offpage

    def _number(self, index: int) -> int:
        return self.layout.rows[index].step.number

    def _visible_points(self, route: Route) -> tuple[list[Point], str | None]:
        """The part of the route on this page and, if it leaves the page, the band of its
        off-page connector."""
        edge = route.edge
        source_top = self.row_top.get(edge.source)
        target_top = self.row_top.get(edge.target)
        source, target = [], []
        if source_top is not None:
            source = [(x, source_top + y) for x, y in route.source_points]
        if target_top is not None:
            target = [(x, target_top + y) for x, y in route.target_points]
        if source_top is not None and target_top is not None:
            return [*source, *target], None
        # A connector leaves downward to a later page or upward to an earlier one.
        leaves_downward = edge.forward
        if source_top is not None:
            band = "bottom" if leaves_downward else "top"
            return [*source, (route.x, self._connector_edge(band, toward=source[-1][1]))], band
        if target_top is not None:
            band = "top" if leaves_downward else "bottom"
            return [(route.x, self._connector_edge(band, toward=target[0][1])), *target], band
        return [], None

    def _connector_edge(self, band: str, *, toward: float) -> float:
        """The point of the off-page connector in `band` that faces y `toward`."""
        top = self._connector_top(band)
        return top if toward < top else top + CONNECTOR_HEIGHT

    def _connector_top(self, band: str) -> float:
        band_top = self.top_band if band == "top" else self.bottom_band
        return band_top + (BAND_HEIGHT - CONNECTOR_HEIGHT) / 2

    def _offpage_connectors(self, offpage: list[_OffPage]) -> None:
        for connector in dict.fromkeys(offpage):
            top = self._connector_top(connector.band)
            x, w, h = connector.x, CONNECTOR_WIDTH / 2, CONNECTOR_HEIGHT
            points = [(x - w, top), (x + w, top), (x + w, top + h * 0.6), (x, top + h)]
            points.append((x - w, top + h * 0.6))
            self.canvas.add(
                f'<g class="sop-offpage" data-letter="{connector.letter}" '
                f'data-band="{connector.band}">'
                f'<polygon points="{_points(points)}" fill="#fff" stroke="#000" '
                f'stroke-width="{SYMBOL_STROKE}"/></g>'
            )
            self.canvas.text(
                [connector.letter], x, top + h * 0.4, anchor="middle", bold=True, size=7
            )

    def _labels(self) -> None:
        for route in self.routes:
            top = self.row_top.get(route.edge.source)
            if top is None or not route.edge.label:
                continue
            x, y = route.source_points[0]
            y += top
            if route.exit in ("left", "right"):
                anchor = "end" if route.exit == "left" else "start"
                x += -3.5 if route.exit == "left" else 3.5
                y -= 4.5
            else:
                anchor, x = "start", x + 3
                y += 5 if route.exit == "bottom" else -5
            self.canvas.text(
                [route.edge.label],
                x,
                y,
                anchor=anchor,
                size=LABEL_SIZE,
                attrs=' font-style="italic" class="sop-flow-label"',
            )


def _shape(row: Row, top: float) -> str:
    cx, cy = row.cx, top + row.cy
    w, h = row.half_width, row.half_height
    if row.step.kind == StepKind.DECISION:
        diamond = [(cx, cy - h), (cx + w, cy), (cx, cy + h), (cx - w, cy)]
        return f'<polygon points="{_points(diamond)}"/>'
    radius = h if row.step.kind in (StepKind.START, StepKind.END) else 0
    return (
        f'<rect x="{_n(cx - w)}" y="{_n(cy - h)}" width="{_n(2 * w)}" height="{_n(2 * h)}" '
        f'rx="{_n(radius)}"/>'
    )


def _arrowhead(start: Point, end: Point) -> str:
    (x1, y1), (x2, y2) = start, end
    length = max(abs(x2 - x1), abs(y2 - y1)) or 1
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    back_x, back_y = x2 - dx * ARROW_LENGTH, y2 - dy * ARROW_LENGTH
    side_x, side_y = -dy * ARROW_HALF_WIDTH, dx * ARROW_HALF_WIDTH
    points = [(x2, y2), (back_x + side_x, back_y + side_y), (back_x - side_x, back_y - side_y)]
    return f'<polygon class="sop-arrow" points="{_points(points)}" fill="#000"/>'


def _path(points: list[Point]) -> str:
    unique = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    return "M " + " L ".join(f"{_n(x)} {_n(y)}" for x, y in unique)


def _points(points: list[Point]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
