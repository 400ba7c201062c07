"""Renderers of a unit's Form RKT (PDF landscape, DOCX landscape, XLSX), from the snapshot only."""

from __future__ import annotations

from decimal import Decimal

from docx.shared import Pt
from openpyxl.styles import Alignment, Font

from erkt.documents import docx as word
from erkt.documents import xlsx as sheet
from erkt.documents.pdf import render_pdf
from erkt.org.templatetags.indonesian import nip
from erkt.rkt.unit_forms.rules import format_number

HEADERS = [
    "No",
    "Kode",
    "Sasaran Kegiatan / Sub Kegiatan",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Anggaran (Rp)",
    "Justifikasi",
]


def rupiah(amount: str) -> str:
    return format_number(Decimal(amount).quantize(Decimal(1)))


def labelled(word: str, name: str) -> str:
    """ "Program Kepegawaian Daerah", whether or not the name already starts with the word."""
    return name if name.lower().startswith(word.lower()) else f"{word} {name}"


def numbered(snapshot: dict) -> dict:
    """The snapshot's programs with each row numbered and every amount written out."""
    number = 0
    programs = []
    for program in snapshot["programs"]:
        kegiatan_list = []
        for kegiatan in program["kegiatan"]:
            rows = []
            for row in kegiatan["rows"]:
                number += 1
                rows.append({**row, "no": number, "anggaran": _row_amount(row, kegiatan)})
            kegiatan_list.append(
                {
                    **kegiatan,
                    "label": labelled("Kegiatan", kegiatan["name"]),
                    "total": rupiah(kegiatan["total"]),
                    "rows": rows,
                }
            )
        programs.append(
            {
                **program,
                "label": labelled("Program", program["name"]),
                "pagu": rupiah(program["pagu"]),
                "total": rupiah(program["total"]),
                "kegiatan": kegiatan_list,
            }
        )
    return {
        "programs": programs,
        "total": rupiah(snapshot["total"]),
        "pagu": rupiah(snapshot["pagu"]),
    }


def _row_amount(row: dict, kegiatan: dict) -> str:
    """The row's anggaran; blank on the kegiatan's own indicator line when it holds none
    (its amount is the kegiatan's subtotal printed just above, not a zero)."""
    if row["code"] == kegiatan["code"] and not Decimal(row["anggaran"]):
        return ""
    return rupiah(row["anggaran"])


def form_pdf(snapshot: dict) -> bytes:
    context = {"kop": snapshot["kop"], "s": snapshot, "r": numbered(snapshot)}
    return render_pdf("rkt/documents/form_rkt.html", context)


def _lines(snapshot: dict) -> tuple[list[list[str]], set[int]]:
    """Table rows (program and kegiatan lines included) and the indexes of the bold ones."""
    rows: list[list[str]] = []
    bold: set[int] = set()
    for program in numbered(snapshot)["programs"]:
        bold.add(len(rows))
        rows.append(["", program["code"], program["label"], "", "", "", program["total"], ""])
        for kegiatan in program["kegiatan"]:
            bold.add(len(rows))
            rows.append(
                ["", kegiatan["code"], kegiatan["label"], "", "", "", kegiatan["total"], ""]
            )
            for row in kegiatan["rows"]:
                rows.append(
                    [
                        str(row["no"]),
                        row["code"],
                        row["sasaran"],
                        row["indikator"],
                        row["satuan"],
                        row["target"] or "-",
                        row["anggaran"],
                        row["justifikasi"],
                    ]
                )
    bold.add(len(rows))
    rows.append(["", "", "JUMLAH ANGGARAN", "", "", "", rupiah(snapshot["total"]), ""])
    return rows, bold


def form_docx(snapshot: dict) -> bytes:
    document = word.new_document(landscape=True)
    word.add_kop(document, snapshot["kop"])
    word.add_title(
        document,
        f"FORM RENCANA KINERJA TAHUNAN (RKT) TAHUN {snapshot['year']}",
        snapshot["unit"]["name"].upper(),
    )
    info = document.add_paragraph()
    info.add_run(
        f"Dikirim pada: {snapshot['submitted_on']}    Jumlah anggaran: Rp "
        f"{rupiah(snapshot['total'])} (pagu unit Rp {rupiah(snapshot['pagu'])})"
    ).font.size = Pt(10)
    rows, bold = _lines(snapshot)
    word.add_table(
        document,
        HEADERS,
        rows,
        widths_cm=(1, 3.2, 5.6, 5.6, 1.8, 1.5, 2.8, 4.7),
        numeric_cols=(6,),
        bold_rows=bold,
    )
    word.add_signature(document, snapshot["signature"])
    return word.to_bytes(document, title=form_title(snapshot), snapshot=snapshot)


def form_title(snapshot: dict) -> str:
    return f"Form RKT Tahun {snapshot['year']} {snapshot['unit']['name']}"


WIDTHS = (5, 18, 45, 45, 12, 10, 18, 35)


def form_xlsx(snapshot: dict) -> bytes:
    """One sheet: title lines, the table with amounts as numbers, the total, the signatory."""
    workbook, ws = sheet.new_workbook("Form RKT")
    title = f"FORM RENCANA KINERJA TAHUNAN (RKT) TAHUN {snapshot['year']}"
    for index, text in enumerate(
        (title, snapshot["unit"]["name"], snapshot["kop"]["name"]), start=1
    ):
        sheet.write_row(ws, index, [text], bold=index == 1, border=False)
    sheet.write_row(ws, 4, [f"Dikirim pada {snapshot['submitted_on']}"], border=False)
    sheet.write_row(ws, 6, HEADERS, header=True)
    line = 7
    number = 0
    for program in snapshot["programs"]:
        values = ["", program["code"], labelled("Program", program["name"]), "", "", ""]
        sheet.write_row(ws, line, [*values, Decimal(program["total"]), ""], bold=True)
        line += 1
        for kegiatan in program["kegiatan"]:
            values = ["", kegiatan["code"], labelled("Kegiatan", kegiatan["name"]), "", "", ""]
            sheet.write_row(ws, line, [*values, Decimal(kegiatan["total"]), ""], bold=True)
            line += 1
            for row in kegiatan["rows"]:
                number += 1
                sheet.write_row(ws, line, _xlsx_row(number, row))
                line += 1
    total = ["", "", "JUMLAH ANGGARAN", "", "", "", Decimal(snapshot["total"]), ""]
    sheet.write_row(ws, line, total, bold=True)
    _signature(ws, line + 2, snapshot["signature"])
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[chr(64 + index)].width = width
    ws.freeze_panes = "A7"
    sheet.print_setup(ws, title_rows="6:6")
    return sheet.to_bytes(workbook, title=form_title(snapshot), snapshot=snapshot)


def _xlsx_row(number: int, row: dict) -> list:
    target = row["target"]
    return [
        number,
        row["code"],
        row["sasaran"],
        row["indikator"],
        row["satuan"],
        target,
        Decimal(row["anggaran"]),
        row["justifikasi"],
    ]


def _signature(ws, start: int, signature: dict) -> None:
    golongan = f" ({signature['golongan']})" if signature.get("golongan") else ""
    lines = [
        signature.get("place_date", ""),
        f"{signature.get('jabatan', '')},",
        "",
        "",
        "",
        signature.get("name") or "(......................................)",
        f"{signature['pangkat']}{golongan}" if signature.get("pangkat") else "",
        f"NIP. {nip(signature.get('nip')) or '-'}",
    ]
    for offset, text in enumerate(lines):
        cell = ws.cell(row=start + offset, column=7)
        sheet.set_value(cell, text)
        cell.alignment = Alignment(wrap_text=False)
        if offset == 5:
            cell.font = Font(bold=True, underline="single")
