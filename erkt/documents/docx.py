"""DOCX building blocks (python-docx) shared by every document: page, kop, table, signature.

Word users edit these files, so the tables are real tables with a header row marked to
repeat on each page and rows that do not split, not text laid out with tabs.
"""

from __future__ import annotations

import base64
import datetime
import io
from collections.abc import Iterable, Sequence
from xml.etree import ElementTree

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from erkt.documents import metadata

FONT = "Times New Roman"


def new_document(*, landscape: bool = False):
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.left_margin = Mm(20 if not landscape else 15)
    section.right_margin = section.top_margin = Mm(15)
    section.bottom_margin = Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    _set_language(document)
    _add_page_numbers(section)
    return document


def _set_language(document) -> None:
    """Indonesian text: spell-checkers and hyphenation follow the styles' w:lang."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), metadata.LANGUAGE)
            lang.set(qn("w:eastAsia"), metadata.LANGUAGE)
    document.core_properties.language = metadata.LANGUAGE


def _field(paragraph, instruction: str, *, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that the reader fills in when laying out the pages."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1")):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            run.text = text
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def _add_page_numbers(section, *, size: float = 8) -> None:
    """'Halaman n dari m' at the right of every page's footer."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run("Halaman ").font.size = Pt(size)
    _field(paragraph, "PAGE", size=size)
    paragraph.add_run(" dari ").font.size = Pt(size)
    _field(paragraph, "NUMPAGES", size=size)


def describe(document, *, title: str, organisation: str, when: datetime.datetime) -> None:
    """Title, organisation (as author), language and the document's date as the file's
    core properties, instead of python-docx's template defaults."""
    properties = document.core_properties
    when = when.astimezone(datetime.UTC).replace(tzinfo=None) if when.tzinfo else when
    properties.title = title
    properties.author = properties.last_modified_by = organisation
    properties.comments = properties.subject = ""
    properties.category = organisation
    properties.language = metadata.LANGUAGE
    properties.created = properties.modified = when
    properties.revision = 1
    _set_company(document, organisation)


APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
ElementTree.register_namespace("", APP_NS)
ElementTree.register_namespace("vt", VT_NS)


def _set_company(document, organisation: str) -> None:
    """docProps/app.xml: the organisation as Company (python-docx's template names none)."""
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/docProps/app.xml":
            continue
        root = ElementTree.fromstring(part.blob)
        company = root.find(f"{{{APP_NS}}}Company")
        if company is None:
            company = ElementTree.SubElement(root, f"{{{APP_NS}}}Company")
        company.text = organisation
        part._blob = ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _logo_bytes(data_uri: str) -> bytes | None:
    if not data_uri.startswith("data:") or "," not in data_uri:
        return None
    try:
        return base64.b64decode(data_uri.split(",", 1)[1])
    except ValueError:
        return None


def _paragraph(cell_or_doc, text: str, *, size: float = 10, bold: bool = False, center=False):
    paragraph = cell_or_doc.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def usable_width_cm(document) -> float:
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def set_widths(table, widths_cm: Sequence[float]) -> None:
    """Fixed column widths that Word and LibreOffice both honour: the grid and every cell
    (LibreOffice reads the grid, Word the cells)."""
    table.autofit = False  # one w:tblLayout type="fixed", where the schema puts it
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        column.set(qn("w:w"), str(int(width * 567)))  # twentieths of a point per cm
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def add_kop(document, kop: dict) -> None:
    """Logo on the left, pemerintah daerah / organisation / address centred over the page
    (an empty cell on the right balances the logo), a double rule."""
    table = document.add_table(rows=1, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    logo_cell, text_cell, _balance = table.rows[0].cells
    set_widths(table, (2.8, usable_width_cm(document) - 5.6, 2.8))
    logo = _logo_bytes(kop.get("logo", ""))
    if logo:
        logo_cell.paragraphs[0].add_run().add_picture(io.BytesIO(logo), height=Cm(2.2))
    text_cell.paragraphs[0].text = ""
    first = text_cell.paragraphs[0]
    run = first.add_run(kop["pemerintah_daerah"].upper())
    run.bold, run.font.size = True, Pt(13)
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(text_cell, kop["name"].upper(), size=14, bold=True, center=True)
    _paragraph(text_cell, kop["address"], size=9, center=True)
    rule = document.add_paragraph()
    _bottom_border(rule)


def _bottom_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "thinThickSmallGap"), ("w:sz", "18"), ("w:space", "1")):
        bottom.set(qn(name), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def add_title(document, *lines: str) -> None:
    for index, line in enumerate(lines):
        paragraph = _paragraph(document, line, size=12 if index == 0 else 10, bold=index == 0)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph()


def repeat_as_header(row) -> None:
    """Repeat `row` (a header row, or one just below it) at the top of every page."""
    _repeat_as_header(row)


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_row_together(row) -> None:
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(cant_split)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def add_table(
    document,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    widths_cm: Sequence[float] | None = None,
    numeric_cols: Iterable[int] = (),
    bold_rows: Iterable[int] = (),
    size: float = 8.5,
    fit: bool = True,
):
    """A bordered table whose header row repeats on every page; `bold_rows` index `rows`.
    The widths are scaled to the page's width unless `fit` is False."""
    numeric, bold = set(numeric_cols), set(bold_rows)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        _fill(cell, text, size=size, bold=True, center=True)
        _shade(cell, "E6E6E6")
    for index, values in enumerate(rows):
        row = table.add_row()
        _keep_row_together(row)
        for col, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            _fill(cell, str(text), size=size, bold=index in bold, right=col in numeric)
    if widths_cm:
        set_widths(table, _fit(widths_cm, usable_width_cm(document)) if fit else widths_cm)
    return table


def _fit(widths_cm: Sequence[float], usable: float) -> list[float]:
    """Scale the columns to the usable page width, keeping their proportions."""
    total = sum(widths_cm)
    return [width * usable / total for width in widths_cm]


def _fill(cell, text: str, *, size: float, bold=False, center=False, right=False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def add_signature(document, signature: dict, *, space_lines: int = 4) -> None:
    """The signature block on the right: place and date, jabatan, space, name, NIP; one
    row that never splits across pages."""
    spacer = document.add_paragraph()  # keeps the block off the table above
    spacer.paragraph_format.space_before = Pt(6)
    table = document.add_table(rows=1, cols=2)
    usable = usable_width_cm(document)
    set_widths(table, (usable - 9.5, 9.5))
    _keep_row_together(table.rows[0])
    cell = table.rows[0].cells[1]
    cell.paragraphs[0].add_run(signature.get("place_date", ""))
    _paragraph(cell, f"{signature.get('jabatan', '')},")
    for _ in range(space_lines):
        cell.add_paragraph()
    name = cell.add_paragraph().add_run(
        signature.get("name") or "(......................................)"
    )
    name.bold = name.underline = True
    if signature.get("below_name"):
        _paragraph(cell, signature["below_name"])
    if signature.get("pangkat"):
        golongan = f" ({signature['golongan']})" if signature.get("golongan") else ""
        _paragraph(cell, f"{signature['pangkat']}{golongan}")
    _paragraph(cell, f"NIP. {signature.get('nip') or '-'}")


def to_bytes(document, *, title: str = "", snapshot: dict | None = None) -> bytes:
    """The file; with `snapshot`, described by its title, organisation and date."""
    if snapshot is not None:
        describe(
            document,
            title=title,
            organisation=metadata.organisation(snapshot),
            when=metadata.issued_at(snapshot),
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
