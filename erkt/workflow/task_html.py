"""The task page and the fragments htmx swaps, written in Python (the content of the
template workflow/task.html they replaced, kept beside erkt/workflow/tests/test_task_page_html.py
as former_task.html; its earlier outputs' loop beside test_task_html.py).

As template nodes the page's heading, cards, partials and forms cost some 2,500 Python calls
a visit more than these functions. Every text of the database is escaped; the labels (`t`,
TemplateLabels) and the translated literals are written as the template wrote them,
unescaped; the whitespace is the template's own, so the page and its fragments are the
same bytes.
"""

from __future__ import annotations

from django.template.defaultfilters import filesizeformat
from django.template.defaultfilters import time as time_filter
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from erkt.form_widgets import field_block, fields_html, form_errors_block
from erkt.html_rows import escaped
from erkt.org.navigation import csrf_input
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import per_language
from erkt.url_cache import remembered, remembered_for
from erkt.workflow.models import Task
from erkt.workflow.templatetags.workflow_tags import deadline_badge, status_tone, tanggal_singkat


def earlier_items(earlier: list) -> SafeString:
    """The former `{% for done in earlier %}` items of the task's "Kelengkapan": each done
    task's step, unit, output, completer and day, decision, files and note
    (erkt.workflow.pages.EarlierOutput)."""
    step_label = escaped(_("Langkah"))
    attachment_url = remembered_for("workflow:attachment")
    items = []
    for done in earlier:
        unit = f" &middot; {escaped(done.unit_short_name)}" if done.unit_id else ""
        decision = (
            f'<span class="badge text-bg-secondary">{escaped(done.decision_label)}</span>'
            if done.decision
            else ""
        )
        files = "".join(
            f'<div><i class="bi bi-paperclip"></i> <a href="{attachment_url(attachment.pk)}">'
            f"{escaped(attachment.original_name)}</a></div>"
            for attachment in done.files
        )
        note = (
            '<div class="text-body-secondary" style="white-space: pre-line">'
            f"{escaped(done.note)}</div>"
            if done.note
            else ""
        )
        items.append(
            '\n                <li class="mb-2">\n'
            f'                  <span class="fw-semibold">{step_label} {done.number}{unit}:</span>'
            f" {escaped(done.output)}\n"
            f'                  <span class="text-body-secondary">({escaped(done.completer)},'
            f" {escaped(tanggal(done.completed_at))})</span>\n"
            f"                  {decision}\n"
            f"                  {files}\n"
            f"                  {note}\n"
            "                </li>\n                "
        )
    return mark_safe("".join(items))


# --- The page --------------------------------------------------------------------------


def title(step) -> str:
    """The title block `{{ step.number }}. {{ step.uraian }}` (layout.page escapes it)."""
    return f"{step.number}. {step.uraian}"


def page_content(request, context: dict) -> str:
    """The content block: the breadcrumb and the inline partial `task_main`."""
    t, task, step = context["t"], context["task"], context["step"]
    inbox_url = escaped(remembered("workflow:inbox"))
    process_url = escaped(remembered("workflow:process", task.process_id))
    return (
        '\n<nav aria-label="breadcrumb"><ol class="breadcrumb">\n'
        f'  <li class="breadcrumb-item"><a href="{inbox_url}">{t["kotak_tugas"]}</a></li>\n'
        f'  <li class="breadcrumb-item"><a href="{process_url}">{escaped(str(task.process))}'
        "</a></li>\n"
        '  <li class="breadcrumb-item active" aria-current="page">'
        f"{t['langkah']} {step.number}</li>\n</ol></nav>\n"
        f"{task_main(request, context)}\n"
    )


def task_main(request, context: dict) -> str:
    """The partial `task_main` (htmx swaps it after a completion or a refused one)."""
    t, task, step = context["t"], context["task"], context["step"]
    return (
        '\n<div id="task-main">\n'
        f"  {_suspension(context)}\n"
        f"  {_error(context)}\n"
        f"  {_notice(request, context)}\n"
        '  <div class="d-flex flex-wrap align-items-center gap-2 mb-1">\n'
        f'    <h1 class="h3 mb-0">{t["langkah"]} {step.number}: {escaped(step.uraian)}</h1>\n'
        f'    <span class="badge text-bg-{status_tone(task.status)}" id="task-status">'
        f"{_status_text(task.status) or escaped(task.get_status_display())}</span>\n"
        f"    {_pass_badge(task)}\n  </div>\n"
        '  <p class="text-body-secondary mb-3">\n'
        f"    {_who_works(task, step)}\n  </p>\n"
        f"  {_return_reason(t, task)}\n"
        '  <div class="row g-4">\n    <div class="col-lg-7">\n'
        f"{_standard_card(t, context)}"
        f"      {attachments(request, context)}\n"
        '    </div>\n    <div class="col-lg-5">\n'
        f"      {_links_card(context)}\n"
        f"      {assignment(request, context)}\n"
        f"      {_complete_card(context)}\n"
        f"      {_withdraw_card(context)}\n"
        f"      {_withdrawn(t, task)}\n"
        "    </div>\n  </div>\n</div>\n"
    )


@per_language
def _statuses() -> dict[str, str]:
    """get_status_display() of each status, escaped (one lookup a visit)."""
    return {value: escaped(str(label)) for value, label in Task.Status.choices}


def _status_text(status: str) -> str:
    return _statuses().get(status, "")


def _suspension(context: dict) -> str:
    suspension = context["suspension"]
    if not suspension:
        return ""
    since = gettext("Ditangguhkan sejak %(since)s") % {
        "since": escaped(tanggal(suspension.started_on))
    }
    return (
        '<div class="alert alert-warning" id="suspension" role="status">'
        f'<i class="bi bi-pause-circle"></i> <strong>{since}</strong>:'
        f" {escaped(suspension.reason)}</div>"
    )


def _error(context: dict) -> str:
    error = context.get("error")
    if not error or context["complete_form"]:
        return ""
    return (
        '<div class="alert alert-danger" role="alert"><i class="bi bi-x-circle"></i>'
        f" {escaped(error)}</div>"
    )


def _notice(request, context: dict) -> str:
    notice = context.get("notice")
    if not notice:
        return ""
    inbox_url = escaped(remembered("workflow:inbox"))
    # The navigation's badges, swapped out of band: nav.html's partial, as the template
    # included it (after a completion only, so its template costs nothing on a visit).
    badges = render_to_string("nav.html#task_count", {"oob": True}, request) + render_to_string(
        "nav.html#task_count", {"oob": True, "badge_id": "nav-task-count-sm"}, request
    )
    return (
        '\n    <div class="alert alert-success" role="status"><i class="bi bi-check-circle"></i>'
        f" {escaped(notice)}\n"
        f'      <a class="alert-link ms-2" href="{inbox_url}">'
        f"{context['t']['kembali_ke_kotak_tugas']}</a></div>\n    {badges}\n  "
    )


def _pass_badge(task) -> str:
    if task.pass_number <= 1:
        return ""
    text = gettext("putaran %(n)s") % {"n": task.pass_number}
    return f'<span class="badge text-bg-info">{text}</span>'


def _who_works(task, step) -> str:
    unit = f" &middot; {escaped(task.unit.name)}" if task.unit else ""
    return f"{escaped(step.actor.name)}{unit} &middot; {escaped(task.position.title)}"


def _return_reason(t: dict, task) -> str:
    if not task.return_reason:
        return ""
    return (
        '\n  <div class="alert alert-warning"><strong>'
        f'<i class="bi bi-arrow-counterclockwise"></i> {t["catatan_koreksi"]}:</strong>\n'
        f'    <div style="white-space: pre-line">{escaped(task.return_reason)}</div></div>\n  '
    )


def _standard_card(t: dict, context: dict) -> str:
    """The "Mutu baku" card: kelengkapan with the earlier outputs, output, time, dates."""
    task, step, earlier = context["task"], context["step"], context["earlier"]
    earlier_list = ""
    if earlier:
        earlier_list = (
            '\n              <ul class="list-unstyled small mt-2 mb-0" id="earlier-outputs">\n'
            f"                {earlier_items(earlier)}\n              </ul>\n              "
        )
    days = context["working_days"]
    working = ngettext("%(n)s hari kerja", "%(n)s hari kerja", days) % {"n": days}
    explanation = task.due_explanation
    explained = (
        f'<div class="small text-body-secondary due-explanation">{escaped(explanation)}</div>'
        if explanation
        else ""
    )
    keterangan = ""
    if step.keterangan:
        keterangan = (
            f'<dt class="col-sm-4">{t["keterangan"]}</dt>'
            f'<dd class="col-sm-8">{escaped(step.keterangan)}</dd>'
        )
    return (
        '      <div class="card shadow-sm mb-4">\n'
        f'        <div class="card-header bg-white fw-semibold">{t["mutu_baku"]}</div>\n'
        '        <div class="card-body">\n          <dl class="row mb-0">\n'
        f'            <dt class="col-sm-4">{t["kelengkapan"]}</dt>\n'
        f'            <dd class="col-sm-8">{escaped(step.kelengkapan or "-")}\n'
        f"              {earlier_list}\n            </dd>\n"
        f'            <dt class="col-sm-4">{t["output"]}</dt>\n'
        f'            <dd class="col-sm-8">{escaped(step.output)}</dd>\n'
        f'            <dt class="col-sm-4">{t["waktu"]}</dt>\n'
        f'            <dd class="col-sm-8">{working}</dd>\n'
        f'            <dt class="col-sm-4">{t["dibuka"]}</dt>\n'
        f'            <dd class="col-sm-8">{escaped(tanggal(task.opened_on))}</dd>\n'
        f'            <dt class="col-sm-4">{t["batas_waktu"]}</dt>\n'
        '            <dd class="col-sm-8"><span class="fw-semibold">'
        f"{escaped(tanggal(task.due_date))}</span>"
        f" {deadline_badge(getattr(task, 'deadline', None))}\n"
        f"              {explained}</dd>\n"
        f"            {keterangan}\n"
        "          </dl>\n        </div>\n      </div>\n"
    )


def _links_card(context: dict) -> str:
    """The step's own pages (an app's action): the first a primary button."""
    links = context["links"]
    if not links:
        return ""
    output = gettext("Output: %(output)s") % {"output": escaped(context["step"].output)}
    buttons = "".join(
        f'<a class="btn {"btn-outline-primary" if index else "btn-primary"}"'
        f' href="{escaped(href)}">{escaped(label)}</a>'
        for index, (label, href) in enumerate(links)
    )
    return (
        '\n      <div class="card shadow-sm mb-4 border-primary" id="task-links">\n'
        f'        <div class="card-header bg-white fw-semibold">{output}</div>\n'
        '        <div class="card-body d-flex flex-wrap gap-2">\n'
        f"          {buttons}\n        </div>\n      </div>\n      "
    )


def _withdraw_card(context: dict) -> str:
    form = context["withdraw_form"]
    if not form:
        return ""
    t, task = context["t"], context["task"]
    url = escaped(remembered("workflow:task_withdraw", task.pk))
    opened = " open" if form.errors else ""
    return (
        f'\n      <details class="card border-warning mb-4" id="withdraw-task"{opened}>\n'
        '        <summary class="card-header bg-white text-warning-emphasis fw-semibold">'
        f'<i class="bi bi-arrow-counterclockwise"></i> {t["tarik_kembali"]}</summary>\n'
        '        <div class="card-body">\n'
        f'          <form method="post" action="{url}">{csrf_input(context)}\n'
        f"            {form_errors_block(form)}\n"
        f"            {fields_html(form)}\n"
        f'            <p class="form-text">{t["tugas_dibuka_kembali_selama"]}</p>\n'
        f'            <button type="submit" class="btn btn-warning">{t["tarik_kembali"]}</button>\n'
        "          </form>\n        </div>\n      </details>\n      "
    )


def _withdrawn(t: dict, task) -> str:
    if not task.withdraw_reason:
        return ""
    return (
        f'<div class="alert alert-warning small"><strong>{t["ditarik_kembali"]}:</strong>'
        f" {escaped(task.withdraw_reason)}</div>"
    )


def attachments(request, context: dict) -> str:
    """The partial `attachments`: supporting files (optional) or the step's output files."""
    t, files = context["t"], context["attachments"]
    listed = attachment_list(context)
    if context["supporting_files"]:
        opened = ""
        upload_form = context["upload_form"]
        if (
            files
            or context.get("attachments_notice")
            or context.get("attachments_error")
            or (upload_form and upload_form.errors)
        ):
            opened = " open"
        count = f" ({len(files)})" if files else ""
        card = (
            f'\n<details class="card mb-4 bg-body-tertiary" id="task-attachments"{opened}>\n'
            '  <summary class="card-header small text-body-secondary"><i class="bi bi-paperclip">'
            f"</i> {t['lampiran_pendukung_opsional']}{count}</summary>\n"
            '  <p class="small text-body-secondary px-3 pt-2 mb-2">'
            f"{t['output_langkah_ini_dicatat']}</p>\n"
            f"  {listed}\n</details>\n"
        )
    else:
        card = (
            '\n<div class="card shadow-sm mb-4" id="task-attachments">\n'
            f'  <div class="card-header bg-white fw-semibold">{t["lampiran"]}'
            ' <span class="fw-normal text-body-secondary small">&mdash;'
            f" {escaped(context['step'].output)}</span></div>\n"
            f"  {listed}\n</div>\n"
        )
    return f"\n{card}\n"


def attachment_list(context: dict) -> str:
    """The partial `attachment_list`: the files, then the upload form of who may complete."""
    t, task = context["t"], context["task"]
    items = "".join(_attachment_item(attachment) for attachment in context["attachments"])
    if not items:
        none = t["belum_ada_berkas"]
        items = f'\n    <li class="list-group-item text-body-secondary">{none}</li>\n    '
    upload_form = context["upload_form"]
    error = context.get("attachments_error")
    refused = ""
    if error and not upload_form:
        refused = (
            '<div class="card-body border-top"><div class="alert alert-danger py-2 mb-0"'
            f' role="alert"><i class="bi bi-x-circle"></i> {escaped(error)}</div></div>'
        )
    upload = ""
    if upload_form:
        notice = context.get("attachments_notice")
        noticed = ""
        if notice:
            noticed = (
                '<div class="alert alert-success py-2" role="status">'
                f'<i class="bi bi-check-circle"></i> {escaped(notice)}</div>'
            )
        url = escaped(remembered("workflow:task_upload", task.pk))
        upload = (
            '\n  <div class="card-body border-top">\n'
            f"    {noticed}\n"
            f'    <form method="post" action="{url}" enctype="multipart/form-data"\n'
            f'          hx-post="{url}" hx-encoding="multipart/form-data"\n'
            '          hx-target="#task-attachments" hx-swap="outerHTML">'
            f"{csrf_input(context)}\n"
            f"      {form_errors_block(upload_form)}\n"
            f"      {fields_html(upload_form)}\n"
            '      <button type="submit" class="btn btn-outline-primary">'
            f'<i class="bi bi-upload"></i> {t["unggah"]}</button>\n'
            "    </form>\n  </div>\n  "
        )
    return (
        '\n  <ul class="list-group list-group-flush">\n    '
        f"{items}\n  </ul>\n  {refused}\n  {upload}\n"
    )


def _attachment_item(attachment) -> str:
    url = escaped(remembered("workflow:attachment", attachment.pk))
    size = escaped(filesizeformat(attachment.size))
    when = escaped(tanggal_singkat(attachment.uploaded_at))
    return (
        '\n    <li class="list-group-item d-flex flex-wrap gap-2">\n'
        '      <i class="bi bi-paperclip"></i>\n'
        f'      <a href="{url}">{escaped(attachment.original_name)}</a>\n'
        '      <span class="small text-body-secondary ms-auto">'
        f"{size} &middot; {escaped(_name_of(attachment.uploaded_by))} &middot; {when}</span>\n"
        "    </li>\n    "
    )


def _name_of(user) -> str:
    """`{{ user.employee.full_name|default:user.get_username }}` (no employee: the username)."""
    employee = getattr(user, "employee", None)  # none: as the template's silent lookup
    return (employee.full_name if employee is not None else "") or user.get_username()


def assignment(request, context: dict) -> str:
    """The partial `assignment`: who holds the task, claim, release and reassign."""
    t, task, access = context["t"], context["task"], context["access"]
    notice, error = context.get("assignment_notice"), context.get("assignment_error")
    noticed = refused = ""
    if notice:
        noticed = (
            '<div class="alert alert-success py-2" role="status">'
            f'<i class="bi bi-check-circle"></i> {escaped(notice)}</div>'
        )
    if error:
        refused = (
            '<div class="alert alert-danger py-2" role="alert">'
            f'<i class="bi bi-x-circle"></i> {escaped(error)}</div>'
        )
    claim = unclaim = ""
    if access.may_claim:
        claim = _assignment_button(
            context, "workflow:task_claim", "btn-outline-primary", "bi-hand-index", t["ambil_tugas"]
        )
    if access.may_unclaim:
        unclaim = _assignment_button(
            context,
            "workflow:task_unclaim",
            "btn-outline-secondary",
            "bi-box-arrow-left",
            t["lepaskan_tugas"],
        )
    return (
        '\n<div class="card shadow-sm mb-4" id="task-assignment">\n'
        f'  <div class="card-header bg-white fw-semibold">{t["pemegang_tugas"]}</div>\n'
        '  <div class="card-body">\n'
        f"    {noticed}\n    {refused}\n    {_holder(t, task, access)}\n"
        f'    <div class="d-flex flex-wrap gap-2">\n    {claim}\n    {unclaim}\n    </div>\n'
        f"    {_reassign(context)}\n  </div>\n</div>\n"
    )


def _holder(t: dict, task, access) -> str:
    if task.status == "done":
        acting = ""
        kind = ""
        if task.completed_acting_kind:
            kind = f"{escaped(task.get_completed_acting_kind_display())} "
            acting = " " + gettext("atas nama %(holder)s") % {"holder": escaped(task.completed_for)}
        at = task.completed_at
        at_time = time_filter(template_localtime(at), "H:i")
        return (
            '\n      <p class="mb-0">'
            f"{t['diselesaikan_oleh']} <strong>{kind}{escaped(_name_of(task.completed_by))}"
            f"</strong>{acting}, {escaped(tanggal(at))} {escaped(at_time)}.</p>\n    "
        )
    if task.claimed_by:
        return (
            '\n      <p class="mb-2"><i class="bi bi-person-check"></i>'
            f" {t['dikerjakan_oleh']} <strong>{escaped(task.claimed_by.full_name)}</strong>."
            "</p>\n    "
        )
    names = ", ".join(escaped(employee.full_name) for employee in access.eligible) or "-"
    return f'\n      <p class="mb-2">{t["dapat_dikerjakan_oleh"]}: {names}</p>\n    '


def _assignment_button(context: dict, url_name: str, tone: str, icon: str, label: str) -> str:
    url = escaped(remembered(url_name, context["task"].pk))
    return (
        f'\n      <form method="post" action="{url}" hx-post="{url}" hx-target="#task-assignment"'
        f' hx-swap="outerHTML">{csrf_input(context)}\n'
        f'        <button type="submit" class="btn {tone} btn-sm"><i class="bi {icon}"></i>'
        f" {label}</button>\n      </form>\n    "
    )


def _reassign(context: dict) -> str:
    form = context["reassign_form"]
    if not form:
        return ""
    url = escaped(remembered("workflow:task_reassign", context["task"].pk))
    # Not kept: the select's options are the task's eligible employees.
    fields = "".join(field_block(field) for field in form)
    return (
        f'\n    <form class="mt-3 pt-3 border-top" method="post" action="{url}" hx-post="{url}"'
        f' hx-target="#task-assignment" hx-swap="outerHTML">{csrf_input(context)}\n'
        f"      {fields}\n"
        '      <button type="submit" class="btn btn-outline-primary btn-sm">'
        f'<i class="bi bi-arrow-left-right"></i> {context["t"]["alihkan"]}</button>\n'
        "    </form>\n    "
    )


def _complete_card(context: dict) -> str:
    """The partial `complete`: the completion form, the result of a done task, or why not."""
    return (
        f'\n<div class="card shadow-sm mb-4" id="task-complete">\n  {_completion(context)}\n'
        "</div>\n"
    )


def _completion(context: dict) -> str:
    t, task, form = context["t"], context["task"], context["complete_form"]
    if form:
        return _complete_form(context)
    if task.status == "done":
        decision = ""
        if task.decision:
            tone = "success" if task.decision == "ya" else "warning"
            decision = (
                f'<p class="mb-2">{t["keputusan"]}: <span class="badge text-bg-{tone}">'
                f"{escaped(task.get_decision_display())}</span></p>"
            )
        if task.note:
            note = f'<p class="mb-2" style="white-space: pre-line">{escaped(task.note)}</p>'
        else:
            note = f'<p class="text-body-secondary mb-2">{t["tanpa_catatan"]}</p>'
        behalf = ""
        if task.on_behalf_reason:
            behalf = (
                '<p class="small text-body-secondary mb-0">'
                f"{t['diselesaikan_administrator_atas_nama']}: {escaped(task.on_behalf_reason)}</p>"
            )
        return (
            f'\n  <div class="card-header bg-white fw-semibold">{t["hasil"]}</div>\n'
            '  <div class="card-body">\n'
            f"    {decision}\n    {note}\n    {behalf}\n  </div>\n  "
        )
    if task.status == "cancelled":
        why = f"{t['tugas_ini_dibatalkan']}\n    "
    elif task.claimed_by:
        why = (
            gettext("Tugas ini sedang dikerjakan oleh %(name)s.")
            % {"name": escaped(task.claimed_by.full_name)}
            + "\n    "
        )
    else:
        why = t["anda_hanya_dapat_melihat"]
    return f'\n  <div class="card-body text-body-secondary">\n    {why}\n  </div>\n  '


def _complete_form(context: dict) -> str:
    t, task, step, form = context["t"], context["task"], context["step"], context["complete_form"]
    url = escaped(remembered("workflow:task_complete", task.pk))
    upload_first = ""
    if context["needs_file"] and not step.is_decision:
        upload_first = (
            '<p class="form-text">'
            + gettext('Unggah dulu output "%(output)s" di bagian Lampiran.')
            % {"output": escaped(step.output)}
            + "</p>"
        )
    return (
        '\n  <div class="card-header bg-primary text-white fw-semibold">'
        f"{t['selesaikan_tugas']}</div>\n"
        '  <div class="card-body">\n'
        f'    <form method="post" action="{url}" hx-post="{url}" hx-target="#task-main"'
        f' hx-swap="outerHTML">{csrf_input(context)}\n'
        f"      {form_errors_block(form)}\n"
        f"      {_decision(step, form)}\n"
        f"      {fields_html(form, skip='decision')}\n"
        f"      {upload_first}\n"
        '      <button type="submit" class="btn btn-primary"><i class="bi bi-check2-circle"></i>'
        f" {t['selesaikan_tugas']}</button>\n    </form>\n  </div>\n  "
    )


def _decision(step, form) -> str:
    """The decision's radios ("ya"/"tidak") with where each leads."""
    if "decision" not in form.fields:
        return ""
    field = form["decision"]
    if not field:
        return ""
    radios = "".join(
        '\n        <div class="form-check form-check-inline">\n'
        '          <input class="form-check-input" type="radio"'
        f' name="{escaped(field.html_name)}" id="{escaped(radio.id_for_label)}"'
        f' value="{escaped(radio.data["value"])}"{" checked" if radio.data["selected"] else ""}>\n'
        f'          <label class="form-check-label" for="{escaped(radio.id_for_label)}">'
        f"{escaped(radio.choice_label)}</label>\n        </div>\n        "
        for radio in field
    )
    leads = gettext(
        "Ya: lanjut ke langkah %(yes)s. Tidak: kembali ke langkah %(no)s, tuliskan koreksinya "
        "di catatan."
    ) % {"yes": step.yes_step, "no": step.no_step}
    return (
        '\n      <fieldset class="mb-3">\n'
        f'        <legend class="form-label fs-6 mb-1">{escaped(field.label)}</legend>\n'
        f"        {radios}\n"
        f'        <div class="form-text">{leads}</div>\n'
        "      </fieldset>\n      "
    )


FRAGMENTS = {"task_main": task_main, "attachments": attachments, "assignment": assignment}
