"""The overview's rows written in Python (erkt.pemkab.table) give the HTML the template
loop gave, escaped, for every kind of row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from erkt.pemkab.overview import Opd, OpdProcess, OpdRow, RunningStep, SignedRkt
from erkt.pemkab.table import rows_html

# The loop pemkab/_table.html had (a step's uraian read as run.uraian).
TEMPLATE_ROWS = (Path(__file__).parent / "former_rows.html").read_text()

LONG = "Kepala Badan <b>menerima</b> surat & mendisposisikan penyusunan RKT kepada Sekretaris " * 2


def every_kind_of_row() -> list[OpdRow]:
    evil = Opd(1, '<script>alert("x")</script> & Co', 'D"<1>')
    return [
        OpdRow(evil),
        OpdRow(
            Opd(2, "Dinas A", "A"),
            OpdProcess(10, "running"),
            [RunningStep(4, LONG), RunningStep(5, "Tim <i>Perencanaan</i>")],
            late_tasks=3,
            days_late=2,
            version=2,
        ),
        OpdRow(
            Opd(3, "Dinas B", "B"),
            OpdProcess(11, "completed"),
            version=3,
            final=True,
            signed=SignedRkt(7, "AB12-CD34"),
            verification_url='http://example.org/v/AB12-CD34?a=1&b="2"',
        ),
        OpdRow(Opd(4, "Dinas C", "C"), OpdProcess(12, "cancelled"), late_tasks=1),
    ]


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("rows", [every_kind_of_row(), []], ids=["rows", "none"])
def test_the_rows_are_the_template_loops_html(rows, language, settings):
    from django.utils import translation

    with translation.override(language):
        context = Context({"rows": rows})
        context.request = RequestFactory().get("/")
        expected = Template(TEMPLATE_ROWS).render(context)
        assert normalised(rows_html(rows)) == normalised(expected)


def test_a_name_with_markup_is_escaped():
    html = rows_html(every_kind_of_row())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert 'data-opd="D&quot;&lt;1&gt;"' in html
    assert "<b>" not in html
