"""Column widths, wrapped cell texts and row heights of the flowchart table."""

from __future__ import annotations

from dataclasses import dataclass

from erkt.sop.flowchart.definition import Flow, FlowStep
from erkt.sop.flowchart.style import (
    ACTOR_WEIGHT,
    FONT_SIZE,
    HEAD_LABELS,
    LEADING_COLUMNS,
    LINE_HEIGHT,
    MIN_ROW_HEIGHT,
    MUTU_BAKU,
    PAD_X,
    PAD_Y,
    SPAN_HEAD_HEIGHT,
    SYMBOL_HEIGHT,
    SYMBOL_WIDTH,
    TRAILING_COLUMNS,
    WIDTH,
)
from erkt.sop.models import StepKind
from erkt.sop.textmetrics import wrap


@dataclass(frozen=True)
class Column:
    key: str
    x: float
    width: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Row:
    step: FlowStep
    height: float
    cells: dict[str, list[str]]  # column key -> wrapped lines
    cx: float  # symbol centre, x
    half_width: float
    half_height: float

    @property
    def cy(self) -> float:
        return self.height / 2

    def port(self, name: str) -> tuple[float, float]:
        """Where a connector meets the symbol, relative to the row's top left."""
        return {
            "top": (self.cx, self.cy - self.half_height),
            "bottom": (self.cx, self.cy + self.half_height),
            "left": (self.cx - self.half_width, self.cy),
            "right": (self.cx + self.half_width, self.cy),
        }[name]

    @property
    def jog_above(self) -> float:
        """Height of a horizontal run between the row's top line and its symbol."""
        return (self.cy - self.half_height) / 2

    @property
    def jog_below(self) -> float:
        return (self.cy + self.half_height + self.height) / 2


@dataclass(frozen=True)
class Layout:
    flow: Flow
    columns: tuple[Column, ...]  # left to right
    actor_columns: tuple[Column, ...]
    head_height: float
    head_cells: dict[str, list[str]]  # column key -> wrapped header label
    rows: tuple[Row, ...]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def layout_of(flow: Flow) -> Layout:
    columns = _columns(len(flow.actors))
    actor_columns = tuple(c for c in columns if c.key.startswith("actor:"))
    head_cells = {c.key: _wrap_cell(HEAD_LABELS.get(c.key, ""), c, bold=True) for c in columns}
    for (_key, name), column in zip(flow.actors, actor_columns, strict=True):
        head_cells[column.key] = _wrap_cell(name, column, bold=True)
    second_row = [*actor_columns, *(c for c in columns if c.key in MUTU_BAKU)]
    lines = max(len(head_cells[c.key]) for c in second_row)
    head_height = SPAN_HEAD_HEIGHT + max(22.0, lines * LINE_HEIGHT + 2 * PAD_Y)
    rows = tuple(_row(step, columns, actor_columns) for step in flow.steps)
    return Layout(flow, columns, actor_columns, head_height, head_cells, rows)


def _columns(actor_count: int) -> tuple[Column, ...]:
    weights = [
        *LEADING_COLUMNS,
        *((f"actor:{index}", ACTOR_WEIGHT) for index in range(actor_count)),
        *TRAILING_COLUMNS,
    ]
    unit = WIDTH / sum(weight for _key, weight in weights)
    columns, x = [], 0.0
    for key, weight in weights:
        columns.append(Column(key, round(x, 2), round(weight * unit, 2)))
        x += weight * unit
    return tuple(columns)


def _wrap_cell(text: str, column: Column, *, bold: bool = False) -> list[str]:
    return wrap(text, column.width - 2 * PAD_X, FONT_SIZE, bold=bold)


def _row(step: FlowStep, columns: tuple[Column, ...], actors: tuple[Column, ...]) -> Row:
    texts = {
        "no": str(step.number),
        "uraian": step.uraian,
        "kelengkapan": step.kelengkapan,
        "waktu": step.waktu,
        "output": step.output,
        "keterangan": step.keterangan,
    }
    cells = {c.key: _wrap_cell(texts[c.key], c) for c in columns if c.key in texts}
    text_height = max(len(lines) for lines in cells.values()) * LINE_HEIGHT + 2 * PAD_Y
    column = actors[step.actor]
    return Row(
        step=step,
        height=max(MIN_ROW_HEIGHT, text_height),
        cells=cells,
        cx=column.center,
        half_width=min(SYMBOL_WIDTH, column.width - 16) / 2,
        half_height=SYMBOL_HEIGHT.get(step.kind, SYMBOL_HEIGHT[StepKind.PROCESS]) / 2,
    )
