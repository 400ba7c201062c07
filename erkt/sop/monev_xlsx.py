"""The measurements of an SOP version as a spreadsheet (the table of the evaluation page,
the "tidak" returns with their reasons, the units late most often)."""

from __future__ import annotations

from erkt.documents.xlsx import new_workbook, print_setup, to_bytes, write_row
from erkt.sop.evaluation import Measurement

HEADERS = [
    "No",
    "Langkah",
    "Unit",
    "Waktu (hari kerja)",
    "Pelaksanaan",
    "Median (hari kerja)",
    "Maksimum (hari kerja)",
    "Tepat waktu",
    "Terlambat",
    "Tepat waktu (%)",
    "Dikembalikan",
]


def measurement_xlsx(measurement: Measurement) -> bytes:
    version = measurement.version
    workbook, sheet = new_workbook("Monev SOP")
    write_row(
        sheet,
        1,
        [f"Monitoring dan evaluasi SOP {version.judul} (versi {version.number})"],
        bold=True,
        border=False,
    )
    write_row(sheet, 2, [f"Proses selesai: {len(measurement.processes)}"], border=False)
    write_row(sheet, 4, HEADERS, header=True)
    for index, figures in enumerate(measurement.rows, start=5):
        write_row(
            sheet,
            index,
            [
                figures.step.number,
                figures.step.uraian,
                figures.unit_name,
                figures.waktu,
                figures.passes,
                float(figures.median) if figures.median is not None else "",
                figures.maximum if figures.maximum is not None else "",
                figures.on_time,
                figures.late,
                figures.on_time_share if figures.on_time_share is not None else "",
                len(figures.returns),
            ],
            number_format="0.#",
        )
    for letter, width in zip(
        "ABCDEFGHIJK", (5, 48, 14, 10, 11, 10, 10, 10, 10, 10, 12), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    print_setup(sheet, title_rows="4:4")
    returns = workbook.create_sheet("Dikembalikan")
    write_row(returns, 1, ["No", "Langkah", "Tahun", "Tanggal", "Unit", "Alasan"], header=True)
    for index, (figures, item) in enumerate(measurement.returns, start=2):
        write_row(
            returns,
            index,
            [
                figures.step.number,
                figures.step.uraian,
                item.process_year,
                item.on.isoformat() if item.on else "",
                item.unit,
                item.reason,
            ],
            number_format="0",
        )
    for letter, width in zip("ABCDEF", (5, 40, 8, 12, 14, 60), strict=True):
        returns.column_dimensions[letter].width = width
    late = workbook.create_sheet("Unit terlambat")
    write_row(late, 1, ["Unit", "Terlambat", "Pelaksanaan"], header=True)
    for index, unit in enumerate(measurement.late_units, start=2):
        write_row(late, index, [unit.name, unit.late, unit.passes], number_format="0")
    return to_bytes(workbook)
