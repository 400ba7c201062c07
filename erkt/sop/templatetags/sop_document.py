"""The official SOP document of sop/document.html (the page and the PDF), written in
Python: `{% sop_document %}` (the identity sheet, its paired lists and the flowchart
sheets) and `{% identity_pair %}`.

As template nodes the document cost some sixty nodes (lookups, filters, ifs and a loop)
on every visit of the SOP page; here each value is escaped as `{{ }}` escapes it
(erkt.html_rows.escaped, after the filter the template applied), and the markup,
whitespace included, is the template's own (erkt/sop/tests/former_document.html,
compared in erkt/sop/tests/test_sop_document_html.py).

The sheet's three pairs were an include each of a partial with a `with` and a loop per
list: a context push, a template lookup and a node walk per item. Here each item is
escaped as `{{ item }}` escapes it (localised, then conditional_escape), and the markup,
whitespace included, is the partial's own.
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from erkt.html_rows import escaped
from erkt.org.nip import format_nip
from erkt.org.templatetags.indonesian import format_tanggal

register = template.Library()

PAIR = "<tr><th>{}:</th><th>{}:</th></tr>\n<tr>\n  <td>{}</td>\n  <td>{}</td>\n</tr>\n"


def _items(items) -> str:
    """`<ol><li>..</li></ol>` of the items, or "-" when there is none."""
    if not items:
        return "-"
    return "<ol>" + "".join(f"<li>{escaped(localize(item))}</li>" for item in items) + "</ol>"


def _links(links) -> str:
    """`<ol>` of (text, url) entries, each linked when it has a url."""
    lines = (
        f'<li><a href="{escaped(url)}">{escaped(text)}</a></li>'
        if url
        else f"<li>{escaped(text)}</li>"
        for text, url in links
    )
    return "<ol>" + "".join(lines) + "</ol>"


@register.simple_tag
def identity_pair(left_label, left, right_label, right, left_links=None) -> SafeString:
    """Two labelled lists side by side; `left_links` (Keterkaitan) in place of `left`."""
    first = _links(left_links) if left_links else _items(left)
    return mark_safe(PAIR.format(escaped(left_label), escaped(right_label), first, _items(right)))


HEAD = """
<div class="sop-doc">
  <section class="sop-sheet sop-sheet-identity">
    <table class="sop-identity-head">
      <tr>
        <td class="sop-instansi" rowspan="6">
          {logo}
          <div class="sop-pemda">{pemda_upper}</div>
          <div class="sop-instansi-name">{name_upper}</div>
          <div class="sop-address">{address}</div>
          <div class="sop-doc-title">STANDAR OPERASIONAL PROSEDUR</div>
        </td>
        <th scope="row">Nomor SOP</th>
        <td>{nomor}</td>
      </tr>
      <tr><th scope="row">Tanggal Pembuatan</th><td>{pembuatan}</td></tr>
      <tr><th scope="row">Tanggal Revisi</th><td>{revisi}</td></tr>
      <tr><th scope="row">Tanggal Efektif</th><td>{efektif}</td></tr>
      <tr>
        <th scope="row">Disahkan oleh</th>
        <td class="sop-pengesahan">
          <div>{jabatan},</div>
          <div class="sop-ttd"></div>
          <div class="sop-signer">{signer}</div>
          {pangkat}
          <div>NIP. {nip}</div>
        </td>
      </tr>
      <tr><th scope="row">Nama SOP</th><td class="sop-name">{judul_upper}</td></tr>
    </table>

    <table class="sop-identity-body">
      {pairs}
    </table>
  </section>

  """
FLOWCHART = """
    <section class="sop-sheet sop-sheet-flowchart">
      <div class="sop-flow-caption">
        {part}
        <span class="sop-flow-title">PROSEDUR {judul_upper}</span>
      </div>
      <div class="sop-flow">{svg}</div>
    </section>
  """
NO_SIGNER = "(..........................................)"


def _text(value) -> str:
    """`{{ value }}`: localised, then escaped."""
    return escaped(localize(value))


def _upper(value) -> str:
    """`{{ value|upper }}` (a string filter: the text upper-cased, then escaped)."""
    return escaped(str(value).upper())


def document_html(
    version, organization, signatory, logo: str, flowchart_pages, related=None
) -> SafeString:
    """What sop/document.html rendered for this context (`related`: the Keterkaitan
    links of the page; the PDF has none)."""
    logo_tag = (
        f'<img class="sop-logo" src="{_text(logo)}" alt="Logo '
        f'{_text(organization.pemerintah_daerah)}">'
        if logo
        else ""
    )
    pangkat = f"<div>{_text(signatory.pangkat)}</div>" if signatory.pangkat else ""
    pairs = "\n      ".join(
        (
            identity_pair(
                "Dasar Hukum",
                version.dasar_hukum,
                "Kualifikasi Pelaksana",
                version.kualifikasi_pelaksana,
            ),
            identity_pair(
                "Keterkaitan",
                version.keterkaitan,
                "Peralatan/Perlengkapan",
                version.peralatan,
                left_links=related,
            ),
            identity_pair(
                "Peringatan", version.peringatan, "Pencatatan dan Pendataan", version.pencatatan
            ),
        )
    )
    judul_upper = _upper(version.judul)
    head = HEAD.format(
        logo=logo_tag,
        pemda_upper=_upper(organization.pemerintah_daerah),
        name_upper=_upper(organization.name),
        address=_text(organization.address),
        nomor=_text(version.nomor or "-"),
        pembuatan=escaped(format_tanggal(version.tanggal_pembuatan)),
        revisi=escaped(format_tanggal(version.tanggal_revisi)),
        efektif=escaped(format_tanggal(version.tanggal_efektif)),
        jabatan=_text(signatory.jabatan),
        signer=_text(signatory.name or NO_SIGNER),
        pangkat=pangkat,
        nip=_text((format_nip(signatory.nip) if signatory.nip else "") or "-"),
        judul_upper=judul_upper,
        pairs=pairs,
    )
    pages = list(flowchart_pages)
    count = len(pages)
    sheets = [
        FLOWCHART.format(
            part=(
                f'<span class="sop-flow-part">Bagan alir {_text(number)}/{_text(count)}</span>'
                if count > 1
                else ""
            ),
            judul_upper=judul_upper,
            svg=svg,
        )
        for number, svg in enumerate(pages, start=1)
    ]
    return mark_safe(head + "".join(sheets) + "\n</div>\n")


@register.simple_tag(takes_context=True)
def sop_document(context) -> SafeString:
    """document_html() of the template's context (sop/document.html)."""
    return document_html(
        context["version"],
        context["organization"],
        context["signatory"],
        context.get("logo", ""),
        context.get("flowchart_pages", ()),
        context.get("related"),
    )
