"""The evaluation's charts, drawn on the server as SVG (no JS; legible in print).

Two horizontal bar charts, one row per step (per unit for a per-unit step): the median and
maximum working days against the step's Waktu (a dark tick), and the share on time.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.sop.evaluation import StepFigures, number_text

LABEL_WIDTH = 260
CHART_WIDTH = 460
ROW_HEIGHT = 24
TOP = 30
BOTTOM = 12
# The colours of the Gantt (erkt/workflow/gantt.py): contrast at least 3:1 against white.
MEDIAN = "#0a58ca"
MAXIMUM = "#9aa5b1"
WAKTU = "#212529"
ON_TIME = "#146c43"
LATE = "#b02a37"
TEXT = "#212529"


def _label(figures: StepFigures) -> str:
    if figures.unit_name:
        return f"{figures.step.number}. {figures.unit_name}"
    text = f"{figures.step.number}. {figures.step.uraian}"
    return text if len(text) <= 34 else text[:32].rstrip() + "…"


def _open(name: str, title: str, desc: str, rows: int) -> tuple[list[str], int]:
    height = TOP + rows * ROW_HEIGHT + BOTTOM
    width = LABEL_WIDTH + CHART_WIDTH + 70
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="monev-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{name}-title {name}-desc" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{name}-title">{escape(title)}</title>',
        f'<desc id="{name}-desc">{escape(desc)}</desc>',
    ], height


def durations_svg(rows: list[StepFigures]) -> SafeString:
    """Median (blue) and maximum (grey) working days of each row, the Waktu as a tick."""
    rows = [r for r in rows if r.passes]
    longest = max([r.maximum or 0 for r in rows] + [r.waktu for r in rows] + [1])
    per_day = CHART_WIDTH / longest
    out, _height = _open(
        "monev-durasi",
        _("Median dan maksimum hari kerja terhadap Waktu"),
        _(
            "Batang biru: median; batang abu-abu: maksimum; garis hitam: Waktu langkah; "
            "angka: median / maksimum."
        ),
        len(rows),
    )
    out.append(
        f'<text x="{LABEL_WIDTH}" y="16" fill="{TEXT}">'
        + escape(_("hari kerja"))
        + f": 0 - {longest}</text>"
    )
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        median = float(row.median or 0)
        out.append(
            f'<g class="monev-row" data-step="{row.step.number}" '
            f'data-unit="{escape(row.unit_name)}">'
            f"<title>{escape(_describe(row))}</title>"
            f'<text x="4" y="{y + 16}" fill="{TEXT}">{escape(_label(row))}</text>'
            f'<rect class="monev-max" x="{LABEL_WIDTH}" y="{y + 4}" '
            f'width="{round((row.maximum or 0) * per_day, 1)}" height="{ROW_HEIGHT - 8}" '
            f'fill="{MAXIMUM}"/>'
            f'<rect class="monev-median" x="{LABEL_WIDTH}" y="{y + 8}" '
            f'width="{round(median * per_day, 1)}" height="{ROW_HEIGHT - 16}" fill="{MEDIAN}"/>'
            f'<line class="monev-waktu" x1="{LABEL_WIDTH + round(row.waktu * per_day, 1)}" '
            f'x2="{LABEL_WIDTH + round(row.waktu * per_day, 1)}" y1="{y + 1}" '
            f'y2="{y + ROW_HEIGHT - 1}" stroke="{WAKTU}" stroke-width="2"/>'
            f'<text x="{LABEL_WIDTH + CHART_WIDTH + 6}" y="{y + 16}" fill="{TEXT}">'
            f"{escape(number_text(row.median))} / {row.maximum}</text>"
            "</g>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above is escaped


def on_time_svg(rows: list[StepFigures]) -> SafeString:
    """The share of passes on time (green) and late (red) of each row, 0 to 100%."""
    rows = [r for r in rows if r.passes]
    out, _height = _open(
        "monev-tepat",
        _("Persentase tepat waktu"),
        _("Hijau: selesai dalam Waktu; merah: terlambat."),
        len(rows),
    )
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        good = round(row.on_time_share * CHART_WIDTH / 100, 1)
        out.append(
            f'<g class="monev-row" data-step="{row.step.number}" '
            f'data-unit="{escape(row.unit_name)}">'
            f"<title>{escape(_describe(row))}</title>"
            f'<text x="4" y="{y + 16}" fill="{TEXT}">{escape(_label(row))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{good}" height="{ROW_HEIGHT - 8}" '
            f'fill="{ON_TIME}"/>'
            f'<rect x="{LABEL_WIDTH + good}" y="{y + 4}" width="{round(CHART_WIDTH - good, 1)}" '
            f'height="{ROW_HEIGHT - 8}" fill="{LATE}"/>'
            f'<text x="{LABEL_WIDTH + CHART_WIDTH + 6}" y="{y + 16}" fill="{TEXT}">'
            f"{row.on_time_share}%</text>"
            "</g>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above is escaped


def _describe(row: StepFigures) -> str:
    return _(
        "%(label)s: %(passes)s kali, median %(median)s, maksimum %(maximum)s, "
        "Waktu %(waktu)s hari kerja, tepat waktu %(share)s%%"
    ) % {
        "label": _label(row).strip(),
        "passes": row.passes,
        "median": row.median,
        "maximum": row.maximum,
        "waktu": row.waktu,
        "share": row.on_time_share,
    }
