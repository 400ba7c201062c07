"""The official SOP document written in Python ({% sop_document %}, document_html) is
the template it replaced (erkt/sop/tests/former_document.html), byte for byte, escaping
included, for the page (with Keterkaitan links) and the PDF (without)."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

FORMER = (Path(__file__).parent / "former_document.html").read_text()
SCRIPT = "<script>alert(1)</script>"


def version(**changes) -> SimpleNamespace:
    values = {
        "nomor": f"800/{SCRIPT}/2026",
        "judul": f"Penyusunan RKT & {SCRIPT}",
        "tanggal_pembuatan": datetime.date(2026, 1, 5),
        "tanggal_revisi": None,
        "tanggal_efektif": datetime.date(2026, 2, 1),
        "dasar_hukum": ["UU 23/2014", SCRIPT],
        "kualifikasi_pelaksana": ["S1", "Diklat perencanaan"],
        "keterkaitan": ["SOP Evaluasi"],
        "peralatan": [],
        "peringatan": [f"Terlambat {SCRIPT}"],
        "pencatatan": ["Arsip"],
    }
    return SimpleNamespace(**(values | changes))


ORGANIZATION = SimpleNamespace(
    pemerintah_daerah=f"Pemerintah Kabupaten {SCRIPT}",
    name="Badan Kepegawaian & Pengembangan SDM",
    address=f"Jl. Merdeka 1 {SCRIPT}",
)
SIGNATORY = SimpleNamespace(
    jabatan=f"Kepala {SCRIPT}", name="Dr. A & B", pangkat="Pembina", nip="198204252009022002"
)
NO_ONE = SimpleNamespace(jabatan="Kepala", name="", pangkat="", nip="")
CASES = [
    {"version": version(), "signatory": SIGNATORY, "logo": "data:image/png;base64,AB+/=="},
    {
        "version": version(nomor="", keterkaitan=[], peringatan=[]),
        "signatory": NO_ONE,
        "logo": "",
        "related": [],
    },
    {
        "version": version(tanggal_revisi=datetime.date(2026, 3, 9)),
        "signatory": SIGNATORY,
        "logo": "",
        "related": [(f"SOP {SCRIPT}", "/sop/x/?a=1&b=2"), ("SOP Lain", "")],
    },
]
PAGES = [[], ["<svg>1</svg>"], ["<svg>1</svg>", "<svg>2</svg>", "<svg>3</svg>"]]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("pages", PAGES)
@pytest.mark.parametrize("case", CASES)
def test_the_document_is_the_template_it_replaced(case, pages, language):
    context = {"organization": ORGANIZATION, "flowchart_pages": pages, **case}
    with translation.override(language):
        expected = Template(FORMER).render(Context(context))
        written = Template("{% load sop_document %}{% sop_document %}").render(Context(context))
    assert written == expected
    assert SCRIPT not in written
