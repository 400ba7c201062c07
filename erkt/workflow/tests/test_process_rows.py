"""The Daftar proses rows written in Python (erkt.workflow.process_rows) give the HTML the
template loop gave, escaped, for every kind of row."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from erkt.sop.models import SopVersion
from erkt.workflow.models import Process
from erkt.workflow.process_rows import rows_html

# The loop workflow/process_list.html had.
FORMER = (
    "{% load i18n indonesian workflow_tags %}"
    + (Path(__file__).parent / "former_process_rows.html").read_text()
)
REASON = "Perubahan <b>anggaran</b> & kegiatan " * 6


def row(pk, year, revision, reason, status, judul, runs) -> dict:
    return {
        "pk": pk,
        "year": year,
        "revision": revision,
        "revision_reason": reason,
        "status": status,
        "start_date": datetime.date(2026, 1, 5),
        "planned_end": datetime.date(2026, 3, 31),
        "sop_version__judul": judul,
        "runs": runs,
    }


ROWS = [
    row(1, 2027, 0, "", "running", "<script>alert(1)</script>", [(4, "Unit <i>mengisi</i>")]),
    row(2, 2026, 2, REASON, "completed", "Penyusunan RKT", []),
    row(3, 2025, 1, "singkat", "cancelled", "Penyusunan RKT", [(1, "a"), (2, "b & c")]),
]


def as_process(values: dict) -> Process:
    process = Process(
        pk=values["pk"],
        year=values["year"],
        revision=values["revision"],
        revision_reason=values["revision_reason"],
        status=values["status"],
        start_date=values["start_date"],
        planned_end=values["planned_end"],
    )
    process.sop_version = SopVersion(judul=values["sop_version__judul"])
    process.active_runs = [
        SimpleNamespace(number=n, step=SimpleNamespace(uraian=u)) for n, u in values["runs"]
    ]
    return process


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_rows_are_the_template_loops_html(language):
    with translation.override(language):
        context = Context({"processes": [as_process(values) for values in ROWS]})
        context.request = RequestFactory().get("/")
        expected = Template(FORMER).render(context)
        assert normalised(rows_html(ROWS)) == normalised(expected)


def test_a_title_with_markup_is_escaped():
    html = rows_html(ROWS)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html and "<i>" not in html
