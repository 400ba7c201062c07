"""The rows of the RKT list (/rkt/, rkt/drafts/index.html), written in Python.

Every process of the organisation (one a year, and the Kepala's) read as values with its
latest version and final count, each row written with format_html (values escaped as the
template escaped them), the labels translated once per table.
"""

from __future__ import annotations

from django.db.models import Count, Max, Q
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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
    query, what the list shows and a short GROUP BY."""
    return list(
        Process.objects.filter(organization=organization)
        .values("pk", "year", "revision", "status", "start_date", "sop_version__judul")
        .annotate(
            latest_version=Max("drafts__number"),
            final_count=Count("drafts", filter=Q(drafts__status=DraftRkt.Status.FINAL)),
        )
        .order_by("-year", "-start_date", "-pk")
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
    version = format_html("{} {}", labels.versi, latest) if latest else labels.not_compiled
    state = labels.final if row["final_count"] else labels.draft if latest else labels.none
    return format_html(
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
