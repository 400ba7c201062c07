"""The rows of the RKT list (/rkt/, rkt/drafts/index.html), written in Python.

Every process of the organisation (one a year, and the Kepala's) read as values with its
latest version and final count (compiled once), each row written with erkt.html_rows.row
(format_html's escaping into a plain str, the table marked safe once), the labels
translated once per table.
"""

from __future__ import annotations

from django.db.models import Count, Max, Q
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.html_rows import row as html_row
from erkt.org.models import Organization
from erkt.org.templatetags.indonesian import tanggal
from erkt.rkt.drafts.models import DraftRkt
from erkt.url_cache import remembered
from erkt.workflow.models import Process

ROW = (
    '<tr>\n      <td><a href="{}">{} {}</a></td>\n'
    '      <td class="small">{} &middot; {} &middot; {} {}</td>\n'
    "      <td>{}</td>\n      <td>{}</td>\n    </tr>"
)


def rkt_processes(organization: Organization) -> list[dict]:
    """The processes, newest year first, with "latest_version" and "final_count": one
    query, what the list shows and a short GROUP BY, compiled once (erkt.compiled_sql)."""
    return PROCESSES.rows(organization.pk)


PROCESSES = Shape(
    lambda organization_id: (
        Process.objects.filter(organization_id=organization_id)
        .values("pk", "year", "revision", "status", "start_date", "sop_version__judul")
        .annotate(
            latest_version=Max("drafts__number"),
            final_count=Count("drafts", filter=Q(drafts__status=DraftRkt.Status.FINAL)),
        )
        .order_by("-year", "-start_date", "-pk")
    )
)


class Labels:
    def __init__(self) -> None:
        self.rkt = _("RKT")
        self.mulai = _("mulai")
        self.versi = _("Versi")
        self.not_compiled = format_html(
            '<span class="text-body-secondary">{}</span>', _("Belum dikompilasi")
        )
        self.final = format_html('<span class="badge text-bg-success">{}</span>', _("Final"))
        self.draft = format_html('<span class="badge text-bg-warning">{}</span>', _("Draft"))
        self.none = mark_safe('<span class="text-body-secondary">\u2013</span>')
        self.revised = _("%(year)s — Perubahan %(number)s")  # Process.year_label
        self.statuses = {value: str(label) for value, label in Process.Status.choices}


def rows_html(rows: list[dict]) -> SafeString:
    """The <tr>s of the table, or its one "none" row."""
    if not rows:
        return format_html(
            '<tr><td colspan="4" class="text-center text-body-secondary py-3">{}</td></tr>',
            _("Belum ada pelaksanaan penyusunan RKT."),
        )
    labels = Labels()
    return mark_safe("\n    ".join(_row(row, labels) for row in rows))


def _row(row: dict, labels: Labels) -> str:
    year = str(row["year"])
    if row["revision"]:
        year = labels.revised % {"year": row["year"], "number": row["revision"]}
    latest = row["latest_version"]
    version = mark_safe(html_row("{} {}", labels.versi, latest)) if latest else labels.not_compiled
    state = labels.final if row["final_count"] else labels.draft if latest else labels.none
    return html_row(
        ROW,
        remembered("rkt:drafts:page", row["pk"]),
        labels.rkt,
        year,
        row["sop_version__judul"],
        labels.statuses.get(row["status"], row["status"]),
        labels.mulai,
        tanggal(row["start_date"]),
        version,
        state,
    )
