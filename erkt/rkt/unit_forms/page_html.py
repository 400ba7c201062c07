"""The Form RKT page around its rows, written in Python (the content of the template
rkt/unit_forms/form.html it replaced, kept beside erkt/rkt/tests/test_form_page_html.py).

Its heading, state, alerts, table head and foot cost some 4,000 Python calls a visit
through the template engine (a dozen `{% translate %}`, four `{% blocktranslate %}`, the
download buttons' template), more than the rows (erkt.rkt.unit_forms.rows_html). The
cards of a form its head still edits (adding a row, sending, the Excel upload, with their
bound forms and errors) are written here too (some 2,700 calls as the partials `editing`
and `upload`); the row fragments htmx swaps stay partials of form.html. Every text of the
database is escaped; the translated literals are written as the template wrote them,
unescaped. The whitespace is the template's own, so the page is the same.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, pgettext

from erkt.form_widgets import fields_html, form_errors_block
from erkt.html_rows import escaped
from erkt.org.navigation import csrf_input
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import per_language
from erkt.rkt.drafts.page_html import person
from erkt.rkt.templatetags.rkt_documents import form_download_buttons
from erkt.rkt.templatetags.rkt_format import formatters
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.rows_html import form_rows
from erkt.template_labels import TemplateLabels
from erkt.url_cache import remembered

form_labels = TemplateLabels(
    rekap=gettext_noop("Rekap Form RKT"),
    tugas_langkah=gettext_noop("Tugas langkah"),
    unduh_excel=gettext_noop("Unduh Excel"),
    dikembalikan=gettext_noop("Dikembalikan oleh Tim Perencanaan"),
    terakhir_dikirim=gettext_noop("Form RKT sebagaimana terakhir dikirim:"),
    kembali=gettext_noop("Kembali ke Kotak Tugas"),
    terkirim=gettext_noop("Form RKT terkirim"),
    jumlah_anggaran=gettext_noop("Jumlah anggaran"),
    pagu_unit=gettext_noop("pagu unit"),
)


def title(form: FormRkt) -> SafeString:
    """`{% blocktranslate %}Form RKT {{ year }} {{ unit }}{% endblocktranslate %}`."""
    values = {"year": f"{form.process.year:d}", "unit": escaped(form.unit.short_name)}
    return mark_safe(gettext("Form RKT %(year)s %(unit)s") % values)


@per_language
def table_filter() -> SafeString:
    """The search box over the rows, outside #form-body (htmx swaps the body)."""
    return mark_safe(render_to_string("_table_filter.html", {"table": "form-rkt-rows"}))


@per_language
def table_head(may_edit: bool) -> str:
    heads = [
        (' class="w-1"', pgettext("nomor urut", "No")),
        (' class="w-1"', gettext("Kode")),
        ("", gettext("Sasaran kegiatan / sub kegiatan")),
        ("", gettext("Indikator kinerja")),
        (' class="w-1"', gettext("Satuan")),
        (' class="w-1 text-end"', gettext("Target")),
        (' class="w-1 text-end"', gettext("Anggaran (Rp)")),
        ("", gettext("Justifikasi")),
    ]
    cells = "".join(f'          <th scope="col"{classes}>{text}</th>\n' for classes, text in heads)
    actions = ""
    if may_edit:
        action = gettext("Aksi")  # outside the f-string, where xgettext finds it
        actions = f'<th scope="col" class="w-1"><span class="visually-hidden">{action}</span></th>'
    return (
        f'\n      <thead class="table-light">\n        <tr>\n{cells}'
        f"          {actions}\n        </tr>\n      </thead>\n      "
    )


def page_content(request, context: dict) -> str:
    """The content block, from form_context's values (and the view's `error`, ...)."""
    t = form_labels()
    upload = _upload(context) if context["may_edit"] else ""
    return (
        _heading(t, context)
        + _alerts(t, context)
        + f"\n\n\n{table_filter()}\n{body(request, context)}\n\n{upload}\n"
    )


def _heading(t: dict, context: dict) -> str:
    form = context["form_rkt"]
    process = form.process
    overview = ""
    if context["reads_all"]:
        overview_url = escaped(remembered("rkt:forms_overview", form.process_id))
        overview = f'<li class="breadcrumb-item"><a href="{overview_url}">{t["rekap"]}</a></li>'
    heading = gettext("Form RKT %(year)s") % {"year": f"{process.year:d}"}
    renstra = ""
    if form.renstra:
        source = gettext("dari Renstra %(period)s")
        renstra = f" &middot; {source % {'period': escaped(form.renstra.period_label)}}"
    fill_task = context["fill_task"]
    task_link = ""
    if fill_task:
        task_url = escaped(remembered("workflow:task", fill_task.pk))
        task_link = (
            f'<a class="btn btn-outline-secondary" href="{task_url}">'
            f'<i class="bi bi-clipboard-check"></i> {t["tugas_langkah"]}'
            f" {fill_task.step_run.number:d}</a>"
        )
    process_url = escaped(remembered("workflow:process", form.process_id))
    excel_url = escaped(remembered("rkt:unit_form_download", form.pk))
    return (
        '\n<nav aria-label="breadcrumb"><ol class="breadcrumb">\n'
        f'  <li class="breadcrumb-item"><a href="{process_url}">{escaped(str(process))}</a></li>\n'
        f"  {overview}\n"
        '  <li class="breadcrumb-item active" aria-current="page">'
        f"{escaped(form.unit.short_name)}</li>\n</ol></nav>\n\n"
        '<div class="d-flex flex-wrap align-items-start justify-content-between gap-2 mb-3">\n'
        '  <div>\n    <div class="d-flex flex-wrap align-items-center gap-2">\n'
        f'      <h1 class="h3 mb-0">{heading}</h1>\n'
        f"      {status_badge(form)}\n    </div>\n"
        f'    <p class="text-body-secondary mb-0">{escaped(form.unit.name)}{renstra}</p>\n'
        '  </div>\n  <div class="d-flex flex-wrap gap-2">\n'
        f"    {task_link}\n"
        f'    <a class="btn btn-outline-primary" href="{excel_url}">'
        f'<i class="bi bi-file-earmark-spreadsheet"></i> {t["unduh_excel"]}</a>\n'
        "  </div>\n</div>\n\n"
    )


def status_badge(form: FormRkt) -> str:
    """{% include "rkt/unit_forms/_status.html" with form=form %} of an issued form."""
    tone = {"submitted": "success", "returned": "warning"}.get(form.status, "secondary")
    return f'\n<span class="badge text-bg-{tone}">{escaped(form.get_status_display())}</span>\n'


def _alerts(t: dict, context: dict) -> str:
    form = context["form_rkt"]
    error = context.get("error")
    alert = ""
    if error:
        alert = (
            '<div class="alert alert-danger" role="alert"><i class="bi bi-x-circle"></i>'
            f" {escaped(error)}</div>"
        )
    if form.status == FormRkt.Status.RETURNED:
        state = _returned(t, form)
    elif form.is_submitted:
        state = _submitted(t, form)
    else:
        state = ""
    return f"{alert}\n{state}"


def _returned(t: dict, form: FormRkt) -> str:
    when = f", {escaped(tanggal(form.returned_at))}" if form.returned_at else ""
    who = f" ({person(form.returned_by)})" if form.returned_by else ""
    return (
        '\n<div class="alert alert-warning" role="status">\n'
        '  <strong><i class="bi bi-arrow-counterclockwise"></i>'
        f" {t['dikembalikan']}</strong>{when}{who}:\n"
        f'  <div style="white-space: pre-line">{escaped(form.return_reason)}</div>\n'
        f'  <div class="mt-2 small">{t["terakhir_dikirim"]}</div>\n'
        f'  <div class="mt-1">{form_download_buttons(form, t["terkirim"])}</div>\n</div>\n'
    )


def _submitted(t: dict, form: FormRkt) -> str:
    values = {"who": person(form.submitted_by), "when": escaped(tanggal(form.submitted_at))}
    sent = gettext(
        "Dikirim oleh %(who)s, %(when)s. Form ini tidak dapat diubah lagi kecuali "
        "dikembalikan oleh Tim Perencanaan."
    )
    inbox_url = escaped(remembered("workflow:inbox"))
    return (
        '\n<div class="alert alert-success" role="status"><i class="bi bi-send-check"></i>\n'
        f"  {sent % values}\n"
        f'  <a class="alert-link ms-1" href="{inbox_url}"><i class="bi bi-arrow-left"></i>'
        f" {t['kembali']}</a>\n"
        f'  <div class="mt-2">{form_download_buttons(form, t["terkirim"])}</div>\n</div>\n'
    )


def body(request, context: dict) -> str:
    """The former partial `form_body`: the table and, for its head, the editing cards
    (htmx swaps it after each row)."""
    t = form_labels()
    may_edit = context["may_edit"]
    notice = context.get("notice")
    error = context.get("error")
    notice_alert = error_alert = editing = ""
    if notice:
        notice_alert = (
            '<div class="alert alert-success py-2" role="status">'
            f'<i class="bi bi-check-circle"></i> {escaped(notice)}</div>'
        )
    if error and request.htmx:
        error_alert = (
            '<div class="alert alert-danger py-2" role="alert"><i class="bi bi-x-circle"></i>'
            f" {escaped(error)}</div>"
        )
    if may_edit:
        editing = _editing(context)
    _angka, rupiah = formatters()
    return (
        f'\n<div id="form-body">\n  {notice_alert}\n  {error_alert}\n'
        '  <div class="table-responsive table-scroll">\n'
        '    <table class="table table-sm table-bordered align-middle bg-white form-rkt mb-2'
        ' table-sticky table-stack" id="form-rkt-rows">'
        f"{table_head(bool(may_edit))}{form_rows(context)}\n"
        '      <tfoot>\n        <tr class="table-light">\n'
        f'          <th scope="row" colspan="6" class="text-end">{t["jumlah_anggaran"]}'
        f' <span class="fw-normal text-body-secondary">({t["pagu_unit"]} Rp'
        f" {escaped(rupiah(context['pagu_total']))})</span></th>\n"
        f'          <th class="num" id="form-total">{escaped(rupiah(context["total"]))}</th>\n'
        f'          <td colspan="{2 if may_edit else 1}"></td>\n'
        "        </tr>\n      </tfoot>\n    </table>\n  </div>\n"
        f"  {editing}\n</div>\n"
    )


# --- The cards of a form its head edits ------------------------------------------------------

editing_labels = TemplateLabels(
    tambah_baris=gettext_noop("Tambah baris"),
    kirim_ke_tim=gettext_noop("Kirim ke Tim Perencanaan"),
    belum_dapat_dikirim=gettext_noop("Form RKT belum dapat dikirim:"),
    masih_harus_dilengkapi=gettext_noop("Yang masih harus dilengkapi sebelum dikirim:"),
    lengkap=gettext_noop("Form RKT lengkap dan siap dikirim."),
    kirim=gettext_noop("Kirim Form RKT"),
    setelah_dikirim=gettext_noop(
        "Setelah dikirim, form tidak dapat diubah dan tugas langkah 4 selesai."
    ),
    isi_lewat_excel=gettext_noop("Isi lewat Excel"),
    berkas_ditolak=gettext_noop("Berkas ditolak; tidak ada yang berubah."),
    sheet=gettext_noop("Sheet"),
    baris=gettext_noop("Baris"),
    kolom=gettext_noop("Kolom"),
    kesalahan=gettext_noop("Kesalahan"),
    unggah=gettext_noop("Unggah dan ganti semua baris"),
)


def _editing(context: dict) -> str:
    """The former partial `editing`: adding a row, and sending with what is still missing."""
    t = editing_labels()
    form = context["form_rkt"]
    add_url = escaped(remembered("rkt:unit_form_row_add", form.pk))
    submit_url = escaped(remembered("rkt:unit_form_submit", form.pk))
    return (
        '\n  <div id="row-add-slot" class="mb-3"></div>\n'
        f'  <a class="btn btn-outline-primary mb-4" href="{add_url}"\n'
        f'     hx-get="{add_url}" hx-target="#row-add-slot"><i class="bi bi-plus-lg"></i>'
        f" {t['tambah_baris']}</a>\n\n"
        '  <div class="card shadow-sm mb-4" id="submit-card">\n'
        f'    <div class="card-header bg-white fw-semibold">{t["kirim_ke_tim"]}</div>\n'
        '    <div class="card-body">\n'
        f"      {_sending_state(t, context)}\n"
        f'      <form method="post" action="{submit_url}">{csrf_input(context)}\n'
        f"        {fields_html(context['submit_form'])}\n"
        '        <button type="submit" class="btn btn-primary"><i class="bi bi-send"></i>'
        f" {t['kirim']}</button>\n"
        f'        <span class="form-text ms-2">{t["setelah_dikirim"]}</span>\n'
        "      </form>\n    </div>\n  </div>\n  "
    )


def _sending_state(t: dict, context: dict) -> str:
    """Why the form was refused, what is still missing, or that it may be sent."""
    refusals, problems = context.get("submit_errors"), context["problems"]
    if refusals:
        items = "".join(f"<li>{escaped(message)}</li>" for message in refusals)
        return (
            '\n      <div class="alert alert-danger" role="alert">'
            f"<strong>{t['belum_dapat_dikirim']}</strong>\n"
            f'        <ul class="mb-0">{items}</ul></div>\n      '
        )
    if problems:
        items = "".join(f"<li>{escaped(message)}</li>" for message in problems)
        return (
            '\n      <p class="mb-1 text-danger-emphasis"><i class="bi bi-exclamation-triangle">'
            f"</i> {t['masih_harus_dilengkapi']}</p>\n"
            f'      <ul class="small mb-3" id="form-problems">{items}</ul>\n      '
        )
    return (
        '\n      <p class="text-success-emphasis"><i class="bi bi-check2-circle"></i>'
        f" {t['lengkap']}</p>\n      "
    )


def _upload(context: dict) -> str:
    """The former partial `upload`: the Excel upload with its rules and a refusal's errors."""
    t = editing_labels()
    form, upload_form = context["form_rkt"], context["upload_form"]
    errors = context.get("upload_errors")
    opened = " open" if errors or (upload_form and upload_form.errors) else ""
    url = escaped(remembered("rkt:unit_form_upload", form.pk))
    return (
        f"\n{_satuan_list(tuple(context['satuan_list']))}\n"
        f'<details class="card shadow-sm mb-4"{opened}>\n'
        f'  <summary class="card-header bg-white fw-semibold">{t["isi_lewat_excel"]}</summary>\n'
        '  <div class="card-body">\n'
        f"    {_rules(tuple(context['upload_rules']))}\n"
        f"    {_upload_errors(t, errors) if errors else ''}\n"
        f'    <form method="post" action="{url}" enctype="multipart/form-data">'
        f"{csrf_input(context)}\n"
        f'      <input type="hidden" name="version" value="{escaped(form.version)}">\n'
        f"      {form_errors_block(upload_form)}\n"
        f"      {fields_html(upload_form) if upload_form else ''}\n"
        '      <button type="submit" class="btn btn-outline-primary"><i class="bi bi-upload"></i>'
        f" {t['unggah']}</button>\n"
        "    </form>\n  </div>\n</details>\n"
    )


@per_language
def _satuan_list(satuan: tuple[str, ...]) -> str:
    options = "".join(f'<option value="{escaped(text)}">' for text in satuan)
    return f'<datalist id="satuan-list">{options}</datalist>'


@per_language
def _rules(rules: tuple[str, ...]) -> str:
    items = "".join(f"<li>{escaped(rule)}</li>" for rule in rules)
    return f'<ol class="small">{items}</ol>'


def _upload_errors(t: dict, errors) -> str:
    rows = "".join(
        f"<tr><td>{escaped(e.sheet)}</td><td>{escaped(e.row or '-')}</td>"
        f"<td>{escaped(e.column or '-')}</td><td>{escaped(e.message)}</td></tr>"
        for e in errors
    )
    return (
        '\n    <div class="alert alert-danger" role="alert">'
        f"<strong>{t['berkas_ditolak']}</strong></div>\n"
        '    <div class="table-responsive"><table class="table table-sm table-bordered bg-white'
        ' small" id="upload-errors">\n'
        f'      <thead class="table-light"><tr><th>{t["sheet"]}</th><th>{t["baris"]}</th>'
        f"<th>{t['kolom']}</th><th>{t['kesalahan']}</th></tr></thead>\n"
        f"      <tbody>{rows}</tbody>\n    </table></div>\n    "
    )
