"""The Arsip list (/arsip/): its reads, its sections and the page around them, written in
Python (the template it replaced is kept beside test_archive_page_html.py).

Every process of the organisation (a year each, and the Kepala's) is read as values with
its Berkas, and its documents as ListedDocument values (what the readers' rules of
erkt.documents.registry read of a document) in two more queries; each section and document
line is written with erkt.html_rows.row (format_html's escaping into a plain str, the whole
marked safe once), the labels translated once.
The Berkas page keeps documents/archive/_documents.html, whose lines these are.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.date_texts import tanggal_writer
from erkt.documents.archive.models import Berkas
from erkt.documents.models import IssuedDocument
from erkt.html_cells import Converted
from erkt.html_rows import escaped
from erkt.html_rows import row as html_row
from erkt.org.models import Organization
from erkt.per_language import per_language
from erkt.url_cache import remembered
from erkt.workflow.models import Process
from erkt.workflow.monitoring import UtcText, to_utc

PROCESS_FIELDS = (
    "pk",
    "year",
    "revision",
    "status",
    "start_date",
    "sop_version__judul",
    "berkas__pk",
    "berkas__nomor_berkas",
    "berkas__kode_klasifikasi",
    "berkas__tanggal",
)


@dataclass(slots=True)
class ListedDocument:
    """An issued document as the list shows it and the readers' rules read it
    (erkt.documents.registry: the organisation and the key), as plain values: a model
    instance per document, its select_related Berkas link and its converters cost some 30
    Python calls a document."""

    pk: int
    organization_id: int
    process_id: int
    kind: str
    key: str
    title: str
    issued_at: datetime.datetime
    pdf_kind: str
    # Which issue of a document issued more than once (views.number_issues).
    issue_number: int = 1
    issue_count: int = 1


# The columns of ListedDocument, under `prefix` (the Berkas link reads them through its
# document); the time as UTC text, made aware by to_utc (one C call, where the column's
# converters take some ten Python calls).
def _document_columns(prefix: str) -> tuple:
    names = ("pk", "organization_id", "process_id", "kind", "key", "title")
    return (
        *(prefix + name for name in names),
        UtcText(prefix + "issued_at"),
        prefix + "pdf_kind",
    )


# The three reads, each compiled once (erkt.compiled_sql).
PROCESSES = Shape(
    lambda organization_id: (
        Process.objects.filter(organization_id=organization_id)
        .values(*PROCESS_FIELDS)
        .order_by("-year", "-pk")
    )
)
IN_BERKAS = Shape(
    lambda organization_id: (
        Berkas.documents.through.objects.filter(berkas__organization_id=organization_id)
        .values_list("berkas_id", *_document_columns("issueddocument__"))
        .order_by("issueddocument__kind", "issueddocument__pk")
    )
)
LOOSE = Shape(
    lambda organization_id: (
        IssuedDocument.objects.filter(
            process__organization_id=organization_id, process__berkas__isnull=True
        )
        .values_list(*_document_columns(""))
        .order_by("issued_at", "pk")
    )
)


def archived_processes(organization: Organization) -> list[dict]:
    """The processes, newest year first, each a dict of PROCESS_FIELDS with "listed": the
    Berkas's documents (by kind) when archived, else every issue (in the order issued),
    as ListedDocument values. Three queries (one when there is no process), the Prefetches
    of berkas__documents and documents they stand for."""
    rows = PROCESSES.rows(organization.pk)
    if not rows:
        return rows
    in_berkas: dict[int, list[ListedDocument]] = {}
    for berkas, *columns in IN_BERKAS.rows(organization.pk):
        in_berkas.setdefault(berkas, []).append(_listed(columns))
    issued: dict[int, list[ListedDocument]] = {}
    for columns in LOOSE.rows(organization.pk):
        document = _listed(columns)
        issued.setdefault(document.process_id, []).append(document)
    for row in rows:
        berkas = row["berkas__pk"]
        row["listed"] = in_berkas.get(berkas, []) if berkas else issued.get(row["pk"], [])
    return rows


def _listed(columns) -> ListedDocument:
    """A document's row as read (its issue time as UTC text) into a ListedDocument."""
    return ListedDocument(*columns[:6], to_utc(columns[6]), columns[7])


def _filled(template: str, labels: dict[int, str]) -> str:
    """`template` with its {} slots numbered in `labels` (from 0) filled with the escaped
    label, the others kept for the row's values (a label's own braces doubled, so that
    format() leaves them as they are)."""
    parts = template.split("{}")
    slots = [
        escape(labels[index]).replace("{", "{{").replace("}", "}}") if index in labels else "{}"
        for index in range(len(parts) - 1)
    ]
    return "".join(part + slot for part, slot in zip(parts, [*slots, ""], strict=True))


class Labels:
    """The list's translated texts, read once per language (`list_labels`); the section's
    and the document line's labels already written into their templates (SECTION,
    DOCUMENT). The parts of HTML are plain str (no SafeString's __str__ per format()), and
    the escaped texts of the processes' days and SOP titles are kept as they are met: most
    sections repeat the same few."""

    def __init__(self) -> None:
        self.rkt = _("RKT")
        self.mulai = _("mulai")
        self.section = _filled(SECTION, {1: self.rkt, 4: self.mulai})
        self.archived = html_row(
            '<span class="badge text-bg-success"><i class="bi bi-archive"></i> {}</span>',
            _("Diarsipkan"),
        )
        self.berkas = _("Berkas")
        self.download = _("Unduh bundel ZIP")
        self.revised = _("%(year)s — Perubahan %(number)s")  # Process.year_label
        self.statuses = {value: str(label) for value, label in Process.Status.choices}
        self.badges = {
            value: _badge("secondary" if value == Process.Status.CANCELLED else "warning", label)
            for value, label in self.statuses.items()
        }
        self.digital = html_row(
            ' <span class="badge text-bg-success">{}</span>', _("Ditandatangani elektronik")
        )
        self.scan = html_row(
            ' <span class="badge text-bg-secondary">{}</span>', _("Pindaian bertanda tangan basah")
        )
        self.latest = _("terbitan %(n)s dari %(total)s (terakhir)")
        self.replaced = _("terbitan %(n)s dari %(total)s (digantikan)")
        self.issued = _("terbit")
        self.document = _filled(DOCUMENT, {3: self.issued})
        # tanggal() asks for the language on every call; the list's is the same throughout.
        self.tanggal = tanggal_writer()
        self.days = Converted(lambda day: escaped(self.tanggal(day)))
        self.titles = Converted(escaped)
        self.none = html_row(
            '<li class="text-body-secondary">{}</li>', _("Belum ada dokumen yang diterbitkan.")
        )


@per_language
def list_labels() -> Labels:
    return Labels()


SECTION = (
    '<section class="card shadow-sm" id="archive-{}" data-erkt-filter-item>\n'
    '    <div class="card-header bg-white d-flex flex-wrap align-items-center gap-2">\n'
    '      <h2 class="h5 mb-0 me-auto">{} {}</h2>\n'
    '      <span class="small text-body-secondary">{} &middot; {} {}</span>\n'
    "      {}\n    </div>\n"
    '    <div class="card-body">\n      {}\n'
    '      <ul class="list-unstyled mb-0 small">\n{}\n</ul>\n'
    "    </div>\n  </section>"
)
BERKAS = (
    '<div class="d-flex flex-wrap align-items-center gap-2 mb-2">\n'
    '        <span>{} <a href="{}">{}</a> &middot; {} &middot; {}</span>\n'
    "        {}\n      </div>"
)
DOCUMENT = (
    '  <li class="d-flex flex-wrap align-items-center gap-1 py-1">\n'
    '    <span class="me-1">{}{}{} <span class="text-body-secondary">&middot; {} {} {}</span>'
    "</span>\n    {}\n  </li>"
)
DOWNLOAD = (
    '<a class="btn btn-outline-secondary btn-sm py-0" href="{}"><i class="bi bi-download"></i>'
    " {}</a>"
)


def sections_html(rows: list[dict]) -> SafeString:
    """The <section>s of the list (rows of archived_processes, each with "documents":
    erkt.documents.archive.views.with_formats and "whole"); times in the current zone."""
    labels = list_labels()
    # Read once: timezone.localtime() asks asgiref's locals for it on every call.
    zone = timezone.get_current_timezone()
    return mark_safe("\n  ".join(_section(row, labels, zone) for row in rows))


def _section(row: dict, labels: Labels, zone: datetime.tzinfo) -> str:
    year = str(row["year"])  # digits: nothing to escape
    if row["revision"]:
        year = escaped(labels.revised % {"year": row["year"], "number": row["revision"]})
    berkas = row["berkas__pk"]
    if berkas:
        badge, archived = labels.archived, _berkas(row, labels)
    else:
        tone = "secondary" if row["status"] == Process.Status.CANCELLED else "warning"
        status = labels.statuses.get(row["status"], row["status"])
        badge = labels.badges.get(row["status"]) or _badge(tone, status)
        archived = ""
    documents = row["documents"]
    lines = (
        "\n".join(_document(d, f, labels, zone) for d, f in documents) if documents else labels.none
    )
    # As html_row(): the texts escaped; the id (an int) and the parts written here as
    # they are.
    return labels.section.format(
        row["pk"],
        year,
        labels.titles[row["sop_version__judul"]],
        labels.days[row["start_date"]],
        badge,
        archived,
        lines,
    )


def _badge(tone: str, status: str) -> str:
    return html_row('<span class="badge text-bg-{}">{}</span>', tone, status)


def _berkas(row: dict, labels: Labels) -> str:
    pk = row["berkas__pk"]
    download = ""
    if row["whole"]:
        download = mark_safe(  # a part of HTML among the texts html_row() escapes
            html_row(
                '<a class="btn btn-primary btn-sm" href="{}"><i class="bi bi-file-zip"></i> {}</a>',
                remembered("archive:download", pk),
                labels.download,
            )
        )
    return html_row(
        BERKAS,
        labels.berkas,
        remembered("archive:detail", pk),
        row["berkas__nomor_berkas"],
        row["berkas__kode_klasifikasi"],
        labels.tanggal(row["berkas__tanggal"]),
        download,
    )


def _document(document: ListedDocument, urls, labels: Labels, zone: datetime.tzinfo) -> str:
    """A line of documents/archive/_documents.html."""
    signed = ""
    if document.pdf_kind == IssuedDocument.PdfKind.DIGITAL:
        signed = labels.digital
    elif document.pdf_kind == IssuedDocument.PdfKind.SCAN:
        signed = labels.scan
    issue = ""
    count = document.issue_count
    if count > 1:
        number = document.issue_number
        text = (labels.latest if number == count else labels.replaced) % {
            "n": number,
            "total": count,
        }
        issue = html_row(
            ' <span class="badge text-bg-light border" data-issue="{}">{}</span>', number, text
        )
    # timezone.localtime(issued_at) in the list's zone (issued_at is aware: to_utc);
    # tanggal() of an aware datetime writes its local day, so it is given that day.
    local = document.issued_at.astimezone(zone)
    # As html_row(): the texts escaped; the badges, the time (digits) and the buttons
    # written here as they are.
    return labels.document.format(
        escaped(document.title),
        signed,
        issue,
        labels.days[local.date()],
        local.strftime("%H:%M"),  # {{ issued_at|time:"H:i" }}
        _downloads(urls),
    )


@functools.lru_cache(maxsize=4096)
def _downloads(urls: tuple[tuple[str, str], ...]) -> str:
    """A document's download buttons: a function of its (format, URL) pairs alone."""
    return "".join(html_row(DOWNLOAD, url, fmt.upper()) for fmt, url in urls)


# --- The page around the sections (the content of the template it replaced, kept beside
# erkt/documents/tests/archive/test_archive_page_html.py as former_index.html): its
# nodes cost more than the sections of a short archive. The texts are translations of
# the template's literals, which it wrote as they are.


@per_language
def title() -> SafeString:
    """The title block: a literal's translation, which the template wrote as it is."""
    return mark_safe(_("Arsip"))


@per_language
def _heading() -> str:
    heading, note = (
        _("Arsip RKT"),
        _(
            "Setiap tahun pelaksanaan beserta dokumennya. Proses yang sudah diarsipkan memiliki "
            "Berkas dengan bundel ZIP yang tidak dapat diubah."
        ),
    )
    return f'\n<h1 class="h3 mb-3">{heading}</h1>\n<p class="text-body-secondary">{note}</p>\n'


@per_language
def _table_filter() -> str:
    return render_to_string("_table_filter.html", {"table": "archive-list"})


@per_language
def _empty() -> str:
    none = _("Belum ada pelaksanaan penyusunan RKT.")
    return (
        '\n  <div class="card shadow-sm"><div class="card-body text-body-secondary">'
        f"{none}</div></div>\n"
    )


def page_content(rows: list[dict], sections: str) -> str:
    """The content block: the heading, the search box over two or more processes, and the
    sections (sections_html) or the note that there are none."""
    listed = f"  {sections}\n" if rows else _empty()
    search = _table_filter() if len(rows) > 1 else ""
    return f'{_heading()}{search}\n<div class="vstack gap-3" id="archive-list">\n{listed}\n</div>\n'
