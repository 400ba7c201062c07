"""The rows of the Daftar proses (workflow/process_list.html), written in Python.

The organisation's processes (some fifty: one a year per SOP, and their revisions) are
read as values (compiled once, erkt.compiled_sql) and each row written with
erkt.html_rows.row (format_html's escaping into a plain str, the table marked safe
once); the labels are translated once per table, not once a row.
"""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.html_cells import truncate_chars
from erkt.html_rows import row as html_row
from erkt.org.models import Organization
from erkt.org.templatetags.indonesian import tanggal
from erkt.url_cache import remembered
from erkt.workflow.models import Process, StepRun
from erkt.workflow.templatetags.workflow_tags import status_tone

FIELDS = (
    "pk",
    "year",
    "revision",
    "revision_reason",
    "status",
    "start_date",
    "planned_end",
    "sop_version__judul",
)
ROW = (
    '<tr>\n              <td><a class="fw-semibold" href="{}">{}</a> '
    '<span class="text-body-secondary">{}</span>{}</td>\n'
    '              <td><span class="badge text-bg-{}">{}</span></td>\n'
    '              <td class="text-nowrap">{}</td>\n'
    '              <td class="text-nowrap">{}</td>\n'
    '              <td class="small">{}</td>\n            </tr>'
)
NO_STEP = mark_safe('<span class="text-body-secondary">-</span>')


# The two reads, compiled once (erkt.compiled_sql; the steps' once per number of processes).
PROCESSES = Shape(
    lambda organization_id: Process.objects.filter(organization_id=organization_id).values(*FIELDS)
)
ACTIVE_STEPS = Shape(
    lambda *process_ids: (
        StepRun.objects.filter(process__in=process_ids, status=StepRun.Status.ACTIVE)
        .order_by("number")
        .values_list("process_id", "number", "step__uraian")
    )
)


def process_rows(organization: Organization) -> list[dict]:
    """The processes in the Meta order ("-year", "-start_date", "-pk"), each a dict of
    FIELDS and its active steps ("runs": (number, uraian) in step order): two queries,
    the Prefetch of step_runs it stands for without model instances."""
    rows = PROCESSES.rows(organization.pk)
    runs: dict[int, list[tuple[int, str]]] = {row["pk"]: [] for row in rows}
    if runs:
        for process_id, number, uraian in ACTIVE_STEPS.rows(*runs):
            runs[process_id].append((number, uraian))
    for row in rows:
        row["runs"] = runs[row["pk"]]
    return rows


def rows_html(rows: list[dict]) -> SafeString:
    reason = _("Alasan perubahan")
    revised = _("%(year)s — Perubahan %(number)s")  # Process.year_label
    statuses = {value: str(label) for value, label in Process.Status.choices}
    html = []
    for row in rows:
        label, note = str(row["year"]), ""
        if row["revision"]:
            label = revised % {"year": row["year"], "number": row["revision"]}
            text = truncate_chars(row["revision_reason"], 120)
            note = mark_safe(
                html_row('<div class="small text-body-secondary">{}: {}</div>', reason, text)
            )
        html.append(
            html_row(
                ROW,
                remembered("workflow:process", row["pk"]),
                row["sop_version__judul"],
                label,
                note,
                status_tone(row["status"]),
                statuses.get(row["status"], row["status"]),
                tanggal(row["start_date"]),
                tanggal(row["planned_end"]),
                _steps(row["runs"]),
            )
        )
    return mark_safe("\n          ".join(html))


def _steps(runs: list[tuple[int, str]]) -> str:
    if not runs:
        return NO_STEP
    return mark_safe("".join(html_row("<div>{}. {}</div>", *run) for run in runs))
