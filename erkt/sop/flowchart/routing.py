"""Routing the connectors between the symbols.

Routes are orthogonal: leave a symbol by a side or the bottom, run vertically in the
target's column (or in a lane at the column's edge when symbols are in the way), enter by
the top (forward) or the bottom (loop-back), or by a side. Points are kept relative to the
source and the target rows, so a route can be cut where the table breaks over pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from erkt.sop.flowchart.definition import Edge
from erkt.sop.flowchart.layout import Layout, Row
from erkt.sop.models import StepKind

Point = tuple[float, float]


@dataclass(frozen=True)
class Route:
    """A connector: points relative to the source row, then points relative to the target
    row; between the two runs the vertical segment that may cross page breaks."""

    edge: Edge
    source_points: tuple[Point, ...]
    target_points: tuple[Point, ...]
    exit: str  # the source port, where the "ya"/"tidak" label goes

    @property
    def x(self) -> float:
        return self.source_points[-1][0]


@dataclass(frozen=True)
class _Candidate:
    route: Route
    exit: tuple[int, str]
    entry: tuple[int, str]
    vertical: tuple[float, float, float]  # x, y from, y to (whole-chart coordinates)


def route_edges(layout: Layout, edges: list[Edge]) -> list[Route]:
    return _Router(layout).route(edges)


class _Router:
    """Orthogonal routes: leave by a side or the bottom, run vertically in the target's
    column (or a lane at its edge when symbols are in the way), enter by top or bottom."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.rows = layout.rows
        self.tops: list[float] = []
        y = 0.0
        for row in self.rows:
            self.tops.append(y)
            y += row.height
        self.exits: set[tuple[int, str]] = set()
        self.entries: set[tuple[int, str]] = set()
        self.verticals: list[tuple[float, float, float, int]] = []

    def route(self, edges: list[Edge]) -> list[Route]:
        """Route plain steps first (the spine), then decisions with loop-backs first: a
        loop-back takes the side facing its target, the forward branch the bottom if need be."""
        is_decision = [row.step.kind == StepKind.DECISION for row in self.rows]
        ordered = [e for e in edges if not is_decision[e.source]] + sorted(
            (e for e in edges if is_decision[e.source]), key=lambda e: (e.source, e.forward)
        )
        routes = {edge: self._route(edge) for edge in ordered}
        return [routes[edge] for edge in edges]

    def _route(self, edge: Edge) -> Route:
        candidates = self._forward(edge) if edge.forward else self._backward(edge)
        chosen = next((c for c in candidates if self._fits(c)), None)
        if chosen is None:  # crowded: accept an overlap rather than lose the connector
            chosen = next((c for c in candidates if self._ports_free(c)), candidates[-1])
        self.exits.add(chosen.exit)
        self.entries.add(chosen.entry)
        self.verticals.append((*chosen.vertical, edge.target))
        return chosen.route

    # candidates, best first

    def _forward(self, edge: Edge) -> list[_Candidate]:
        s, t = self.rows[edge.source], self.rows[edge.target]
        candidates = []
        if s.cx != t.cx:
            side = _side_toward(s, t.cx)
            candidates.append(
                self._candidate(edge, side, [(t.cx, s.cy)], [(t.cx, t.port("top")[1])], "top")
            )
        down = [(t.cx, t.port("top")[1])]
        if s.cx != t.cx:
            side = _side_toward(t, s.cx)
            into_side = [(s.cx, t.cy), t.port(side)]
            candidates.append(self._candidate(edge, "bottom", [], into_side, side))
            down = [(s.cx, t.jog_above), (t.cx, t.jog_above), *down]
        candidates.append(self._candidate(edge, "bottom", [], down, "top"))
        for lane in self._lanes(edge):
            candidates.extend(self._lane_candidates(edge, lane))
        return candidates

    def _backward(self, edge: Edge) -> list[_Candidate]:
        s, t = self.rows[edge.source], self.rows[edge.target]
        candidates = []
        if s.cx != t.cx:
            side = _side_toward(s, t.cx)
            up = [(t.cx, t.port("bottom")[1])]
            candidates.append(self._candidate(edge, side, [(t.cx, s.cy)], up, "bottom"))
        for lane in self._lanes(edge):
            candidates.extend(self._lane_candidates(edge, lane))
        return candidates

    def _lanes(self, edge: Edge) -> list[float]:
        """The two lanes of the target column, the one facing the source first."""
        s, t = self.rows[edge.source], self.rows[edge.target]
        column = self.layout.actor_columns[t.step.actor]
        inset = (column.width / 2 - t.half_width) / 2
        left, right = column.x + inset, column.right - inset
        return [left, right] if s.cx < t.cx else [right, left]

    def _lane_candidates(self, edge: Edge, lane: float) -> list[_Candidate]:
        s, t = self.rows[edge.source], self.rows[edge.target]
        jog = s.jog_below
        exits = [(_side_toward(s, lane), [(lane, s.cy)])]
        exits.append(("bottom", [(s.cx, jog), (lane, jog)]))
        side = _side_toward(t, lane)
        end_port = "top" if edge.forward else "bottom"
        end_jog = t.jog_above if edge.forward else t.jog_below
        entries = [
            (side, [(lane, t.cy), (t.port(side)[0], t.cy)]),
            (end_port, [(lane, end_jog), (t.cx, end_jog), t.port(end_port)]),
        ]
        return [
            self._candidate(edge, exit_port, exit_points, entry_points, entry_port)
            for exit_port, exit_points in exits
            for entry_port, entry_points in entries
        ]

    def _candidate(
        self,
        edge: Edge,
        exit_port: str,
        source_tail: list[Point],
        target_points: list[Point],
        entry_port: str,
    ) -> _Candidate:
        s = self.rows[edge.source]
        source_points = (s.port(exit_port), *source_tail)
        x = source_points[-1][0]
        y_from = self.tops[edge.source] + source_points[-1][1]
        y_to = self.tops[edge.target] + target_points[0][1]
        return _Candidate(
            Route(edge, source_points, tuple(target_points), exit_port),
            exit=(edge.source, exit_port),
            entry=(edge.target, entry_port),
            vertical=(x, min(y_from, y_to), max(y_from, y_to)),
        )

    # checks

    def _ports_free(self, candidate: _Candidate) -> bool:
        return (
            candidate.exit not in self.exits
            and candidate.exit not in self.entries
            and candidate.entry not in self.exits
        )

    def _fits(self, candidate: _Candidate) -> bool:
        return (
            self._ports_free(candidate)
            and self._clear_of_symbols(candidate)
            and not self._overlaps(candidate)
        )

    def _clear_of_symbols(self, candidate: _Candidate) -> bool:
        """The vertical run must not cut through a symbol of the rows it passes."""
        x, y_from, y_to = candidate.vertical
        edge = candidate.route.edge
        for index, row in enumerate(self.rows):
            if index in (edge.source, edge.target):
                continue
            top = self.tops[index] + row.cy - row.half_height
            bottom = self.tops[index] + row.cy + row.half_height
            crosses_rows = y_from < bottom and top < y_to
            if crosses_rows and abs(x - row.cx) <= row.half_width + 1:
                return False
        return True

    def _overlaps(self, candidate: _Candidate) -> bool:
        """Two vertical runs on one line are read as one: only allowed toward one target."""
        x, y_from, y_to = candidate.vertical
        target = candidate.route.edge.target
        return any(
            abs(x - other_x) < 1 and y_from < other_to - 1 and other_from + 1 < y_to
            for other_x, other_from, other_to, other_target in self.verticals
            if other_target != target
        )


def _side_toward(row: Row, x: float) -> str:
    return "left" if x < row.cx else "right"
