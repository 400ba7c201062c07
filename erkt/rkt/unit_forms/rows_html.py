"""The Form RKT table's body (its program and kegiatan groups and rows) written in Python.

The template's loop rendered some 10 translated labels, two links and a dozen values per
row through template nodes. Here the labels are translated once per language, the numbers
formatted with the language's separators read once (`rkt_format.formatters`), the links
remembered (`erkt.url_cache`), and each value escaped as autoescape escapes it
(`erkt.html_rows.escaped`). The markup is byte for byte the template's
(`erkt/rkt/tests/test_form_rkt_rows_html.py` renders the former loop beside it, `<script>`
in every text included).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.html_rows import escaped
from erkt.org.navigation import csrf_input
from erkt.per_language import per_language
from erkt.rkt.templatetags.rkt_format import formatters
from erkt.url_cache import remembered_for

NONE = "\N{EN DASH}"  # what the template printed for no target and no anggaran


@dataclass
class Table:
    """What every row of one table shares: labels, formatters, links, the CSRF input."""

    may_edit: bool
    form_pk: int
    labels: dict
    rupiah: object
    edit_url: object
    delete_url: object
    csrf: str


@per_language
def table_labels() -> dict[str, str]:
    """The table's labels, escaped as {% translate %} is (written out for makemessages)."""
    return {
        "kode": escaped(_("Kode")),
        "sasaran": escaped(_("Sasaran kegiatan / sub kegiatan")),
        "indikator": escaped(_("Indikator kinerja")),
        "satuan": escaped(_("Satuan")),
        "target": escaped(_("Target")),
        "anggaran_rp": escaped(_("Anggaran (Rp)")),
        "justifikasi": escaped(_("Justifikasi")),
        "menjawab": escaped(_("Menjawab indikator Renstra")),
        "ubah": escaped(_("Ubah")),
        "hapus_baris": escaped(_("Hapus baris ini?")),
        "hapus": escaped(_("Hapus")),
        "program": escaped(_("Program")),
        "anggaran": escaped(_("Anggaran")),
        "pagu_unit": escaped(_("pagu unit")),
        "berjustifikasi": escaped(_("melebihi pagu, berjustifikasi")),
        "melebihi": escaped(_("melebihi pagu")),
        "jumlah_kegiatan": escaped(_("Jumlah anggaran kegiatan")),
        "kosong": escaped(_("Form RKT ini belum berisi baris.")),
    }


def table_for(context) -> Table:
    may_edit = bool(context.get("may_edit"))
    labels = table_labels()  # translated once per language, not once per table
    _angka, rupiah = formatters()
    return Table(
        may_edit=may_edit,
        form_pk=context["form_rkt"].pk,
        labels=labels,
        rupiah=rupiah,
        edit_url=remembered_for("rkt:unit_form_row_edit"),
        delete_url=remembered_for("rkt:unit_form_row_delete"),
        csrf=csrf_input(context) if may_edit else "",
    )


def _row(row, t: Table) -> str:
    """The former `{% partialdef row %}`: "\\n<tr ...>...</tr>\\n"."""
    label = t.labels
    # A row read alone (htmx's "Batal") has no number: the template printed nothing.
    number = getattr(row, "number", "")
    code = row.sub_kegiatan.code if row.sub_kegiatan else row.kegiatan.code
    badge = (
        f' <span class="badge text-bg-light border" title="{label["menjawab"]}">Renstra</span>'
        if row.renstra_indikator_id
        else ""
    )
    anggaran = t.rupiah(row.anggaran) if row.anggaran or row.sub_kegiatan_id else NONE
    actions = ""
    if t.may_edit:
        edit = t.edit_url(t.form_pk, row.pk)
        delete = t.delete_url(t.form_pk, row.pk)
        actions = (
            '\n  <td class="text-nowrap">\n    <div class="d-flex gap-1">\n'
            f'    <a class="btn btn-sm btn-outline-secondary" href="{edit}"\n'
            f'       hx-get="{edit}" hx-target="closest tr" hx-swap="outerHTML"\n'
            f'       title="{label["ubah"]}"><i class="bi bi-pencil"></i>'
            f'<span class="visually-hidden">{label["ubah"]}</span></a>\n'
            f'    <form class="d-inline" method="post" action="{delete}"\n'
            f'          hx-post="{delete}" hx-target="#form-body" hx-swap="outerHTML"\n'
            f'          hx-confirm="{label["hapus_baris"]}">{t.csrf}\n'
            f'      <input type="hidden" name="version" value="{row.version}">\n'
            '      <button type="submit" class="btn btn-sm btn-outline-danger" '
            f'title="{label["hapus"]}"><i class="bi bi-trash"></i>'
            f'<span class="visually-hidden">{label["hapus"]}</span></button>\n'
            "    </form>\n    </div>\n  </td>\n  "
        )
    return (
        f'\n<tr id="row-{row.pk}">\n'
        f'  <td data-label="No" class="text-end">{number}</td>\n'
        f'  <td data-label="{label["kode"]}" class="code">{escaped(code)}</td>\n'
        f'  <td data-label="{label["sasaran"]}">{escaped(row.sasaran_kegiatan)}</td>\n'
        f'  <td data-label="{label["indikator"]}">{escaped(row.indikator)}{badge}</td>\n'
        f'  <td data-label="{label["satuan"]}">{escaped(row.satuan)}</td>\n'
        f'  <td data-label="{label["target"]}" class="num">{escaped(row.target or NONE)}</td>\n'
        f'  <td data-label="{label["anggaran_rp"]}" class="num">{escaped(anggaran)}</td>\n'
        f'  <td data-label="{label["justifikasi"]}" class="small">{escaped(row.justifikasi)}</td>\n'
        f"  {actions}\n</tr>\n"
    )


def _group(group, t: Table) -> str:
    label, rupiah = t.labels, t.rupiah
    over = ""
    if group.over_pagu:
        badge = (
            f'<span class="badge text-bg-info">{label["berjustifikasi"]}</span>\n                  '
            if group.justified
            else f'<span class="badge text-bg-danger">{label["melebihi"]}</span>'
        )
        over = f"\n                  {badge}\n                "
    kegiatan = "".join(
        '\n        <tr class="table-light">\n          <td></td>\n'
        f'          <td class="code fw-semibold">{escaped(k.kegiatan.code)}</td>\n'
        f'          <td colspan="4" class="fw-semibold">{escaped(k.kegiatan.name)}</td>\n'
        f'          <td class="num fw-semibold" title="{label["jumlah_kegiatan"]}">'
        f"{escaped(rupiah(k.total))}</td>\n"
        f'          <td colspan="{2 if t.may_edit else 1}"></td>\n        </tr>\n        '
        + "".join(_row(row, t) for row in k.rows)
        + "\n        "
        for k in group.kegiatan
    )
    program = group.program
    return (
        '\n      <tbody>\n        <tr class="table-secondary">\n'
        f'          <th scope="rowgroup" colspan="{9 if t.may_edit else 8}">\n'
        '            <div class="d-flex flex-wrap justify-content-between gap-2">\n'
        f"              <span>{label['program']} {escaped(program.code)} {escaped(program.name)}"
        "</span>\n"
        '              <span class="fw-normal">\n'
        f"                {label['anggaran']} <strong>Rp {escaped(rupiah(group.total))}</strong>"
        f" &middot; {label['pagu_unit']} Rp {escaped(rupiah(group.pagu))}\n"
        f"                {over}\n"
        "              </span>\n            </div>\n          </th>\n        </tr>\n        "
        f"{kegiatan}\n      </tbody>\n      "
    )


def form_rows(context) -> SafeString:
    """The former `{% for group in groups %}...{% empty %}...{% endfor %}` of form.html."""
    t = table_for(context)
    groups = context.get("groups") or []
    if not groups:
        return mark_safe(
            f'\n      <tbody><tr><td colspan="{9 if t.may_edit else 8}" '
            f'class="text-body-secondary">{t.labels["kosong"]}</td></tr></tbody>\n      '
        )
    return mark_safe("".join(_group(group, t) for group in groups))


def form_row(context) -> SafeString:
    """The former `{% partialdef row %}` for the row in the context (htmx's "Batal")."""
    return mark_safe(_row(context["row"], table_for(context)))
