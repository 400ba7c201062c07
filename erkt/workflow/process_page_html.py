"""The process page and its print around their tables, written in Python (the content of
the templates workflow/process.html, process_print.html, _process_steps.html and
_process_history.html they replaced, kept beside erkt/workflow/tests/test_process_page_html.py).

As template nodes the page's heading, alerts, cards, includes and forms cost some 2,500
Python calls a visit, more than its step and history rows (erkt.workflow.process_html).
Every text of the database is escaped; the labels are translated literals, written as the
template wrote them (unescaped); the whitespace is the templates' own, so the page is the
same. The Gantt card stays the template the home page shares, rendered once per language
around stand-ins for the process key and the chart.
"""

from __future__ import annotations

from django.template.defaultfilters import time as time_filter
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, gettext_noop, pgettext

from erkt.form_widgets import fields_html, form_errors_block
from erkt.html_cells import whole_number
from erkt.html_rows import escaped
from erkt.org.navigation import csrf_input
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import per_language
from erkt.template_labels import TemplateLabels
from erkt.url_cache import remembered
from erkt.workflow.models import Process
from erkt.workflow.process_html import facts, history_rows, open_task_items, step_rows
from erkt.workflow.templatetags.workflow_tags import status_tone

process_labels = TemplateLabels(
    proses=gettext_noop("Proses"),
    cetak_pdf=gettext_noop("Cetak / PDF"),
    dibatalkan=gettext_noop("Dibatalkan"),
    oleh=gettext_noop("oleh"),
    alasan=gettext_noop("Alasan"),
    alasan_perubahan=gettext_noop("Alasan perubahan"),
    pelaksanaan_tahun_yang_sama=gettext_noop("Pelaksanaan tahun yang sama"),
    tahun_yang_sama=gettext_noop("Tahun yang sama"),
    lanjutkan_pelaksanaan=gettext_noop("Lanjutkan pelaksanaan"),
    tugas_terbuka=gettext_noop("Tugas terbuka"),
    bagan_alir=gettext_noop("Bagan alir"),
    langkah_berjalan_disorot=gettext_noop("langkah berjalan disorot"),
    tangguhkan_pelaksanaan=gettext_noop("Tangguhkan pelaksanaan"),
    tangguhkan=gettext_noop("Tangguhkan"),
    selama_ditangguhkan=gettext_noop(
        "Selama ditangguhkan tidak ada tugas yang dapat diselesaikan; saat dilanjutkan, batas "
        "waktu tugas terbuka bergeser sebanyak hari kerja penangguhan."
    ),
    mulai_perubahan_rkt=gettext_noop("Mulai Perubahan RKT"),
    rkt_tetap_berlaku=gettext_noop(
        "RKT yang sudah ditandatangani tetap berlaku dan tetap terarsip; Perubahan RKT "
        "berjalan sebagai pelaksanaan sendiri untuk tahun yang sama, mulai dari langkah 1."
    ),
    batalkan_pelaksanaan=gettext_noop("Batalkan pelaksanaan"),
    semua_tugas_ikut_dibatalkan=gettext_noop(
        "Semua tugas terbuka ikut dibatalkan. Tindakan ini tidak dapat diurungkan."
    ),
    cetak=gettext_noop("Cetak"),
    kembali_ke_proses=gettext_noop("Kembali ke proses"),
    cetak_simpan_pdf=gettext_noop("Cetak / simpan PDF"),
    atau_gunakan_menu_cetak=gettext_noop(
        "Atau gunakan menu Cetak pada peramban (Ctrl+P), lalu pilih Simpan sebagai PDF."
    ),
    mulai=gettext_noop("Mulai"),
    rencana_selesai=gettext_noop("Rencana selesai"),
    dicetak=gettext_noop("Dicetak"),
)


# --- The cards the page and its print share ---------------------------------------------------

# The Gantt card (workflow/_gantt_card.html, which the home page includes too) with
# stand-ins for its only variables, rendered once per language.
PK_MARK, CHART_MARK = "\x00erkt-process-pk\x00", "\x00erkt-gantt\x00"


def gantt_frame() -> str:
    stand_ins = {"process": {"pk": PK_MARK}, "gantt": mark_safe(CHART_MARK), "in_panel": False}
    return render_to_string("workflow/_gantt_card.html", stand_ins)


def gantt_card(t: dict, process_pk: int, gantt: str) -> str:
    """`{% include "workflow/_gantt_card.html" %}` of the process page and its print."""
    # The key first: the chart (escaped text) is put in last, so nothing in it is replaced.
    return t["gantt_frame"].replace(PK_MARK, str(int(process_pk))).replace(CHART_MARK, gantt)


def steps_frame() -> tuple[str, str]:
    """The step table's card (workflow/_process_steps.html) before and after its rows."""
    heads = (
        pgettext("nomor urut", "No"),
        gettext("Uraian"),
        gettext("Pelaksana"),
        gettext("Rencana mulai"),
        gettext("Rencana selesai"),
        gettext("Mulai"),
        gettext("Batas waktu"),
        gettext("Selesai"),
    )
    cells = "".join(f'\n          <th scope="col">{head}</th>' for head in heads)
    title, passes, status = gettext("Langkah"), gettext("Putaran"), gettext("Status")
    before = (
        '\n<div class="card shadow-sm mb-4">\n'
        f'  <div class="card-header bg-white fw-semibold">{title}</div>\n'
        '  <div class="table-responsive">\n'
        '    <table class="table table-sm align-middle small mb-0 table-stack" id="steps">\n'
        '      <thead class="table-light">\n        <tr>'
        f"{cells}"
        f'\n          <th scope="col" class="text-center">{passes}</th>'
        f'\n          <th scope="col">{status}</th>'
        "\n        </tr>\n      </thead>\n      <tbody>\n      "
    )
    after = "\n      </tbody>\n    </table>\n  </div>\n</div>\n\n"
    return before, after


def steps_card(t: dict, runs) -> str:
    """`{% include "workflow/_process_steps.html" %}`."""
    before, after = t["steps_frame"]
    return f"{before}{step_rows(runs)}{after}"


def history_frame() -> str:
    """The history's card (workflow/_process_history.html) before its rows."""
    heads = (gettext("Waktu"), gettext("Oleh"), gettext("Tindakan"), gettext("Keterangan"))
    cells = "".join(f'\n          <th scope="col">{head}</th>' for head in heads)
    title, newest = gettext("Riwayat"), gettext("terbaru di atas")
    return (
        '\n<div class="card shadow-sm mb-4">\n'
        f'  <div class="card-header bg-white fw-semibold">{title} '
        f'<span class="fw-normal small text-body-secondary">&mdash; {newest}</span></div>\n'
        '  <div class="table-responsive">\n'
        '    <table class="table table-sm small mb-0 table-stack" id="history">\n'
        '      <thead class="table-light">\n        <tr>'
        f"{cells}\n        </tr>\n      </thead>\n      <tbody>\n      "
    )


def history_card(t: dict, history) -> str:
    """`{% include "workflow/_process_history.html" %}`."""
    rows = history_rows(history)
    return f"{t['history_frame']}{rows}\n      </tbody>\n    </table>\n  </div>\n</div>\n\n"


@per_language
def page_words() -> dict:
    """What the page and its print write the same for every reader, once per language (one
    lookup a request): the labels, the statuses as get_status_display() gives them
    (escaped) and the cards' frames."""
    return {
        **process_labels(),
        "statuses": {value: escaped(str(label)) for value, label in Process.Status.choices},
        "gantt_frame": gantt_frame(),
        "steps_frame": steps_frame(),
        "history_frame": history_frame(),
    }


# --- The process page ----------------------------------------------------------------------


def title(process) -> str:
    """The title block: `{{ process }}` (layout.page escapes it)."""
    return str(process)


def page_content(context: dict) -> str:
    """The content block of workflow/process.html for the view's context (its keys: page,
    process, flowchart, gantt, cancel_form, suspension, may_suspend, suspend_form,
    revision_form, revisions, error; csrf_token from the context processors)."""
    t = page_words()
    process, page = context["process"], context["page"]
    return "".join(
        (
            _heading(t, process),
            _alerts(t, context),
            _cards(t, context),
            gantt_card(t, process.pk, context["gantt"]),
            _flowchart(t, page, context["flowchart"]),
            steps_card(t, page.runs),
            "\n",
            history_card(t, page.history),
            "\n",
            _forms(t, context),
        )
    )


def _status_text(t: dict, process) -> str:
    return t["statuses"].get(process.status) or escaped(process.get_status_display())


def _status_badge(t: dict, process, extra: str = "") -> str:
    tone, status = status_tone(process.status), _status_text(t, process)
    return f'<span class="badge{extra} text-bg-{tone}">{status}</span>'


def _heading(t: dict, process) -> str:
    name = escaped(str(process))
    list_url = escaped(remembered("workflow:process_list"))
    print_url = escaped(remembered("workflow:process_print", process.pk))
    judul = escaped(process.sop_version.judul)
    return (
        '\n<nav aria-label="breadcrumb"><ol class="breadcrumb">\n'
        f'  <li class="breadcrumb-item"><a href="{list_url}">{t["proses"]}</a></li>\n'
        f'  <li class="breadcrumb-item active" aria-current="page">{name}</li>\n'
        "</ol></nav>\n"
        '<div class="d-flex flex-wrap align-items-center gap-2 mb-3">\n'
        f'  <h1 class="h3 mb-0">{judul} {escaped(process.year_label)}</h1>\n'
        f"  {_status_badge(t, process, ' fs-6')}\n"
        '  <a class="ms-auto btn btn-outline-secondary btn-sm d-print-none"'
        f' href="{print_url}"><i class="bi bi-printer" aria-hidden="true"></i>'
        f" {t['cetak_pdf']}</a>\n</div>\n"
    )


def _alerts(t: dict, context: dict) -> str:
    process = context["process"]
    error = context["error"]
    parts = []
    if error:
        parts.append(
            '<div class="alert alert-danger" role="alert"><i class="bi bi-x-circle"></i>'
            f" {escaped(error)}</div>"
        )
    parts.append("\n")
    if context["suspension"]:
        parts.append(_suspension(t, context))
    parts.append("\n")
    if process.status == "cancelled":
        parts.append(_cancelled(t, process))
    parts.append("\n")
    if process.revision:
        number = gettext("Perubahan %(number)s") % {"number": whole_number(process.revision)}
        parts.append(
            '\n<div class="alert alert-info" id="revision-reason">'
            f"<strong>{number}</strong>. {t['alasan_perubahan']}:"
            f" {escaped(process.revision_reason)}</div>\n"
        )
    parts.append("\n")
    if context["revisions"]:
        parts.append(_same_year(t, context["revisions"]))
    parts.append("\n\n")
    return "".join(parts)


def _suspension(t: dict, context: dict) -> str:
    suspension = context["suspension"]
    since = gettext("Ditangguhkan sejak %(since)s") % {
        "since": escaped(tanggal(suspension.started_on))
    }
    resume = ""
    if context["may_suspend"]:
        url = escaped(remembered("workflow:process_resume", context["process"].pk))
        resume = (
            f'<form method="post" action="{url}" class="d-inline ms-2">{csrf_input(context)}'
            '<button type="submit" class="btn btn-sm btn-warning">'
            f"{t['lanjutkan_pelaksanaan']}</button></form>"
        )
    return (
        '\n<div class="alert alert-warning" id="suspension" role="status">'
        f'<i class="bi bi-pause-circle"></i> <strong>{since}</strong>:'
        f" {escaped(suspension.reason)}\n  {resume}\n</div>\n"
    )


def _cancelled(t: dict, process) -> str:
    when = process.cancelled_at
    at_time = time_filter(template_localtime(when), "H:i")
    by = ""
    if process.cancelled_by:
        user = process.cancelled_by
        employee = getattr(user, "employee", None)  # none: as the template's silent lookup
        name = (employee.full_name if employee is not None else "") or user.get_username()
        by = f" {t['oleh']} {escaped(name)}"
    return (
        '\n<div class="alert alert-secondary"><strong>'
        f"{t['dibatalkan']}</strong> {escaped(tanggal(when))} {escaped(at_time)}{by}."
        f" {t['alasan']}: {escaped(process.cancel_reason)}</div>\n"
    )


def _same_year(t: dict, revisions) -> str:
    links = "".join(
        f'<a class="d-inline-block py-1 me-2" href="{_process_url(other)}">'
        f"{escaped(str(other))}</a> {_status_badge(t, other)}"
        for other in revisions
    )
    return (
        '\n<nav class="mb-3 small" id="same-year"'
        f' aria-label="{t["pelaksanaan_tahun_yang_sama"]}">{t["tahun_yang_sama"]}:\n'
        f"  {links}\n</nav>\n"
    )


def _process_url(process) -> str:
    return escaped(remembered("workflow:process", process.pk))


def _cards(t: dict, context: dict) -> str:
    return (
        '<div class="row g-4 mb-4">\n  <div class="col-lg-5">\n'
        '    <div class="card shadow-sm h-100"><div class="card-body">\n'
        f'      <dl class="row mb-0 small">{facts(context["process"])}\n      </dl>\n'
        "    </div></div>\n  </div>\n"
        '  <div class="col-lg-7">\n    <div class="card shadow-sm h-100">\n'
        f'      <div class="card-header bg-white fw-semibold">{t["tugas_terbuka"]}</div>\n'
        '      <ul class="list-group list-group-flush" id="open-tasks">\n      '
        f"{open_task_items(context['page'].open_tasks)}\n      </ul>\n"
        "    </div>\n  </div>\n</div>\n\n"
    )


def _flowchart(t: dict, page, flowchart: str) -> str:
    running = ""
    if page.active_numbers:
        running = (
            '<span class="fw-normal small text-body-secondary">&mdash;'
            f" {t['langkah_berjalan_disorot']}</span>"
        )
    return (
        '\n\n<div class="card shadow-sm mb-4">\n'
        f'  <div class="card-header bg-white fw-semibold">{t["bagan_alir"]} {running}</div>\n'
        f'  <div class="card-body overflow-auto flowchart">{flowchart}</div>\n</div>\n\n'
    )


# The Kepala's forms, in the page's order: (the context's form, look: id, border, summary's
# text class; the summary's label, the URL name, the note's label, the button: class, label).
FORM_CARDS = (
    (
        "suspend_form",
        ("suspend-process", "border-warning", "text-warning-emphasis"),
        "tangguhkan_pelaksanaan",
        "workflow:process_suspend",
        "selama_ditangguhkan",
        ("btn-warning", "tangguhkan"),
    ),
    (
        "revision_form",
        ("revise-process", "border-primary", "text-primary"),
        "mulai_perubahan_rkt",
        "workflow:process_revise",
        "rkt_tetap_berlaku",
        ("btn-primary", "mulai_perubahan_rkt"),
    ),
    (
        "cancel_form",
        ("cancel-process", "border-danger", "text-danger"),
        "batalkan_pelaksanaan",
        "workflow:process_cancel",
        "semua_tugas_ikut_dibatalkan",
        ("btn-danger", "batalkan_pelaksanaan"),
    ),
)


def _forms(t: dict, context: dict) -> str:
    process = context["process"]
    shown = {
        "suspend_form": context["may_suspend"] and not context["suspension"],
        "revision_form": bool(context["revision_form"]),
        "cancel_form": bool(context["cancel_form"]),
    }
    parts = ["\n"]
    for form, look, summary, url_name, note, (button_class, label) in FORM_CARDS:
        if shown[form]:
            url = remembered(url_name, process.pk)
            button = (button_class, t[label])
            parts.append(_form_card(context, context[form], look, t[summary], url, t[note], button))
        parts.append("\n")
    return "".join(parts)


def _form_card(context, form, look, summary, url, note, button) -> str:
    """One of the page's <details> forms: `look` (id, border, summary's text class),
    `button` (class, label)."""
    card_id, border, text = look
    button_class, button_label = button
    opened = " open" if form.errors else ""
    fields = fields_html(form)
    return (
        f'\n<details class="card shadow-sm {border} mb-4" id="{card_id}"{opened}>\n'
        f'  <summary class="card-header bg-white {text} fw-semibold">{summary}</summary>\n'
        '  <div class="card-body">\n'
        f'    <form method="post" action="{escaped(url)}">{csrf_input(context)}\n'
        f"      {form_errors_block(form)}\n      {fields}\n"
        f'      <p class="form-text">{note}</p>\n'
        f'      <button type="submit" class="btn {button_class}">{button_label}</button>\n'
        "    </form>\n  </div>\n</details>\n"
    )


# --- The print ------------------------------------------------------------------------------


def print_title(process) -> str:
    """The print's title block (HTML): `{{ process }} &middot; {% translate "Cetak" %}`."""
    return mark_safe(f"{escaped(str(process))} &middot; {page_words()['cetak']}")


def print_content(process, page, gantt: str, printed_on) -> str:
    """The content block of workflow/process_print.html."""
    t = page_words()
    back = _process_url(process)
    line = " &middot; ".join(
        (
            escaped(str(process.organization)),
            _status_text(t, process),
            f"{t['mulai']} {escaped(tanggal(process.start_date))}",
            f"{t['rencana_selesai']} {escaped(tanggal(process.planned_end))}",
            f"{t['dicetak']} {escaped(tanggal(printed_on))}",
        )
    )
    return (
        '\n<div class="print-page">\n'
        '<div class="d-flex flex-wrap align-items-center gap-2 mb-3 d-print-none">\n'
        f'  <a class="btn btn-outline-secondary btn-sm" href="{back}">'
        f'<i class="bi bi-arrow-left" aria-hidden="true"></i> {t["kembali_ke_proses"]}</a>\n'
        '  <button type="button" class="btn btn-primary btn-sm" data-erkt-print hidden>'
        f'<i class="bi bi-printer" aria-hidden="true"></i> {t["cetak_simpan_pdf"]}</button>\n'
        f'  <span class="small text-body-secondary">{t["atau_gunakan_menu_cetak"]}</span>\n'
        "</div>\n"
        f'<h1 class="h4 mb-1">{escaped(process.sop_version.judul)}'
        f" {escaped(process.year_label)}</h1>\n"
        f'<p class="small text-body-secondary mb-3">{line}</p>\n'
        f"{gantt_card(t, process.pk, gantt)}\n"
        f"{steps_card(t, page.runs)}\n"
        f"{history_card(t, page.history)}\n</div>\n"
    )
