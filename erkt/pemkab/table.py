"""The Pemkab overview's table rows (pemkab/_table.html), written in Python.

Fifty OPDs a page, six cells each: each value escaped as the template escaped it, the
labels translated once per language (`words`), the links' URLconf read once a table.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.html_cells import truncate_chars
from erkt.html_rows import escaped
from erkt.html_rows import row as html_row
from erkt.pemkab.overview import OpdRow
from erkt.per_language import per_language
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


@per_language
def words() -> dict:
    """The table's words in the active language (a translated literal of the template is
    not escaped, as `{% translate %}` did not escape it)."""
    return {
        "not_started": format_html(
            '<span class="text-body-secondary">{}</span>', _("Belum dimulai")
        ),
        "final": format_html(' <span class="badge text-bg-success">{}</span>', _("final")),
        "signed": _("Ditandatangani"),
        "rkt": _("RKT"),
        "verify": _("Verifikasi"),
        "not_yet": format_html('<span class="text-body-secondary">{}</span>', _("Belum")),
        "version": _("versi %(n)s"),
        "status": {value: escaped(str(label)) for value, label in Process.Status.choices},
        "none": format_html(
            '<tr><td colspan="6" class="text-body-secondary">{}</td></tr>',
            _("Tidak ada perangkat daerah yang cocok."),
        ),
    }


class Labels:
    """The table's words (kept per language) and links, read once a table."""

    def __init__(self) -> None:
        words_ = words()
        self.not_started = words_["not_started"]
        self.final = words_["final"]
        self.signed = words_["signed"]
        self.rkt = words_["rkt"]
        self.verify = words_["verify"]
        self.not_yet = words_["not_yet"]
        self.version = words_["version"]
        self.status = words_["status"]
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
        return words()["none"]
    labels = Labels()
    return mark_safe("\n    ".join([_row(row, labels) for row in rows]))


# Each cell is written with its values escaped (erkt.html_rows: format_html's escaping into
# a plain str) and goes into the row as markup: a row costs no SafeString per value. Links
# reversed from ids and whole numbers hold nothing to escape.


def _row(row: OpdRow, labels: Labels) -> str:
    name = escaped(row.organization.name)
    process = row.process
    if process is None:
        opd, steps = name, labels.not_started
    else:
        opd = f'<a href="{labels.process_url(process.pk)}">{name}</a>'
        steps = _steps(row, labels)
    return ROW.format(
        escaped(row.organization.short_name),
        opd,
        steps,
        LATE.format(row.late_tasks) if row.late_tasks else "0",
        LATE.format(row.days_late) if row.days_late else DASH,
        _version(row, labels) if row.version else DASH,
        labels.not_yet if row.signed is None else _signed(row, labels),
    )


def _steps(row: OpdRow, labels: Labels) -> str:
    if not row.steps:
        status = row.process.status
        label = labels.status.get(status) or escaped(status)
        return f'<span class="badge text-bg-secondary">{label}</span>'
    return "".join([labels.step(number, uraian) for number, uraian in row.steps])


def _version(row: OpdRow, labels: Labels) -> str:
    link = labels.rkt_url(row.process.pk)
    text = escaped(labels.version % {"n": row.version})
    return f'<a href="{link}">{text}</a>{labels.final if row.final else ""}'


def _signed(row: OpdRow, labels: Labels) -> str:
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
