"""The official SOP document (PermenPAN-RB 35/2012) as DOCX: the identity sheet and the
flowchart table, for offices that keep and edit their SOPs in Word.

The flowchart sheet is a real table (No, Uraian Prosedur, one column per pelaksana,
Mutu Baku, Keterangan) whose two header rows repeat on every page; each step's symbol
(terminator, process, decision) sits in its pelaksana's column and a decision names
where "ya" and "tidak" lead, so the flow reads without connector lines.
"""

from __future__ import annotations

import datetime
import functools
import io

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw

from erkt.documents import docx as word
from erkt.org.templatetags.indonesian import format_tanggal, nip
from erkt.sop.document import WATERMARKS, signatory_of
from erkt.sop.flowchart.definition import waktu_label
from erkt.sop.models import SopVersion, StepKind

PAGE_WIDTH_CM = 26.7  # landscape A4 less the margins of erkt.documents.docx
FIXED_CM = {"no": 0.9, "uraian": 5.6, "kelengkapan": 2.6, "waktu": 1.6, "output": 2.6, "ket": 2.6}
IDENTITY = (
    ("Dasar Hukum", "dasar_hukum", "Kualifikasi Pelaksana", "kualifikasi_pelaksana"),
    ("Keterkaitan", "keterkaitan", "Peralatan/Perlengkapan", "peralatan"),
    ("Peringatan", "peringatan", "Pencatatan dan Pendataan", "pencatatan"),
)


def docx_filename(version: SopVersion) -> str:
    return f"SOP-{version.sop.code}-v{version.number}.docx"


def render_docx(version: SopVersion) -> bytes:
    document = word.new_document(landscape=True)
    watermark = WATERMARKS.get(version.status, "")
    if watermark:
        _line(document, f"[{watermark}]", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _identity_head(document, version)
    document.add_paragraph()
    _identity_body(document, version)
    document.add_page_break()
    _line(document, f"PROSEDUR {version.judul.upper()}", bold=True, size=11)
    document.add_paragraph()
    _flowchart_table(document, version)
    _describe(document, version)
    return word.to_bytes(document)


def _describe(document, version: SopVersion) -> None:
    day = version.tanggal_efektif or version.tanggal_pembuatan or version.created_at.date()
    word.describe(
        document,
        title=f"SOP {version.judul}",
        organisation=version.sop.organization.name,
        when=datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC),
    )


# --- Identity sheet ----------------------------------------------------------------------------


def _identity_head(document, version: SopVersion) -> None:
    organization = version.sop.organization
    signer = signatory_of(version)
    rows = [
        ("Nomor SOP", version.nomor or "-"),
        ("Tanggal Pembuatan", format_tanggal(version.tanggal_pembuatan)),
        ("Tanggal Revisi", format_tanggal(version.tanggal_revisi)),
        ("Tanggal Efektif", format_tanggal(version.tanggal_efektif)),
        ("Disahkan oleh", None),
        ("Nama SOP", version.judul.upper()),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    instansi = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    _instansi(instansi, organization)
    for index, (label, value) in enumerate(rows):
        label_cell, value_cell = table.cell(index, 1), table.cell(index, 2)
        _fill(label_cell, label, bold=True)
        if value is None:
            _pengesahan(value_cell, signer)
        else:
            _fill(value_cell, value, bold=label == "Nama SOP")
    _widths(table, (11.5, 4.2, 11))


def _instansi(cell, organization) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    logo = _logo(organization)
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if logo:
        paragraph.add_run().add_picture(io.BytesIO(logo), height=Cm(2.4))
    for text, size in (
        (organization.pemerintah_daerah.upper(), 12),
        (organization.name.upper(), 12),
        (organization.address, 8.5),
        ("", 6),
        ("STANDAR OPERASIONAL PROSEDUR", 13),
    ):
        _fill(cell, text, bold=size >= 12, size=size, center=True, new=True)


def _logo(organization) -> bytes | None:
    if not organization.logo:
        return None
    try:
        with organization.logo.open("rb") as logo:
            return logo.read()
    except OSError:
        return None


def _pengesahan(cell, signer) -> None:
    _fill(cell, f"{signer.jabatan},")
    for _ in range(3):
        cell.add_paragraph()
    name = cell.add_paragraph().add_run(signer.name or "(......................................)")
    name.bold = name.underline = True
    name.font.size = Pt(10)
    if signer.pangkat:
        _fill(cell, signer.pangkat, new=True)
    _fill(cell, f"NIP. {nip(signer.nip) or '-'}", new=True)


def _identity_body(document, version: SopVersion) -> None:
    table = document.add_table(rows=len(IDENTITY) * 2, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, (left_label, left, right_label, right) in enumerate(IDENTITY):
        for col, (label, field) in enumerate(((left_label, left), (right_label, right))):
            _fill(table.cell(index * 2, col), f"{label}:", bold=True)
            _numbered(table.cell(index * 2 + 1, col), getattr(version, field) or [])
    _widths(table, (13.35, 13.35))


def _numbered(cell, items: list[str]) -> None:
    if not items:
        _fill(cell, "-")
    for number, item in enumerate(items, start=1):
        _fill(cell, f"{number}. {item}", new=number > 1)


# --- Flowchart table ---------------------------------------------------------------------------


def _flowchart_table(document, version: SopVersion) -> None:
    actors = list(version.actors.order_by("order"))
    steps = list(version.steps.select_related("actor").order_by("number"))
    actor_cm = (PAGE_WIDTH_CM - sum(FIXED_CM.values())) / max(len(actors), 1)
    columns = 2 + len(actors) + 4
    table = document.add_table(rows=2, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _header(table, actors)
    column_of = {actor.pk: 2 + index for index, actor in enumerate(actors)}
    for step in steps:
        cells = table.add_row().cells
        _keep_together(table.rows[-1])
        _fill(cells[0], str(step.number), center=True)
        _fill(cells[1], step.uraian)
        _symbol_cell(cells[column_of[step.actor_id]], step)
        offset = 2 + len(actors)
        _fill(cells[offset], step.kelengkapan)
        _fill(cells[offset + 1], waktu_label(step.waktu_amount, step.waktu_unit), center=True)
        _fill(cells[offset + 2], step.output)
        _fill(cells[offset + 3], _keterangan(step))
    widths = (FIXED_CM["no"], FIXED_CM["uraian"], *[actor_cm] * len(actors))
    widths += (FIXED_CM["kelengkapan"], FIXED_CM["waktu"], FIXED_CM["output"], FIXED_CM["ket"])
    _widths(table, widths)


def _header(table, actors) -> None:
    first, second = table.rows
    for row in (first, second):
        _repeat_as_header(row)
    n = len(actors)
    groups = (
        (0, 0, "No"),
        (1, 1, "Uraian Prosedur"),
        (2, 1 + n, "Pelaksana"),
        (2 + n, 4 + n, "Mutu Baku"),
        (5 + n, 5 + n, "Keterangan"),
    )
    for start, end, text in groups:
        cell = first.cells[start].merge(first.cells[end]) if end > start else first.cells[start]
        if text in ("No", "Uraian Prosedur", "Keterangan"):
            cell = cell.merge(second.cells[start])
        _fill(cell, text, bold=True, center=True)
    labels = [actor.name for actor in actors] + ["Kelengkapan", "Waktu", "Output"]
    for offset, text in enumerate(labels):
        _fill(second.cells[2 + offset], text, bold=True, center=True, size=8)
    for row in (first, second):
        for cell in row.cells:
            _shade(cell, "E6E6E6")
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _keterangan(step) -> str:
    parts = [step.keterangan] if step.keterangan else []
    if step.kind == StepKind.DECISION:
        if step.yes_step:
            parts.append(f"Ya: ke langkah {step.yes_step}")
        if step.no_step:
            parts.append(f"Tidak: ke langkah {step.no_step}")
    return "\n".join(parts)


def _symbol_cell(cell, step) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(io.BytesIO(symbol_png(step.kind)), width=Cm(1.5))
    label = {StepKind.START: "Mulai", StepKind.END: "Selesai"}.get(step.kind)
    if label:
        _fill(cell, label, size=7, center=True, new=True)


@functools.lru_cache(maxsize=8)
def symbol_png(kind: str) -> bytes:
    """The flowchart symbol of a step kind, as a small PNG (drawn large, then reduced)."""
    scale, width, height = 4, 120, 60
    image = Image.new("RGBA", (width * scale, height * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    line = 3 * scale
    box = (line, 8 * scale, width * scale - line, (height - 8) * scale)
    if kind in (StepKind.START, StepKind.END):
        draw.rounded_rectangle(box, radius=22 * scale, outline="black", width=line, fill="white")
    elif kind == StepKind.DECISION:
        middle_x, middle_y = width * scale / 2, height * scale / 2
        points = [(middle_x, line), (width * scale - line, middle_y)]
        points += [(middle_x, height * scale - line), (line, middle_y)]
        draw.polygon(points, outline="black", width=line, fill="white")
    else:
        draw.rectangle(box, outline="black", width=line, fill="white")
    buffer = io.BytesIO()
    image.resize((width * 2, height * 2), Image.LANCZOS).save(buffer, format="PNG")
    return buffer.getvalue()


# --- Small DOCX helpers ------------------------------------------------------------------------


def _line(document, text: str, *, bold=False, size=10.0, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    paragraph.alignment = align
    return paragraph


def _fill(cell, text: str, *, bold=False, size=9.0, center=False, new=False) -> None:
    """Write `text` into the cell's first (or, with `new`, a new) paragraph."""
    paragraph = cell.add_paragraph() if new else cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _widths(table, widths_cm) -> None:
    # LibreOffice lays out by the table grid, Word by the cells: set both.
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=False):
        column.set(qn("w:w"), str(int(width * 567)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _repeat_as_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _keep_together(row) -> None:
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant_split)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(name), value)
    cell._tc.get_or_add_tcPr().append(shading)
