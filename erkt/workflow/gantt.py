"""The Gantt of a process, drawn on the server as SVG (no JS; legible in print).

One row per step: its planned bar (the plan's start to due date) and one actual bar per
pass (opened to completed, or to today while open). A per-unit step gets one row per
unit under it, each with its own passes. A vertical line marks today.

The chart reads only the step runs and tasks of the engine: it knows nothing of RKT.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.signals import setting_changed
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from erkt.html_rows import escaped_text as escape  # html.escape of a str, cheaper
from erkt.per_language import per_language
from erkt.workflow.models import Process, Task

LABEL_WIDTH = 300
CHART_WIDTH = 720
ROW_HEIGHT = 26
TOP = 34
BOTTOM = 30
# Colours with at least 4.5:1 against white for text, 3:1 for the bars' shapes.
PLANNED = "#9aa5b1"
DONE = "#146c43"
OPEN = "#0a58ca"
LATE = "#b02a37"
TODAY = "#b02a37"
TEXT = "#212529"
MUTED = "#495057"


class ChartRun(NamedTuple):
    """What the chart reads of a step run."""

    pk: int
    number: int
    uraian: str
    planned_start: datetime.date | None
    planned_due: datetime.date | None


class ChartTask(NamedTuple):
    """What the chart reads of a task (and of its unit)."""

    step_run_id: int
    status: str
    unit_id: int | None
    unit_order: int
    unit_name: str
    unit_short_name: str
    pass_number: int
    opened_on: datetime.date
    due_date: datetime.date
    completed_at: datetime.datetime | None


class Chart(NamedTuple):
    """Everything a chart is drawn from, as a value: equal charts draw the same SVG."""

    process_pk: int
    process_name: str
    start_date: datetime.date
    planned_end: datetime.date
    today: datetime.date
    language: str
    runs: tuple[ChartRun, ...]
    tasks: tuple[ChartTask, ...]


@dataclass
class Bar:
    start: datetime.date
    end: datetime.date
    kind: str  # planned, done, open, late
    label: str
    pass_number: int = 0


@dataclass
class Row:
    label: str
    bars: list[Bar] = field(default_factory=list)
    indent: bool = False
    step: int = 0
    unit: str = ""


def _day(value: datetime.datetime | None, fallback: datetime.date) -> datetime.date:
    if value is None:
        return fallback
    return value.date() if isinstance(value, datetime.datetime) else value


@per_language
def bar_words() -> dict[str, str]:
    """The chart's texts in the active language, translated once: a chart has some 30
    bars, and each gettext() looked up the active language's catalog again."""
    return {
        "done": _("selesai"),
        "open": _("berjalan"),
        "late": _("terlambat"),
        "planned": _("Rencana"),
        "pass": _("Putaran %(n)s: %(start)s s.d. %(end)s, %(state)s"),
        "title": _("Gantt %(process)s"),
        "desc": _(
            "Batang abu-abu: rencana setiap langkah; batang berwarna: pelaksanaan setiap "
            "putaran (hijau selesai, biru berjalan, merah terlambat); garis merah: hari ini, "
            "%(today)s."
        ),
        "today": _("Hari ini"),
    }


def _pass_bar(tasks: list[ChartTask], today: datetime.date, words: dict[str, str]) -> Bar:
    opened = min(task.opened_on for task in tasks)
    live = [task for task in tasks if task.status == Task.Status.OPEN]
    if live:
        due = min(task.due_date for task in live)
        end, kind = today, ("late" if today > due else "open")
    else:
        end = max(_day(task.completed_at, task.opened_on) for task in tasks)
        kind = "done"
    number = tasks[0].pass_number
    label = words["pass"] % {
        "n": number,
        "start": opened.strftime("%d/%m"),
        "end": end.strftime("%d/%m"),
        "state": words[kind],
    }
    return Bar(opened, max(end, opened), kind, label, number)


def rows_of(runs: tuple[ChartRun, ...], tasks: tuple[ChartTask, ...], today) -> list[Row]:
    """The chart's rows: each step, and under a per-unit step each unit."""
    by_run: dict[int, list[ChartTask]] = {}
    for task in tasks:
        by_run.setdefault(task.step_run_id, []).append(task)
    rows = []
    words = bar_words()  # once a chart: each call looks up the active language
    planned = words["planned"]
    for run in runs:
        row = Row(f"{run.number}. {run.uraian}", step=run.number)
        if run.planned_start and run.planned_due:
            row.bars.append(Bar(run.planned_start, run.planned_due, "planned", planned))
        mine = by_run.get(run.pk, [])
        unit_tasks = [task for task in mine if task.unit_id]
        lane_tasks = [task for task in mine if not task.unit_id]
        row.bars.extend(_passes(lane_tasks, today, words))
        rows.append(row)
        units: dict[int, list[ChartTask]] = {}
        for task in unit_tasks:
            units.setdefault(task.unit_id, []).append(task)
        for unit_list in sorted(units.values(), key=lambda ts: (ts[0].unit_order, ts[0].unit_id)):
            unit = unit_list[0]
            name = unit.unit_name
            sub = Row(unit.unit_short_name or name, indent=True, step=run.number, unit=name)
            sub.bars.extend(_passes(unit_list, today, words))
            rows.append(sub)
    return rows


def _passes(tasks: list[ChartTask], today: datetime.date, words: dict[str, str]) -> list[Bar]:
    by_pass: dict[int, list[ChartTask]] = {}
    for task in tasks:
        by_pass.setdefault(task.pass_number, []).append(task)
    return [_pass_bar(by_pass[number], today, words) for number in sorted(by_pass)]


def gantt_svg(process: Process, runs, tasks) -> SafeString:
    """The SVG of the process's Gantt (step runs with their step, tasks with their unit: the
    models or the pages' RunRow and TaskRow)."""
    chart = Chart(
        process.pk,
        str(process),
        process.start_date,
        process.planned_end,
        process.today(),
        get_language(),
        tuple(
            [ChartRun(r.pk, r.number, r.step.uraian, r.planned_start, r.planned_due) for r in runs]
        ),
        tuple(
            [
                ChartTask(
                    t.step_run_id,
                    t.status,
                    t.unit_id,
                    t.unit.order if t.unit_id else 0,
                    t.unit.name if t.unit_id else "",
                    t.unit.short_name if t.unit_id else "",
                    t.pass_number,
                    t.opened_on,
                    t.due_date,
                    t.completed_at,
                )
                for t in tasks
                if t.status != Task.Status.CANCELLED
            ]
        ),
    )
    return mark_safe(drawn(chart))  # every text in it is escaped


# The drawing depends on nothing but its Chart (as the SOP's flowchart on its Flow): a home
# page or a process page draws the same chart on every visit until a task moves, the day
# changes or the reader's language differs. Some 60 charts are kept.
@functools.lru_cache(maxsize=64)
def drawn(chart: Chart) -> str:
    today = chart.today
    rows = rows_of(chart.runs, chart.tasks, today)
    dates = [chart.start_date, chart.planned_end, today]
    dates += [day for row in rows for bar in row.bars for day in (bar.start, bar.end)]
    first, last = min(dates), max(dates) + datetime.timedelta(days=1)
    span = max((last - first).days, 1)
    per_day = CHART_WIDTH / span

    def x(day: datetime.date) -> float:
        return round(LABEL_WIDTH + (day - first).days * per_day, 1)

    height = TOP + len(rows) * ROW_HEIGHT + BOTTOM
    width = LABEL_WIDTH + CHART_WIDTH + 40
    words = bar_words()
    title = words["title"] % {"process": chart.process_name}
    desc = words["desc"] % {"today": today.strftime("%d/%m/%Y")}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="gantt-title-{chart.process_pk} gantt-desc-{chart.process_pk}" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="gantt-title-{chart.process_pk}">{escape(title)}</title>',
        f'<desc id="gantt-desc-{chart.process_pk}">{escape(desc)}</desc>',
    ]
    out += _axis(first, last, x, height)
    for index, row in enumerate(rows):
        out += _row(row, TOP + index * ROW_HEIGHT, x)
    line = x(today) + per_day / 2
    out.append(
        f'<line class="gantt-today" x1="{line}" x2="{line}" y1="{TOP - 6}" '
        f'y2="{height - BOTTOM + 4}" stroke="{TODAY}" stroke-width="2" stroke-dasharray="4 3"/>'
    )
    out.append(
        f'<text x="{line}" y="{height - 8}" text-anchor="middle" fill="{TODAY}" '
        'font-weight="600">' + escape(words["today"]) + "</text>"
    )
    out.append("</svg>")
    return "".join(out)


def forget_drawings(**kwargs) -> None:
    drawn.cache_clear()  # a settings change (tests) may change the chart's translations


setting_changed.connect(forget_drawings, dispatch_uid="erkt.workflow.gantt.forget_drawings")


def _axis(first: datetime.date, last: datetime.date, x, height: int) -> list[str]:
    out = []
    day = first
    step = max(1, (last - first).days // 8)
    while day < last:
        out.append(
            f'<line x1="{x(day)}" x2="{x(day)}" y1="{TOP - 4}" y2="{height - BOTTOM}" '
            f'stroke="#dee2e6"/>'
            f'<text x="{x(day)}" y="{TOP - 12}" fill="{MUTED}">{day.strftime("%d/%m")}</text>'
        )
        day += datetime.timedelta(days=step)
    return out


def _row(row: Row, y: int, x) -> list[str]:
    label = row.label if len(row.label) <= 38 else row.label[:36].rstrip() + "…"
    indent = 18 if row.indent else 4
    weight = "400" if row.indent else "600"
    colour = MUTED if row.indent else TEXT
    out = [
        f'<g class="gantt-row" data-step="{row.step}"'
        + (f' data-unit="{escape(row.unit)}"' if row.unit else "")
        + ">",
        f"<title>{escape(row.label)}</title>",
        f'<text x="{indent}" y="{y + 17}" fill="{colour}" font-weight="{weight}">'
        f"{escape(label)}</text>",
    ]
    for bar in row.bars:
        left, right = x(bar.start), x(bar.end + datetime.timedelta(days=1))
        if bar.kind == "planned":
            top, high, fill = y + 4, ROW_HEIGHT - 8, PLANNED
            extra = ' fill-opacity="0.45" stroke="#6c757d" stroke-dasharray="3 2"'
        else:
            top, high = y + 9, ROW_HEIGHT - 16
            fill = {"done": DONE, "open": OPEN, "late": LATE}[bar.kind]
            extra = ' stroke="#fff" stroke-width="1"'
        out.append(
            f'<rect class="gantt-bar gantt-{bar.kind}" data-pass="{bar.pass_number}" '
            f'x="{left}" y="{top}" width="{max(right - left, 3)}" height="{high}" rx="2" '
            f'fill="{fill}"{extra}><title>{escape(bar.label)}</title></rect>'
        )
        if bar.pass_number > 1:
            out.append(
                f'<text x="{right + 3}" y="{y + 17}" fill="{TEXT}" font-size="10">'
                f"ke-{bar.pass_number}</text>"
            )
    out.append("</g>")
    return out
