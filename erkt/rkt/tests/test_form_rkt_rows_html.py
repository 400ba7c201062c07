"""The Form RKT table's body written in Python (erkt.rkt.unit_forms.rows_html) is the
template loop and row partial it replaced (kept beside this test), byte for byte,
escaping included, in both languages, editable or not."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils.translation import override

from erkt.rkt.models import Kegiatan, Program, SubKegiatan
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow, KegiatanGroup, ProgramGroup
from erkt.rkt.unit_forms.rows_html import form_row, form_rows

SCRIPT = "<script>alert(1)</script>"
FORMER_TEXT = (Path(__file__).parent / "former_form_rkt_rows.html").read_text()
FORMER = Template(FORMER_TEXT)
# The row partial alone: the definition, then its use.
FORMER_ROW = Template(
    FORMER_TEXT.split("{% endpartialdef %}")[0] + "{% endpartialdef %}{% partial row %}"
)


def _row(pk: int, kegiatan, sub=None, **values) -> FormRktRow:
    row = FormRktRow(
        pk=pk,
        kegiatan=kegiatan,
        sub_kegiatan=sub,
        sasaran_kegiatan=values.get("sasaran", f"Sasaran {SCRIPT}"),
        indikator=values.get("indikator", f"Indikator & {SCRIPT}"),
        satuan=values.get("satuan", "<b>dokumen</b>"),
        target=values.get("target", ""),
        anggaran=values.get("anggaran", Decimal(0)),
        justifikasi=values.get("justifikasi", ""),
        version=values.get("version", 3),
    )
    row.renstra_indikator_id = values.get("renstra_indikator_id")
    return row


def _groups() -> list[ProgramGroup]:
    program = Program(pk=1, code="5.01<01>", name=f"Program {SCRIPT}")
    kegiatan = Kegiatan(pk=2, code="5.01.01", name=f"Kegiatan {SCRIPT}")
    other = Kegiatan(pk=3, code="5.01.02", name="Kegiatan dua")
    sub = SubKegiatan(pk=4, code="5.01.01.2.01", name="Sub")
    rows_a = [
        _row(10, kegiatan),
        _row(11, kegiatan, sub, target="12,5", anggaran=Decimal("1250000.40")),
        _row(12, kegiatan, sub, anggaran=Decimal(0), renstra_indikator_id=7),
    ]
    rows_b = [_row(13, other, anggaran=Decimal("99000000"), justifikasi=f"Perlu {SCRIPT}")]
    within = ProgramGroup(program, Decimal("999999999"), [KegiatanGroup(kegiatan, rows_a)])
    over_justified = ProgramGroup(program, Decimal(1), [KegiatanGroup(other, rows_b)])
    rows_c = [_row(14, other, anggaran=Decimal(5))]
    over = ProgramGroup(program, Decimal(1), [KegiatanGroup(other, rows_c)])
    number = 1
    for group in (within, over_justified, over):
        for row in group.rows:
            row.number = number
            number += 1
    return [within, over_justified, over]


def _context(**values) -> dict:
    return {"form_rkt": FormRkt(pk=21), "csrf_token": "tok<en>", **values}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("may_edit", [True, False])
def test_the_rows_are_the_former_loop(language, may_edit):
    with override(language):
        for groups in (_groups(), []):
            context = _context(groups=groups, may_edit=may_edit)
            expected = FORMER.render(Context(context))
            assert form_rows(Context(context)) == expected


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("may_edit", [True, False])
def test_one_row_is_the_former_partial(language, may_edit):
    with override(language):
        for row in _groups()[0].rows:
            for numbered in (True, False):
                if not numbered:
                    del row.number  # a row read alone (htmx's "Batal")
                context = _context(row=row, may_edit=may_edit)
                expected = FORMER_ROW.render(Context(context))
                assert form_row(Context(context)) == expected


def test_every_text_is_escaped():
    html = form_rows(Context(_context(groups=_groups(), may_edit=True)))
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    assert "tok&lt;en&gt;" in html
