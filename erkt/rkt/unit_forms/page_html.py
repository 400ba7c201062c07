"""The Form RKT page around its rows, written in Python (the content of the template
rkt/unit_forms/form.html it replaced, kept beside erkt/rkt/tests/test_form_page_html.py).

Its heading, state, alerts, table head and foot cost some 4,000 Python calls a visit
through the template engine (a dozen `{% translate %}`, four `{% blocktranslate %}`, the
download buttons' template), more than the rows (erkt.rkt.unit_forms.rows_html). The
cards of a form its head still edits (adding a row, sending, the Excel upload, with their
bound forms and errors) stay partials of form.html (`editing`, `upload`). Every text of the
database is escaped; the translated literals are written as the template wrote them,
unescaped. The whitespace is the template's own, so the page is the same.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, pgettext

from erkt.html_rows import escaped
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import per_language
from erkt.rkt.drafts.page_html import person
from erkt.rkt.templatetags.rkt_documents import form_download_buttons
from erkt.rkt.templatetags.rkt_format import formatters
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.rows_html import form_rows
from erkt.template_labels import TemplateLabels
from erkt.url_cache import remembered

PAGE = "rkt/unit_forms/form.html"

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
    may_edit = context["may_edit"]
    upload = render_to_string(f"{PAGE}#upload", context, request) if may_edit else ""
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
        editing = render_to_string(f"{PAGE}#editing", context, request)
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
