"""The rows of the process page's step table and history, written in Python
(workflow/_process_steps.html and workflow/_process_history.html, also printed).

As template nodes a step row cost some thirty nodes (ifs, a with, filters, a tag) and a
history line as many: the page's largest share after its queries. Here each label is
translated once per table and each row is a few format_html calls; every value goes
through its escaping as `{{ }}` does, and the whitespace is the templates' own, so the
page is the same. Called from the templates (`{% step_rows %}`, `{% history_rows %}`),
so the dates are written in the organisation's time zone as before.
"""

from __future__ import annotations

from django.template.defaultfilters import time as time_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from erkt.html_cells import labelled, whole_number
from erkt.html_rows import escaped
from erkt.html_rows import row as html_row
from erkt.org.templatetags.indonesian import tanggal
from erkt.url_cache import remembered
from erkt.workflow.models import StepRun, Task
from erkt.workflow.pages import HistoryLine
from erkt.workflow.templatetags.workflow_tags import deadline_badge, status_tone, tanggal_singkat

# A step row: the labels ({l_...}) are baked in once per table (erkt.html_cells.labelled).
STEP_ROW = (
    '\n        <tr class="{active}" data-step="{number}">'
    '\n          <td data-label="{l_no}">{number}</td>'
    '\n          <td data-label="{l_uraian}">{uraian}\n            {units}\n            {planned}'
    "\n          </td>"
    '\n          <td data-label="{l_actor}">{actor}</td>'
    '\n          <td data-label="{l_planned_start}" class="text-nowrap">{planned_start}</td>'
    '\n          <td data-label="{l_planned_due}" class="text-nowrap">{planned_due}</td>'
    '\n          <td data-label="{l_opened}" class="text-nowrap">{opened}</td>'
    '\n          <td data-label="{l_due}" class="text-nowrap">{due}</td>'
    '\n          <td data-label="{l_completed}" class="text-nowrap">{completed}</td>'
    '\n          <td data-label="{l_passes}" class="text-center">{passes}</td>'
    '\n          <td data-label="{l_status}" class="text-nowrap">'
    '<span class="badge text-bg-{tone}">{status}</span> {badge}</td>'
    "\n        </tr>\n      "
)
UNIT_ITEM = '<li><i class="bi {}"></i> <a href="{}">{}</a></li>'
DONE_ICON = "bi-check-circle-fill text-success"
OPEN_ICON = "bi-circle text-body-secondary"


def _unit_list(run: StepRun) -> SafeString | str:
    """An active per-unit step's units, ticked when done."""
    if not (run.status == StepRun.Status.ACTIVE and run.step.per_unit):
        return ""
    items = "".join(
        format_html(
            UNIT_ITEM,
            DONE_ICON if task.status == Task.Status.DONE else OPEN_ICON,
            remembered("workflow:task", task.pk),
            task.unit.name if task.unit_id else "",
        )
        for task in run.current_tasks
    )
    return format_html(
        '\n            <ul class="list-unstyled small mb-0 mt-1">\n              {}'
        "\n            </ul>\n            ",
        mark_safe(items),
    )


def _planned(run: StepRun) -> SafeString | str:
    explanation = run.planned_explanation
    if not explanation:
        return ""
    # As {% blocktranslate %}: the value escaped, the translated sentence as it is.
    text = _("Rencana: %(explanation)s") % {"explanation": conditional_escape(explanation)}
    return format_html(
        '<div class="small text-body-secondary planned-explanation">{}</div>', mark_safe(text)
    )


def step_rows(runs: list[StepRun]) -> SafeString:
    """The rows of the step table, the active steps highlighted.

    Every text is escaped as `{{ }}` escapes it (erkt.html_rows.escaped); the numbers and
    dates (whole_number, tanggal_singkat: digits, month names, separators) and the badge
    tones have nothing to escape and go in as they are."""
    template = labelled(
        STEP_ROW,
        l_no=pgettext("nomor urut", "No"),
        l_uraian=_("Uraian"),
        l_actor=_("Pelaksana"),
        l_planned_start=_("Rencana mulai"),
        l_planned_due=_("Rencana selesai"),
        l_opened=_("Mulai"),
        l_due=_("Batas waktu"),
        l_completed=_("Selesai"),
        l_passes=_("Putaran"),
        l_status=_("Status"),
    )
    # run.get_status_display(), each label translated and escaped once per table.
    status_labels = {value: escaped(str(label)) for value, label in StepRun.Status.choices}
    parts = []
    for run in runs:
        step = run.step
        parts.append(
            template.format(
                active="table-primary" if run.status == StepRun.Status.ACTIVE else "",
                number=whole_number(run.number),
                uraian=escaped(step.uraian),
                units=escaped(_unit_list(run)),
                planned=escaped(_planned(run)),
                actor=escaped(step.actor.name if step.actor_id else ""),
                planned_start=tanggal_singkat(run.planned_start),
                planned_due=tanggal_singkat(run.planned_due),
                opened=tanggal_singkat(run.opened_on),
                due=tanggal_singkat(run.due_date),
                completed=tanggal_singkat(run.completed_at),
                passes=whole_number(run.passes),
                tone=status_tone(run.status),
                status=status_labels.get(run.status) or escaped(run.status),
                badge=escaped(deadline_badge(getattr(run, "deadline", None))),
            )
        )
    return mark_safe("".join(parts))


HISTORY_ROW = (
    "\n        <tr>"
    '\n          <td data-label="{}" class="text-nowrap">{}</td>'
    '\n          <td data-label="{}">{}{}</td>'
    '\n          <td data-label="{}">{}{}{}</td>'
    '\n          <td data-label="{}">\n            {}\n            {}'
    "\n          </td>"
    "\n        </tr>\n      "
)
PAPERCLIP = '<i class="bi bi-paperclip"></i> '


def _safe(template: str, *values) -> SafeString:
    """format_html(template, *values), cheaper (erkt.html_rows.row), for a cell's piece."""
    return SafeString(html_row(template, *values))


def _completion(line: HistoryLine, words: dict) -> SafeString | str:
    """What a completed task left: its decision, note and files; else a removed file."""
    task = line.task
    if line.entry.action != "task.complete":
        return _safe(PAPERCLIP + "{}", line.file_name) if line.file_name else ""
    decision = note = ""
    if task is not None and task.decision:
        tone = "success" if task.decision == Task.Decision.YA else "warning"
        label = words["decisions"].get(task.decision, task.decision)  # get_decision_display()
        decision = _safe('<span class="badge text-bg-{}">{}</span>', tone, label)
    if task is not None and task.note:
        note = _safe('<div class="text-break erkt-pre-line">{}</div>', task.note)
    files = "".join(
        html_row(
            '<div><i class="bi bi-paperclip"></i> <a href="{}">{}</a></div>',
            remembered("workflow:attachment", attachment.pk),
            attachment.original_name,
        )
        for attachment in line.attachments
    )
    return _safe(
        "\n              {}\n              {}\n              {}\n            ",
        decision,
        note,
        SafeString(files),
    )


def _reason(line: HistoryLine, words: dict) -> SafeString | str:
    completion = line.entry.action == "task.complete"
    if line.entry.reason and not completion:
        return _safe('<div class="text-break erkt-pre-line">{}</div>', line.entry.reason)
    if completion and line.task is not None and line.task.on_behalf_reason:
        return _safe(
            '<div class="text-body-secondary">{}: {}</div>',
            words["on_behalf"],
            line.task.on_behalf_reason,
        )
    return ""


def history_rows(history: list[HistoryLine]) -> SafeString:
    """The rows of the history table, newest first (a sentence when there is none)."""
    if not history:
        return format_html(
            '\n        <tr><td colspan="4" class="text-body-secondary">{}</td></tr>\n      ',
            _("Belum ada riwayat."),
        )
    l_when, l_who, l_action, l_note = _("Waktu"), _("Oleh"), _("Tindakan"), _("Keterangan")
    step_word = _("langkah")
    words = {
        "on_behalf": _("Atas nama pemegang tugas"),
        "decisions": {value: str(label) for value, label in Task.Decision.choices},
    }
    actions: dict[str, str] = {}  # each action's label (lazy) translated once per table
    parts = []
    for line in history:
        entry = line.entry
        position = ""
        if entry.position_repr:
            position = _safe('<div class="text-body-secondary">{}</div>', entry.position_repr)
        step = ""
        if line.step:
            step = _safe(" &middot; {} {}", step_word, whole_number(line.step.number))
        unit = ""
        if line.task is not None and line.task.unit_id:
            unit = _safe(" ({})", line.task.unit.short_name)
        action = actions.get(entry.action)
        if action is None:
            action = actions[entry.action] = str(line.action)
        parts.append(
            html_row(
                HISTORY_ROW,
                l_when,
                tanggal_singkat(entry.created_at),
                l_who,
                line.who or "-",
                position,
                l_action,
                action,
                step,
                unit,
                l_note,
                _completion(line, words),
                _reason(line, words),
            )
        )
    return mark_safe("".join(parts))


FACT = '\n        <dt class="col-5">{}</dt><dd class="col-7">{}</dd>'


def facts(process) -> SafeString:
    """The process card's terms (the <dl> of workflow/process.html), each value escaped as
    `{{ }}` escapes it; the filters (tanggal, time) called as the template called them."""
    version = process.sop_version.number
    link = html_row(
        '<a href="{}?versi={}">{} {}</a>',
        remembered("sop:detail", process.sop.code),
        version,
        _("versi"),
        version,
    )
    starter = process.started_by
    employee = getattr(starter, "employee", None)  # none: as the template's silent lookup
    parts = [
        html_row(FACT, _("SOP"), SafeString(link)),
        html_row(FACT, _("Tanggal mulai"), tanggal(process.start_date)),
        html_row(FACT, _("Rencana selesai"), tanggal(process.planned_end)),
        html_row(
            FACT,
            _("Dimulai oleh"),
            (employee.full_name if employee is not None else "") or starter.get_username(),
        ),
        "\n        ",
    ]
    if process.completed_at:
        done = process.completed_at
        parts.append(
            html_row(
                '<dt class="col-5">{}</dt><dd class="col-7">{} {}</dd>',
                _("Selesai"),
                tanggal(done),
                time_filter(template_localtime(done), "H:i"),
            )
        )
    return mark_safe("".join(parts))


OPEN_TASK = (
    '\n        <li class="list-group-item d-flex flex-wrap gap-2 align-items-center{}">'
    '\n          <a href="{}">{} {} &middot; {}</a>'
    "\n          {}"
    '\n          <span class="ms-auto">{}</span>'
    "\n        </li>\n      "
)
CLAIMANT = '<span class="small text-body-secondary"><i class="bi bi-person-check"></i> {}</span>'


def _doer(task: Task) -> str:
    """The task's unit, else its step's pelaksana."""
    if task.unit_id:
        return task.unit.name
    step = task.step_run.step
    return step.actor.name if step.actor_id else ""


def open_task_items(tasks: list[Task]) -> SafeString:
    """The process card's open tasks (a sentence when there is none), each escaped as
    `{{ }}` escapes it; without a deadline (a process not running) no badge."""
    if not tasks:
        return format_html(
            '\n        <li class="list-group-item text-body-secondary">{}</li>\n      ',
            _("Tidak ada tugas terbuka."),
        )
    step_word = _("Langkah")
    parts = []
    for task in tasks:
        deadline = getattr(task, "deadline", None)
        tone = ""
        if deadline is not None and deadline.is_late:
            tone = " list-group-item-danger"
        elif deadline is not None and deadline.is_today:
            tone = " list-group-item-warning"
        run = task.step_run
        claimant = _safe(CLAIMANT, task.claimed_by.full_name) if task.claimed_by_id else ""
        parts.append(
            html_row(
                OPEN_TASK,
                SafeString(tone),
                remembered("workflow:task", task.pk),
                step_word,
                whole_number(run.number),
                _doer(task),
                claimant,
                deadline_badge(deadline),
            )
        )
    return mark_safe("".join(parts))
