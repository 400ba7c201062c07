"""The RKT list's rows written in Python (erkt.rkt.drafts.index_rows) give the HTML the
template loop gave, escaped, for every kind of row."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from erkt.rkt.drafts.index_rows import rows_html
from erkt.sop.models import SopVersion
from erkt.workflow.models import Process

# The loop rkt/drafts/index.html had.
FORMER = (
    "{% load i18n indonesian %}" + (Path(__file__).parent / "former_index_rows.html").read_text()
)


def row(pk, year, revision, status, judul, latest, finals) -> dict:
    return {
        "pk": pk,
        "year": year,
        "revision": revision,
        "status": status,
        "start_date": datetime.date(2026, 1, 5),
        "sop_version__judul": judul,
        "latest_version": latest,
        "final_count": finals,
    }


ROWS = [
    row(1, 2027, 0, "running", "<script>alert(1)</script>", None, 0),
    row(2, 2026, 1, "completed", "Penyusunan RKT & lain", 3, 1),
    row(3, 2025, 0, "cancelled", "Penyusunan RKT", 2, 0),
]


def as_process(values: dict) -> Process:
    fields = ("pk", "year", "revision", "status", "start_date")
    process = Process(**{name: values[name] for name in fields})
    process.sop_version = SopVersion(judul=values["sop_version__judul"])
    process.latest_version, process.final_count = values["latest_version"], values["final_count"]
    return process


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("rows", [ROWS, []], ids=["rows", "none"])
def test_the_rows_are_the_template_loops_html(rows, language):
    with translation.override(language):
        context = Context({"processes": [as_process(values) for values in rows]})
        context.request = RequestFactory().get("/")
        expected = Template(FORMER).render(context)
        assert normalised(rows_html(rows)) == normalised(expected)


def test_a_title_with_markup_is_escaped():
    html = rows_html(ROWS)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
