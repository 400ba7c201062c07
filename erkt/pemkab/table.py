"""The Pemkab overview's table rows (pemkab/_table.html), written in Python.

Fifty OPDs a page, six cells each: format_html per row (values escaped as the template
escaped them), the labels translated once per table rather than once a row.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.html_cells import truncate_chars
from erkt.html_rows import escaped
from erkt.html_rows import row as html_row
from erkt.pemkab.overview import OpdRow
from erkt.url_cache import remembered_for
from erkt.workflow.models import Process

ROW = (
    '<tr data-opd="{}">\n'
    '      <th scope="row" class="fw-normal">\n        {}\n      </th>\n'
    "      <td>\n        {}\n      </td>\n"
    '      <td class="text-end">{}</td>\n'
    '      <td class="text-end">{}</td>\n'
    '      <td class="text-end">{}</td>\n'
    "      <td>\n        {}\n      </td>\n    </tr>"
)
LATE = '<span class="text-danger fw-semibold">{}</span>'
DASH = mark_safe("&ndash;")


class Labels:
    """The table's words, translated once."""

    def __init__(self) -> None:
        self.not_started = format_html(
            '<span class="text-body-secondary">{}</span>', _("Belum dimulai")
        )
        self.final = format_html(' <span class="badge text-bg-success">{}</span>', _("final"))
        self.signed = _("Ditandatangani")
        self.rkt = _("RKT")
        self.verify = _("Verifikasi")
        self.not_yet = format_html('<span class="text-body-secondary">{}</span>', _("Belum"))
        self.version = _("versi %(n)s")
        self.status = {value: str(label) for value, label in Process.Status.choices}
        # The links' URLconf and script prefix read once a table (erkt.url_cache).
        self.process_url = remembered_for("workflow:process")
        self.rkt_url = remembered_for("rkt:drafts:page")
        self.document_url = remembered_for("documents:detail")
        self._steps: dict[tuple[int, str], str] = {}

    def step(self, number: int, uraian: str) -> str:
        """A running step's line, written once per step (the OPDs of a year share them)."""
        line = self._steps.get((number, uraian))
        if line is None:
            line = html_row("<div>{}. {}</div>", number, truncate_chars(uraian, 70))
            self._steps[(number, uraian)] = line
        return line


def rows_html(rows: list[OpdRow]) -> SafeString:
    """The <tr>s of the table body, or its one "none" row."""
    if not rows:
        return format_html(
            '<tr><td colspan="6" class="text-body-secondary">{}</td></tr>',
            _("Tidak ada perangkat daerah yang cocok."),
        )
    labels = Labels()
    return mark_safe("\n    ".join(_row(row, labels) for row in rows))


# Each cell is written by erkt.html_rows.row (format_html's escaping into a plain str)
# and goes into the row as markup (SafeText): a row costs no SafeString per value.


def _row(row: OpdRow, labels: Labels) -> str:
    name = row.organization.name
    if row.process is None:
        opd, steps = escaped(name), labels.not_started
    else:
        link = labels.process_url(row.process.pk)
        opd = html_row('<a href="{}">{}</a>', link, name)
        steps = _steps(row, labels)
    return ROW.format(
        escaped(row.organization.short_name),
        opd,
        steps,
        LATE.format(row.late_tasks) if row.late_tasks else "0",
        LATE.format(row.days_late) if row.days_late else DASH,
        _version(row, labels),
        _signed(row, labels),
    )


def _steps(row: OpdRow, labels: Labels) -> str:
    if not row.steps:
        status = labels.status.get(row.process.status, row.process.status)
        return html_row('<span class="badge text-bg-secondary">{}</span>', status)
    return "".join(labels.step(run.number, run.uraian) for run in row.steps)


def _version(row: OpdRow, labels: Labels) -> str:
    if not row.version:
        return DASH
    link = labels.rkt_url(row.process.pk)
    final = labels.final if row.final else ""
    text = labels.version % {"n": row.version}
    return html_row('<a href="{}">{}</a>{}', link, text, final)


def _signed(row: OpdRow, labels: Labels) -> str:
    if row.signed is None:
        return labels.not_yet
    return html_row(
        '<span class="badge text-bg-success"><i class="bi bi-patch-check" aria-hidden="true">'
        "</i> {}</span>\n          "
        '<a href="{}">{}</a> &middot;\n          <a href="{}">{}</a>',
        labels.signed,
        labels.document_url(row.signed.pk),
        labels.rkt,
        row.verification_url,
        labels.verify,
    )
