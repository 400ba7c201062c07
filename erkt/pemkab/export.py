"""The Pemkab overview as XLSX: the same columns as the page, every OPD on one sheet."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from erkt.documents import xlsx as cells
from erkt.pemkab.overview import OpdRow, organizations, rows_of
from erkt.per_language import per_language
from erkt.url_cache import remembered
from erkt.workflow.calendar import today_for
from erkt.workflow.models import Process

# OPDs read per batch: the export reads a fixed number of queries up to 2000 OPDs (a
# kabupaten has some fifty; `make bench --scale 900` copies the demo office 900 times).
BATCH = 2000


def all_rows(year: int, sort: str) -> list[OpdRow]:
    today = today_for(None)
    orgs = list(organizations(year, today, sort, late_only=False))
    rows: list[OpdRow] = []
    for start in range(0, len(orgs), BATCH):
        rows.extend(rows_of(orgs[start : start + BATCH], today))
    return rows


def headers() -> list[str]:
    return [
        _("No"),
        _("Perangkat daerah"),
        _("Status proses"),
        _("Langkah berjalan"),
        _("Tugas terlambat"),
        _("Hari kerja terlambat"),
        _("Versi Draft RKT"),
        _("Ditandatangani"),
        _("RKT bertanda tangan"),
        _("Halaman verifikasi"),
    ]


@per_language
def words() -> dict:
    """The sheet's words for every row, translated once per language: a status's label,
    "Belum dimulai", "Ya" and "Belum" (a gettext is some fifteen Python calls, a status
    label's dict built anew some forty: an export of 900 OPDs asked them for each row)."""
    return {
        "status": {value: str(label) for value, label in Process.Status.choices},
        "not_started": _("Belum dimulai"),
        "yes": _("Ya"),
        "not_yet": _("Belum"),
    }


def values(number: int, row: OpdRow, request: HttpRequest, words: dict) -> list:
    process = row.process
    signed_url = ""
    if row.signed is not None:
        signed_url = request.build_absolute_uri(remembered("documents:detail", row.signed.pk))
    status = words["not_started"]
    if process is not None:
        status = words["status"].get(process.status, process.status)
    return [
        number,
        row.organization.name,
        status,
        row.step_text,
        row.late_tasks,
        row.days_late,
        row.version if row.version is not None else "",
        words["yes"] if row.is_signed else words["not_yet"],
        signed_url,
        row.verification_url,
    ]


def xlsx(year: int, rows: list[OpdRow], request: HttpRequest) -> bytes:
    title = _("RKT %(year)s seluruh perangkat daerah") % {"year": year}
    workbook, sheet = cells.new_workbook(f"RKT {year}")
    cells.write_row(sheet, 1, [title], bold=True, border=False)
    cells.write_row(sheet, 3, headers(), header=True)
    row_words = words()
    for number, row in enumerate(rows, start=1):
        cells.write_row(sheet, 3 + number, values(number, row, request, row_words), wrap=False)
    for letter, width in zip("ABCDEFGHIJ", (5, 40, 14, 40, 10, 10, 10, 14, 45, 45), strict=True):
        sheet.column_dimensions[letter].width = width
    cells.print_setup(sheet, title_rows="3:3")
    sheet.freeze_panes = "C4"
    return cells.to_bytes(workbook)
