"""The RKT documents (a Draft RKT version with its corrections, or the final RKT) in PDF,
DOCX and XLSX. Each renderer reads the version snapshot only (see rkt_snapshot)."""

from __future__ import annotations

from decimal import Decimal

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl.styles import Alignment

from erkt.documents import docx as word
from erkt.documents import xlsx as excel
from erkt.documents.pdf import Box, render_pdf, render_pdf_with_box
from erkt.org.templatetags.indonesian import nip
from erkt.rkt.documents.rkt_table import HEADERS, SASARAN, amount, build, rupiah
from erkt.rkt.drafts.models import parse_rupiah

TEMPLATE = "rkt/documents/rkt.html"
EMPTY = "\N{EN DASH}"
DOCX_WIDTHS_CM = (0.8, 2.7, 6.0, 6.0, 1.6, 1.4, 3.6, 2.6)
CORRECTION_HEADERS = ("No", "Dari", "Baris", "Koreksi", "Status", "Keputusan")


def heading(snapshot: dict) -> str:
    return snapshot["title"] if snapshot["is_final"] else f"DRAFT {snapshot['title']}"


def document_title(snapshot: dict) -> str:
    if snapshot["is_final"]:
        return f"RKT Tahun {snapshot['year']}"
    return f"Draft RKT Tahun {snapshot['year']} versi {snapshot['version']}"


def filename(snapshot: dict) -> str:
    short = snapshot["kop"].get("short_name") or "RKT"
    if snapshot["is_final"]:
        return f"RKT-{snapshot['year']}-{short}"
    return f"Draft-RKT-{snapshot['year']}-versi-{snapshot['version']}-{short}"


def version_line(snapshot: dict) -> str:
    line = f"Versi {snapshot['version']} · disusun {snapshot['created_on']}"
    line += f" oleh {snapshot['created_by']}"
    return f"{line} · {snapshot['note']}" if snapshot["note"] else line


# PDF -------------------------------------------------------------------------


def _pdf_context(snapshot: dict) -> dict:
    table = build(snapshot["rows"])
    corrections = [
        {
            **item,
            "old_shown": _shown(item, item["old_value"]),
            "new_shown": _new(item),
            "by_label": by_label(item),
        }
        for item in snapshot["corrections"]
    ]
    return {
        "snapshot": {**snapshot, "corrections": corrections},
        "kop": snapshot["kop"],
        "heading": heading(snapshot),
        "document_title": document_title(snapshot),
        "footer": f"{document_title(snapshot)} · {snapshot['kop'].get('short_name', '')}",
        "headers": HEADERS,
        "table": table,
        "total_text": rupiah(table.total),
        "program_totals": [
            (code, name, rupiah(value)) for code, name, value in table.program_totals
        ],
        "watermark": "" if snapshot["is_final"] else "DRAFT",
    }


def _shown(item: dict, value: str) -> str:
    if not value:
        return EMPTY
    return rupiah(value) if item["is_amount"] else value


def by_label(item: dict) -> str:
    """Who commented, by jabatan ("Sekretaris"); snapshots taken before the jabatan was
    recorded fall back to the row's unit."""
    return item.get("author_jabatan") or item["unit"]


def _new(item: dict) -> str:
    return item["proposed_value"] or EMPTY


def pdf(snapshot: dict) -> bytes:
    return render_pdf(TEMPLATE, _pdf_context(snapshot))


def final_pdf_with_box(snapshot: dict) -> tuple[bytes, Box | None]:
    """The final RKT's PDF and where its signature box lies, for the signer."""
    return render_pdf_with_box(TEMPLATE, _pdf_context(snapshot))


# DOCX ------------------------------------------------------------------------


def docx(snapshot: dict) -> bytes:
    document = word.new_document(landscape=True)
    kop = snapshot["kop"]
    word.add_kop(document, kop)
    lines = [heading(snapshot), kop["name"].upper(), kop["pemerintah_daerah"].upper()]
    if not snapshot["is_final"]:
        lines.append(version_line(snapshot))
    word.add_title(document, *lines)
    _docx_rkt_table(document, snapshot)
    if snapshot["is_final"]:
        word.add_signature(document, snapshot["signature"])
    else:
        _docx_corrections(document, snapshot)
    return word.to_bytes(document, title=document_title(snapshot), snapshot=snapshot)


def _docx_rkt_table(document, snapshot: dict) -> None:
    table = build(snapshot["rows"])
    # The column numbers (1..8) under the headers, repeated with them on every page.
    rows = [[str(number) for number in range(1, len(HEADERS) + 1)]]
    rows += [line.cells() for line in table.lines]
    rows.append(["", "", "JUMLAH ANGGARAN SELURUH PROGRAM", "", "", "", "", rupiah(table.total)])
    bold = [
        i
        for i, line in enumerate(table.lines, start=1)
        if line.kind == SASARAN or line.level == "program"
    ]
    built = word.add_table(
        document,
        HEADERS,
        rows,
        widths_cm=DOCX_WIDTHS_CM,
        numeric_cols=(7,),
        bold_rows=[*bold, len(rows) - 1],
        size=8,
    )
    word.repeat_as_header(built.rows[1])
    for cell in built.rows[1].cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(table.lines, start=2):
        if line.kind == SASARAN:
            _merge(built.rows[index].cells, 2, 7, f"Sasaran Strategis: {line.uraian}")
    _merge(built.rows[len(rows)].cells, 0, 6, "JUMLAH ANGGARAN SELURUH PROGRAM", right=True)
    _docx_recap(document, table)


def _docx_recap(document, table) -> None:
    """The anggaran of each program, as under the PDF's table (when there are several)."""
    if len(table.program_totals) < 2:
        return
    document.add_paragraph()
    title = document.add_paragraph().add_run("Rekapitulasi anggaran per program")
    title.bold, title.font.size = True, Pt(9)
    rows = [[code, name, rupiah(value)] for code, name, value in table.program_totals]
    rows.append(["", "JUMLAH", rupiah(table.total)])
    recap = word.add_table(
        document,
        ("Kode", "Program", "Anggaran (Rp)"),
        rows,
        widths_cm=(2.6, 11.0, 3.4),
        numeric_cols=(2,),
        bold_rows=[len(rows) - 1],
        size=8,
        fit=False,
    )
    recap.alignment = WD_TABLE_ALIGNMENT.LEFT


def _merge(cells, first: int, last: int, text: str, *, right: bool = False) -> None:
    """One cell across a single line (never down several lines), holding `text` only."""
    bold = any(run.bold for run in cells[first].paragraphs[0].runs)
    merged = cells[first].merge(cells[last])
    for paragraph in merged.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    paragraph = merged.paragraphs[0]
    for run in paragraph.runs:
        run._element.getparent().remove(run._element)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(8)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _docx_corrections(document, snapshot: dict) -> None:
    document.add_page_break()
    word.add_title(
        document, f"KOREKSI ATAS DRAFT RKT TAHUN {snapshot['year']} VERSI {snapshot['version']}"
    )
    if snapshot["corrections"]:
        word.add_table(
            document,
            CORRECTION_HEADERS,
            [_correction_cells(item) for item in snapshot["corrections"]],
            widths_cm=(0.8, 4.2, 6.0, 8.0, 2.0, 5.0),
            size=8,
        )
    else:
        document.add_paragraph("Tidak ada koreksi atas versi ini.")
    if snapshot["sesuai_count"]:
        document.add_paragraph(
            f"{snapshot['sesuai_count']} baris dinyatakan sesuai oleh unit kerja."
        )


def _correction_cells(item: dict) -> list[str]:
    author = f"{by_label(item)} · " if by_label(item) else ""
    koreksi = f"{item['verdict']} · {item['field_label']}"
    if item["proposed_value"]:
        koreksi += f"\n{_shown(item, item['old_value'])} → {_new(item)}"
    if item["comment"]:
        koreksi += f"\n{item['comment']}"
    return [
        str(item["number"]),
        f"{item['source']}\n{author}{item['author']}, {item['created_on']}",
        f"{item['subject']}\n{item['indikator']}".strip(),
        koreksi,
        item["status_label"],
        _decision(item),
    ]


def _decision(item: dict) -> str:
    if not item["decided_by"]:
        return "Menunggu keputusan Kasubbag Perencanaan (langkah 8)"
    text = f"{item['decided_by']}, {item['decided_on']}"
    if item["decision_reason"]:
        text += f"\nAlasan: {item['decision_reason']}"
    if item["resolved_in"]:
        text += f"\nDitindaklanjuti pada versi {item['resolved_in']}"
    return text


# XLSX ------------------------------------------------------------------------

XLSX_HEADERS = (
    "No",
    "Kode Sasaran",
    "Sasaran Strategis",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Kode Program",
    "Program",
    "Kode Kegiatan",
    "Kegiatan",
    "Kode Sub Kegiatan",
    "Sub Kegiatan",
    "Unit Kerja",
    "Anggaran (Rp)",
)
XLSX_WIDTHS = (5, 10, 40, 45, 10, 9, 11, 35, 14, 35, 18, 40, 30, 18)


def xlsx(snapshot: dict) -> bytes:
    """One line per row, every cell filled (so the sheet filters and sums), then totals."""
    workbook, sheet = excel.new_workbook(f"RKT {snapshot['year']}")
    kop = snapshot["kop"]
    title_rows = [heading(snapshot), kop["name"].upper(), kop["pemerintah_daerah"].upper()]
    if not snapshot["is_final"]:
        title_rows.append(version_line(snapshot))
    for index, text in enumerate(title_rows, start=1):
        excel.write_row(sheet, index, [text], bold=index == 1, border=False)
    header_row = len(title_rows) + 2
    excel.write_row(sheet, header_row, XLSX_HEADERS, header=True)
    current = header_row
    sums = subtotals(snapshot["rows"])
    for number, row in enumerate(snapshot["rows"], start=1):
        current += 1
        excel.write_row(sheet, current, _xlsx_cells(number, row, sums))
    total = sum((amount(row["anggaran"]) or Decimal(0) for row in snapshot["rows"]), Decimal(0))
    current += 1
    label = "JUMLAH ANGGARAN SELURUH PROGRAM"
    excel.write_row(sheet, current, [label, *[""] * 12, total], bold=True)
    # The label spans the text columns (column A alone is 5 characters wide).
    sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=13)
    sheet.cell(row=current, column=1).alignment = Alignment(horizontal="right", vertical="top")
    _sheet_layout(sheet, header_row, current)
    if snapshot["is_final"]:
        _xlsx_signature(sheet, current + 2, snapshot["signature"])
    _xlsx_programs(workbook, snapshot)
    if not snapshot["is_final"]:
        _xlsx_corrections(workbook, snapshot)
    return excel.to_bytes(workbook, title=document_title(snapshot), snapshot=snapshot)


def subtotals(rows: list[dict]) -> dict[str, Decimal]:
    """The anggaran of each program and kegiatan: the sum of its lines, as the PDF prints."""
    sums: dict[str, Decimal] = {}
    for row in rows:
        if row["section"] != "program":
            continue
        value = amount(row["anggaran"]) or Decimal(0)
        for code in (row["program_code"], row["kegiatan_code"]):
            if code:
                sums[code] = sums.get(code, Decimal(0)) + value
    return sums


def _anggaran(row: dict, sums: dict[str, Decimal]):
    if row["section"] != "program":
        return ""
    if row["sub_kegiatan_code"]:
        return amount(row["anggaran"])
    code = row["kegiatan_code"] or row["program_code"]
    return sums.get(code, amount(row["anggaran"]))


def _xlsx_cells(number: int, row: dict, sums: dict[str, Decimal]) -> list:
    return [
        number,
        row["sasaran_code"],
        row["sasaran_strategis"],
        row["indikator"],
        row["satuan"],
        row["target"],
        row["program_code"],
        row["program_name"],
        row["kegiatan_code"],
        row["kegiatan_name"],
        row["sub_kegiatan_code"],
        row["sub_kegiatan_name"],
        row["unit_name"],
        _anggaran(row, sums),
    ]


def _sheet_layout(sheet, header_row: int, last_row: int) -> None:
    for index, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:N{last_row - 1}"
    excel.print_setup(sheet, title_rows=f"{header_row}:{header_row}")


def _xlsx_signature(sheet, first_row: int, signature: dict) -> None:
    pangkat = signature["pangkat"]
    if signature.get("golongan"):
        pangkat = f"{pangkat} ({signature['golongan']})".strip()
    lines = [
        signature["place_date"],
        f"{signature['jabatan']},",
        "",
        "",
        "",
        signature["name"],
        pangkat,
        f"NIP. {nip(signature['nip']) or '-'}",
    ]
    for offset, text in enumerate(lines):
        excel.write_row(sheet, first_row + offset, [*[""] * 11, text], border=False)


def _xlsx_programs(workbook, snapshot: dict) -> None:
    sheet = workbook.create_sheet("Rekap Program")
    excel.write_row(sheet, 1, ["Kode", "Program", "Anggaran (Rp)"], header=True)
    table = build(snapshot["rows"])
    for index, (code, name, value) in enumerate(table.program_totals, start=2):
        excel.write_row(sheet, index, [code, name, value])
    excel.write_row(sheet, len(table.program_totals) + 2, ["", "JUMLAH", table.total], bold=True)
    for letter, width in zip("ABC", (14, 60, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    excel.print_setup(sheet, title_rows="1:1")


def _xlsx_corrections(workbook, snapshot: dict) -> None:
    sheet = workbook.create_sheet("Koreksi")
    excel.write_row(
        sheet,
        1,
        [
            "No",
            "Dari",
            "Unit Kerja",
            "Oleh",
            "Tanggal",
            "Baris",
            "Indikator",
            "Bagian",
            "Hasil",
            "Nilai Semula",
            "Usulan",
            "Catatan",
            "Status",
            "Keputusan",
        ],
        header=True,
    )
    for index, item in enumerate(snapshot["corrections"], start=2):
        excel.write_row(
            sheet,
            index,
            [
                item["number"],
                item["source"],
                item["unit"],
                f"{item['author']}\n{by_label(item)}".strip(),
                item["created_on"],
                item["subject"],
                item["indikator"],
                item["field_label"],
                item["verdict"],
                _value(item, item["old_value"]),
                _value(item, item["proposed_value"], typed=True),
                item["comment"],
                item["status_label"],
                _decision(item) if item["decided_by"] else "Menunggu",
            ],
        )
    for index, width in enumerate((5, 28, 12, 24, 16, 40, 40, 16, 10, 16, 16, 40, 12, 40), 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    excel.print_setup(sheet, title_rows="1:1")


def _value(item: dict, text: str, *, typed: bool = False):
    """An anggaran as a number (one Rupiah format for "Nilai Semula" and "Usulan"), any other
    value as its text. The old value is stored as a decimal; the proposed one as typed."""
    if not item["is_amount"] or not text:
        return text
    try:
        return parse_rupiah(text) if typed else Decimal(text)
    except (ValueError, ArithmeticError):
        return text
