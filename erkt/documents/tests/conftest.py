"""A small document type of the tests' own, printed with the shared helpers."""

from __future__ import annotations

import pytest

from erkt.documents import docx, registry, xlsx
from erkt.documents.pdf import render_pdf

NOTA = "test.nota"


def nota_pdf(snapshot: dict) -> bytes:
    return render_pdf("documents/tests/nota.html", snapshot)


def nota_docx(snapshot: dict) -> bytes:
    document = docx.new_document(landscape=True)
    docx.add_kop(document, snapshot["kop"])
    docx.add_title(document, "NOTA DINAS", snapshot["perihal"])
    docx.add_table(document, ["No", "Uraian", "Jumlah (Rp)"], snapshot["rows"], numeric_cols=[2])
    docx.add_signature(document, snapshot["signature"])
    return docx.to_bytes(document)


def nota_xlsx(snapshot: dict) -> bytes:
    workbook, sheet = xlsx.new_workbook("Nota")
    xlsx.write_row(sheet, 1, ["No", "Uraian", "Jumlah (Rp)"], header=True)
    for index, row in enumerate(snapshot["rows"], start=2):
        xlsx.write_row(sheet, index, row)
    return xlsx.to_bytes(workbook)


registry.register(
    registry.DocumentType(
        kind=NOTA,
        label="Nota",
        filename=lambda snapshot: f"Nota-{snapshot['perihal']}",
        pdf=nota_pdf,
        docx=nota_docx,
        xlsx=nota_xlsx,
    )
)


@pytest.fixture
def nota_snapshot(demo, kepala):
    from erkt.documents.snapshots import kop, signatory

    return {
        "kop": kop(demo),
        "perihal": "Anggaran",
        "rows": [["1", "Rapat koordinasi", "1.250.000"], ["2", '=HYPERLINK("x")', "5"]],
        "signature": {"place_date": "Paringin, 29 November 2026", **signatory(demo.head)},
    }
