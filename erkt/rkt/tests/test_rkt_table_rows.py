"""The RKT table's rows rendered in Python (table_rows_html) give the markup the template
loop gave, for every kind of line, and escape what the rows hold."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.template import Context, Template

from erkt.rkt.drafts.table import build_table, table_rows_html

# rkt/drafts/_table.html's <tbody> as it was before the rows moved to Python.
TEMPLATE_LOOP = """{% load i18n rkt_format %}  <tbody>
  {% translate "Tanpa sasaran strategis" as no_sasaran %}{% translate "Jumlah" as jumlah %}\
{% translate 'Indikator Kinerja Utama' as iku %}\
{% translate 'Jumlah anggaran kegiatan' as kegiatan_total %}{% for line in table.lines %}
    <tr{% if line.total %} class="rkt-subtotal"{% elif line.row %} id="baris-{{ line.row.order }}" \
data-key="{{ line.row.key }}"{% endif %}>
      {% if line.group_span %}
        <td rowspan="{{ line.group_span }}" class="text-center">{{ line.number }}</td>
        <td rowspan="{{ line.group_span }}">{% if line.row.sasaran_strategis %}\
{{ line.row.sasaran_strategis }}{% else %}<span class="text-body-secondary">{{ no_sasaran }}</span>\
{% endif %}</td>
      {% endif %}
      {% if line.total %}
        <th scope="row" colspan="6" class="text-end">{{ jumlah }} {{ line.total.code }} \
{{ line.total.name }}</th>
        <td class="text-end text-nowrap">{{ line.total.amount|rupiah }}</td>
      {% else %}{% with row=line.row %}
        <td>{% if row.section == "sasaran" %}<span class="badge text-bg-success me-1" \
title="{{ iku }}">IKU</span>{% endif %}{{ row.indikator|default:"\N{EN DASH}" }}</td>
        <td class="text-nowrap">{{ row.satuan }}</td>
        <td class="text-end text-nowrap">{{ row.target|default:"\N{EN DASH}" }}</td>
        {% if row.section == "sasaran" %}
          <td colspan="3" class="rkt-empty"></td><td class="rkt-empty"></td>
        {% else %}
          {% if line.program_span %}<td rowspan="{{ line.program_span }}"><span class="rkt-code">\
{{ row.program_code }}</span> {{ row.program_name }}</td>{% endif %}
          {% if line.kegiatan_span %}<td rowspan="{{ line.kegiatan_span }}">\
{% if row.kegiatan_code %}<span class="rkt-code">{{ row.kegiatan_code }}</span> \
{{ row.kegiatan_name }}{% endif %}</td>{% endif %}
          {% if line.sub_span %}<td rowspan="{{ line.sub_span }}">\
{% if row.sub_kegiatan_code %}<span class="rkt-code">{{ row.sub_kegiatan_code }}</span> \
{{ row.sub_kegiatan_name }}{% endif %}</td>
          <td rowspan="{{ line.sub_span }}" class="text-end text-nowrap{% if line.subtotal %} \
fw-semibold{% endif %}"{% if line.subtotal %} title="{{ kegiatan_total }}"{% endif %}>\
{% if line.anggaran is not None %}{{ line.anggaran|rupiah }}{% endif %}</td>{% endif %}
        {% endif %}
      {% endwith %}{% endif %}
    </tr>
  {% empty %}
    <tr><td colspan="9" class="text-center text-body-secondary py-4">\
{% translate "Belum ada baris." %}</td></tr>
  {% endfor %}
  </tbody>"""

FIELDS = dict.fromkeys(
    [
        "sasaran_code",
        "sasaran_strategis",
        "indikator",
        "satuan",
        "target",
        "program_code",
        "program_name",
        "kegiatan_code",
        "kegiatan_name",
        "sub_kegiatan_code",
        "sub_kegiatan_name",
    ],
    "",
)


def row(order: int, section: str, **values) -> SimpleNamespace:
    return SimpleNamespace(
        **{**FIELDS, "order": order, "key": f"k{order}", "section": section, "anggaran": None}
        | values
    )


def rows(evil: str = "") -> list[SimpleNamespace]:
    program = {"program_code": "5.03.01", "program_name": f"Program Penunjang{evil}"}
    kegiatan = {**program, "kegiatan_code": "5.03.01.2.01", "kegiatan_name": "Perencanaan"}
    return [
        row(
            1,
            "sasaran",
            sasaran_code="SS1",
            sasaran_strategis=f"Meningkatnya{evil}",
            indikator=f"Indeks{evil}",
            satuan="indeks",
            target="75",
        ),
        row(
            2,
            "program",
            sasaran_code="SS1",
            sasaran_strategis="Meningkatnya",
            indikator="Persentase",
            satuan="%",
            target="",
            **program,
        ),
        row(3, "program", sasaran_code="SS1", indikator="Dokumen", **kegiatan, anggaran=None),
        row(
            4,
            "program",
            sasaran_code="SS1",
            indikator="",
            **kegiatan,
            sub_kegiatan_code="5.03.01.2.01.0001",
            sub_kegiatan_name=f"Penyusunan{evil}",
            anggaran=Decimal("12500000.00"),
        ),
        row(
            5,
            "program",
            sasaran_code="SS1",
            indikator="Laporan",
            **kegiatan,
            sub_kegiatan_code="5.03.01.2.01.0001",
            sub_kegiatan_name="Penyusunan",
            anggaran=Decimal("2500000.50"),
        ),
        row(
            6,
            "program",
            sasaran_code="",
            sasaran_strategis="",
            indikator="Tanpa sasaran",
            program_code="5.03.02",
            program_name="Program Kedua",
            anggaran=Decimal("7"),
        ),
    ]


def old_markup(table) -> str:
    return Template(TEMPLATE_LOOP).render(Context({"table": table}))


def new_markup(table) -> str:
    return "  <tbody>\n  " + table_rows_html(table) + "\n  </tbody>"


def test_every_kind_of_line_is_rendered_as_the_template_rendered_it():
    table = build_table(rows())
    assert any(line.subtotal for line in table.lines)
    assert any(line.total for line in table.lines)

    assert new_markup(table) == old_markup(table)


def test_an_empty_table_says_so_as_before():
    table = build_table([])

    assert new_markup(table) == old_markup(table)


def test_what_the_rows_hold_is_escaped():
    evil = "<script>alert(1)</script>"
    table = build_table(rows(evil))

    html = new_markup(table)

    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 5
    assert html == old_markup(table)
