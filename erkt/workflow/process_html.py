"""The rows of the process page's step table and history, written in Python (the
former workflow/_process_steps.html and _process_history.html, also printed).

As template nodes a step row cost some thirty nodes (ifs, a with, filters, a tag) and a
history line as many: the page's largest share after its queries. Here each label is
translated once per table and each row is a few format_html calls; every value goes
through its escaping as `{{ }}` does, and the whitespace is the templates' own, so the
page is the same. Called by erkt.workflow.process_page_html (and by `{% step_rows %}`,
`{% history_rows %}` in the former templates kept beside the tests) in the organisation's
time zone, so the dates are written in it as before.
"""

from __future__ import annotations

from django.template.defaultfilters import time as time_filter
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from erkt.html_cells import labelled, whole_number
from erkt.html_rows import escaped
from erkt.html_rows import row as html_row
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import Kept, per_language
from erkt.url_cache import remembered
from erkt.workflow.deadlines import span_text
from erkt.workflow.models import StepRun, Task
from erkt.workflow.pages import ACTION_LABELS, HistoryLine
from erkt.workflow.templatetags.workflow_tags import (
    BULAN_SINGKAT,
    deadline_badge,
    status_tone,
    tanggal_singkat,
)

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


def _unit_list(run: StepRun) -> str:
    """An active per-unit step's units, ticked when done."""
    if not (run.status == StepRun.Status.ACTIVE and run.step.per_unit):
        return ""
    items = "".join(
        html_row(
            UNIT_ITEM,
            DONE_ICON if task.status == Task.Status.DONE else OPEN_ICON,
            remembered("workflow:task", task.pk),
            task.unit.name if task.unit_id else "",
        )
        for task in run.current_tasks
    )
    return (
        '\n            <ul class="list-unstyled small mb-0 mt-1">\n              '
        f"{items}\n            </ul>\n            "
    )


def _planned(run: StepRun, sentence: str, language: str) -> str:
    """The planned due date's explanation (run.planned_explanation in `language`, the
    active one) in `sentence` ("Rencana: %(explanation)s", translated): the value escaped,
    the translated sentence as it is (as {% blocktranslate %})."""
    calendar = run.process.working_calendar
    explanation = span_text(calendar, run.planned_start, run.planned_due, language)
    if not explanation:
        return ""
    text = sentence % {"explanation": escaped(explanation)}
    return f'<div class="small text-body-secondary planned-explanation">{text}</div>'


@per_language
def step_row_words() -> tuple[str, dict[str, str], str]:
    """The step row with its labels baked in, the escaped status labels (as
    run.get_status_display()) and the planned sentence, translated once per language."""
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
    status_labels = {value: escaped(str(label)) for value, label in StepRun.Status.choices}
    return template, status_labels, _("Rencana: %(explanation)s")


def step_rows(runs: list[StepRun]) -> SafeString:
    """The rows of the step table, the active steps highlighted.

    Every text is escaped as `{{ }}` escapes it (erkt.html_rows.escaped); the numbers and
    dates (whole_number, tanggal_singkat: digits, month names, separators) and the badge
    tones have nothing to escape and go in as they are."""
    template, status_labels, sentence = step_row_words()
    zone, language = get_current_timezone(), get_language()
    parts = []
    for run in runs:
        step = run.step
        parts.append(
            template.format(
                active="table-primary" if run.status == StepRun.Status.ACTIVE else "",
                number=whole_number(run.number),
                uraian=escaped(step.uraian),
                units=_unit_list(run),
                planned=_planned(run, sentence, language),
                actor=escaped(step.actor.name if step.actor_id else ""),
                planned_start=tanggal_singkat(run.planned_start),
                planned_due=tanggal_singkat(run.planned_due),
                opened=tanggal_singkat(run.opened_on),
                due=tanggal_singkat(run.due_date),
                completed=_when(run.completed_at, zone),
                passes=whole_number(run.passes),
                tone=status_tone(run.status),
                status=status_labels.get(run.status) or escaped(run.status),
                badge=badge_of(getattr(run, "deadline", None)),
            )
        )
    return mark_safe("".join(parts))


_badges = Kept()


def badge_of(deadline) -> str:
    """deadline_badge(deadline) as plain str, kept per language and what it shows (whether
    late or due today, the days): a badge's ngettext and escaping cost some hundred calls."""
    if deadline is None:
        return "\n"
    key = (deadline.is_late, deadline.is_today, deadline.days)
    return _badges.get(key, lambda: str(deadline_badge(deadline)))


# A history row: the labels ({l_...}) are baked in once per language (history_words).
HISTORY_ROW = (
    "\n        <tr>"
    '\n          <td data-label="{l_when}" class="text-nowrap">{when}</td>'
    '\n          <td data-label="{l_who}">{who}{position}</td>'
    '\n          <td data-label="{l_action}">{action}{step}{unit}</td>'
    '\n          <td data-label="{l_note}">\n            {completion}\n            {reason}'
    "\n          </td>"
    "\n        </tr>\n      "
)
PAPERCLIP = '<i class="bi bi-paperclip"></i> '


def _completion(line: HistoryLine, words: dict) -> str:
    """What a completed task left: its decision, note and files; else a removed file
    (markup, its texts escaped)."""
    task = line.task
    if line.entry.action != "task.complete":
        return html_row(PAPERCLIP + "{}", line.file_name) if line.file_name else ""
    decision = note = ""
    if task is not None and task.decision:
        tone = "success" if task.decision == Task.Decision.YA else "warning"
        label = words["decisions"].get(task.decision, task.decision)  # get_decision_display()
        decision = html_row('<span class="badge text-bg-{}">{}</span>', tone, label)
    if task is not None and task.note:
        note = html_row('<div class="text-break erkt-pre-line">{}</div>', task.note)
    files = "".join(
        html_row(
            '<div><i class="bi bi-paperclip"></i> <a href="{}">{}</a></div>',
            remembered("workflow:attachment", attachment.pk),
            attachment.original_name,
        )
        for attachment in line.attachments
    )
    return f"\n              {decision}\n              {note}\n              {files}\n            "


def _reason(line: HistoryLine, words: dict) -> str:
    """The entry's reason, or a completion's on-behalf reason (markup, texts escaped)."""
    completion = line.entry.action == "task.complete"
    if line.entry.reason and not completion:
        return html_row('<div class="text-break erkt-pre-line">{}</div>', line.entry.reason)
    if completion and line.task is not None and line.task.on_behalf_reason:
        return html_row(
            '<div class="text-body-secondary">{}: {}</div>',
            words["on_behalf"],
            line.task.on_behalf_reason,
        )
    return ""


@per_language
def history_words() -> dict:
    """The history row with its labels baked in, and the words of its cells (decisions and
    ACTION_LABELS escaped or as get_decision_display() gives them), translated once per
    language."""
    return {
        "row": labelled(
            HISTORY_ROW,
            l_when=_("Waktu"),
            l_who=_("Oleh"),
            l_action=_("Tindakan"),
            l_note=_("Keterangan"),
        ),
        "step": escaped(_("langkah")),
        "on_behalf": _("Atas nama pemegang tugas"),
        "decisions": {value: str(label) for value, label in Task.Decision.choices},
        "actions": {action: escaped(str(label)) for action, label in ACTION_LABELS.items()},
    }


def _when(value, zone) -> str:
    """tanggal_singkat(value) of an aware datetime, its zone looked up once per table."""
    if value is None or value.tzinfo is None:
        return tanggal_singkat(value)
    local = value.astimezone(zone)
    return f"{local.day} {BULAN_SINGKAT[local.month - 1]} {local.year} {local:%H:%M}"


def history_rows(history: list[HistoryLine]) -> SafeString:
    """The rows of the history table, newest first (a sentence when there is none).

    Every text is escaped as `{{ }}` escapes it (erkt.html_rows.escaped); the cells' pieces
    of markup (position, step, unit, completion, reason) are written here, their texts
    escaped, and go in as they are."""
    if not history:
        return format_html(
            '\n        <tr><td colspan="4" class="text-body-secondary">{}</td></tr>\n      ',
            _("Belum ada riwayat."),
        )
    words = history_words()
    template, step_word, actions = words["row"], words["step"], words["actions"]
    zone = get_current_timezone()
    parts = []
    for line in history:
        entry = line.entry
        position = ""
        if entry.position_repr:
            position = f'<div class="text-body-secondary">{escaped(entry.position_repr)}</div>'
        step = ""
        if line.step:
            step = f" &middot; {step_word} {whole_number(line.step.number)}"
        unit = ""
        if line.task is not None and line.task.unit_id:
            unit = f" ({escaped(line.task.unit.short_name)})"
        action = actions.get(entry.action)
        if action is None:  # an action without a label: shown as it is
            action = escaped(line.action)
        parts.append(
            template.format(
                when=_when(entry.created_at, zone),
                who=escaped(entry.who or "-"),
                position=position,
                action=action,
                step=step,
                unit=unit,
                completion=_completion(line, words),
                reason=_reason(line, words),
            )
        )
    return mark_safe("".join(parts))


FACT = '\n        <dt class="col-5">{}</dt><dd class="col-7">{}</dd>'


@per_language
def fact_words() -> dict[str, str]:
    """The process card's terms, translated once per language."""
    return {
        "sop": _("SOP"),
        "versi": _("versi"),
        "start": _("Tanggal mulai"),
        "planned_end": _("Rencana selesai"),
        "started_by": _("Dimulai oleh"),
        "completed": _("Selesai"),
    }


def facts(process) -> SafeString:
    """The process card's terms (the <dl> of the former workflow/process.html), each value
    escaped as `{{ }}` escapes it; the filters (tanggal, time) called as the template called
    them."""
    words = fact_words()
    version = process.sop_version.number
    link = html_row(
        '<a href="{}?versi={}">{} {}</a>',
        remembered("sop:detail", process.sop.code),
        version,
        words["versi"],
        version,
    )
    starter = process.started_by
    employee = getattr(starter, "employee", None)  # none: as the template's silent lookup
    parts = [
        html_row(FACT, words["sop"], SafeString(link)),
        html_row(FACT, words["start"], tanggal(process.start_date)),
        html_row(FACT, words["planned_end"], tanggal(process.planned_end)),
        html_row(
            FACT,
            words["started_by"],
            (employee.full_name if employee is not None else "") or starter.get_username(),
        ),
        "\n        ",
    ]
    if process.completed_at:
        done = process.completed_at
        parts.append(
            html_row(
                '<dt class="col-5">{}</dt><dd class="col-7">{} {}</dd>',
                words["completed"],
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


@per_language
def no_open_task_item() -> SafeString:
    return format_html(
        '\n        <li class="list-group-item text-body-secondary">{}</li>\n      ',
        _("Tidak ada tugas terbuka."),
    )


@per_language
def open_task_step_word() -> str:
    return _("Langkah")


def open_task_items(tasks: list[Task]) -> SafeString:
    """The process card's open tasks (a sentence when there is none), each escaped as
    `{{ }}` escapes it; without a deadline (a process not running) no badge."""
    if not tasks:
        return no_open_task_item()
    step_word = open_task_step_word()
    parts = []
    for task in tasks:
        deadline = getattr(task, "deadline", None)
        tone = ""
        if deadline is not None and deadline.is_late:
            tone = " list-group-item-danger"
        elif deadline is not None and deadline.is_today:
            tone = " list-group-item-warning"
        run = task.step_run
        claimant = ""
        if task.claimed_by_id:
            claimant = SafeString(html_row(CLAIMANT, task.claimed_by.full_name))
        parts.append(
            html_row(
                OPEN_TASK,
                SafeString(tone),
                remembered("workflow:task", task.pk),
                step_word,
                whole_number(run.number),
                _doer(task),
                claimant,
                SafeString(badge_of(deadline)),
            )
        )
    return mark_safe("".join(parts))
