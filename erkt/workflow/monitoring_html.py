"""The rows of Pemantauan's tables, written in Python (workflow/monitoring.html).

A row per open task, per late task, per step of the durations and per process of the
chooser: as template nodes they were two thirds of the page's time (a `{% with %}`, a few
`{% if %}`, variable lookups and filters per cell, per row). Here each label is translated
once per table and each row is one format_html call; every value goes through its
escaping, as `{{ }}` does. The whitespace is the templates' own, so the page is the same.
"""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from erkt.html_cells import labelled, whole_number
from erkt.html_rows import row as html_row
from erkt.url_cache import remembered
from erkt.workflow.deadlines import Deadline
from erkt.workflow.inbox import date_formatter
from erkt.workflow.models import Process, Task
from erkt.workflow.monitoring import Holder, Pass, StepDuration
from erkt.workflow.templatetags.workflow_tags import deadline_badge

HOLDER_HEAD = (
    '\n        <tbody data-holder="{}">\n          <tr class="table-secondary">'
    '\n            <th scope="rowgroup" colspan="5">\n              {}'
    '\n              <span class="fw-normal text-body-secondary">'
    "&middot; {} &middot; {}</span>"
    "\n            </th>\n          </tr>\n          "
)
HOLDER_ROW = (
    '\n          <tr class="{}" data-task="{}">'
    '\n            <td data-label="{l_task}"><a href="{}">{}. {}</a>{}{}</td>'
    '\n            <td data-label="{l_process}"><a href="{}">{}</a></td>'
    '\n            <td data-label="{l_unit}">{}</td>'
    '\n            <td data-label="{l_due}" class="text-nowrap">{}</td>'
    '\n            <td data-label="{l_left}" class="text-nowrap">{}</td>'
    "\n          </tr>\n          "
)


def _row_tone(task: Task) -> str:
    if task.deadline is None:
        return ""
    if task.deadline.is_late:
        return "table-danger"
    return "table-warning" if task.deadline.is_today else ""


def holder_rows(holders: list[Holder]) -> SafeString:
    """The `<tbody>` of each holder in the holders table, its tasks' rows in it."""
    template = labelled(
        HOLDER_ROW,
        l_task=_("Tugas"),
        l_process=pgettext("table column", "Proses"),
        l_unit=_("Unit kerja"),
        l_due=_("Batas waktu"),
        l_left=_("Sisa waktu"),
    )
    claimed = format_html(' <i class="bi bi-person-check" title="{}"></i>', _("Sudah diambil"))
    vacant = format_html('<i class="bi bi-person-dash"></i> {}', _("Jabatan kosong"))
    cells = _Cells()
    parts: list[str] = []
    written: dict[int, str] = {}
    for holder in holders:
        key, head = "vacant", vacant
        if holder.employee:
            key = holder.employee.pk
            head = format_html('<i class="bi bi-person"></i> {}', holder.name)
        count = len(holder.tasks)
        parts.append(
            format_html(
                HOLDER_HEAD,
                key,
                head,
                mark_safe(", ".join(conditional_escape(p) for p in holder.positions)),
                ngettext("%(counter)s tugas", "%(counter)s tugas", count)
                % {"counter": localize(count)},
            )
        )
        # An unclaimed task is listed under each holder of its jabatan: written once.
        for task in holder.tasks:
            if task.pk not in written:
                written[task.pk] = _holder_task_row(task, template, claimed, cells)
            parts.append(written[task.pk])
        parts.append("\n        </tbody>\n        ")
    return mark_safe("".join(parts))


class _Cells:
    """What several rows share, computed once a table: the date filter with its language,
    each process's name (str(Process) translates its revision label)."""

    def __init__(self) -> None:
        self.date = date_formatter()
        self._processes: dict[int, str] = {}
        self._badges: dict[Deadline | None, str] = {}

    def badge(self, deadline: Deadline | None) -> str:
        """deadline_badge(deadline), written once per distinct deadline (its text is an
        ngettext; the Kepala's fifty tasks share a few due dates)."""
        badge = self._badges.get(deadline)
        if badge is None:
            badge = self._badges[deadline] = deadline_badge(deadline)
        return badge

    def process(self, task: Task) -> str:
        name = self._processes.get(task.process_id)
        if name is None:
            name = self._processes[task.process_id] = str(task.process)
        return name


def _holder_task_row(task: Task, template: str, claimed: SafeString, cells: _Cells) -> str:
    step = task.step_run.step
    again = ""
    if task.pass_number > 1:
        again = format_html(
            ' <span class="badge text-bg-info">{}</span>',
            _("putaran %(n)s") % {"n": whole_number(task.pass_number)},
        )
    return html_row(
        template,
        _row_tone(task),
        task.pk,
        remembered("workflow:task", task.pk),
        whole_number(step.number),
        step.uraian,
        again,
        claimed if task.claimed_by_id else "",
        remembered("workflow:process", task.process_id),
        cells.process(task),
        task.unit.name if task.unit_id and task.unit.name else "-",
        cells.date(task.due_date),
        cells.badge(task.deadline),
    )


LATE_ROW = (
    '\n          <tr data-late-task="{}">'
    '\n            <td data-label="{l_late}" class="text-nowrap">{}</td>'
    '\n            <td data-label="{l_task}"><a href="{}">{}. {}</a></td>'
    '\n            <td data-label="{l_process}">{}</td>'
    '\n            <td data-label="{l_actor}">{}{}</td>'
    '\n            <td data-label="{l_due}" class="text-nowrap">{}</td>'
    "\n          </tr>\n        "
)


def late_rows(tasks: list[Task]) -> SafeString:
    """The rows of the late tasks' table."""
    template = labelled(
        LATE_ROW,
        l_late=_("Keterlambatan"),
        l_task=_("Tugas"),
        l_process=pgettext("table column", "Proses"),
        l_actor=_("Pelaksana"),
        l_due=_("Batas waktu"),
    )
    cells = _Cells()
    parts = []
    for task in tasks:
        step = task.step_run.step
        claimant = ""
        if task.claimed_by_id:
            claimant = format_html(
                '<div class="text-body-secondary"><i class="bi bi-person-check"></i> {}</div>',
                task.claimed_by.full_name,
            )
        parts.append(
            html_row(
                template,
                task.pk,
                cells.badge(task.deadline),
                remembered("workflow:task", task.pk),
                whole_number(step.number),
                step.uraian,
                cells.process(task),
                task.unit.name if task.unit_id else task.position.title,
                claimant,
                cells.date(task.due_date),
            )
        )
    return mark_safe("".join(parts))


DURATION_ROW = (
    '\n        <tr data-step="{}"{} class="{}">'
    '\n          <td data-label="{l_no}">{}</td>'
    '\n          <td data-label="{l_uraian}">{}</td>'
    '\n          <td data-label="{l_unit}">{}</td>'
    '\n          <td data-label="{l_waktu}" class="text-end">{}</td>'
    "\n          {}"
    '\n          <td data-label="{l_average}" class="text-end" data-average>{}</td>'
    '\n          <td data-label="{l_maximum}" class="text-end" data-maximum>{}</td>'
    '\n          <td data-label="{l_late}" class="text-end" data-late>{}</td>'
    "\n        </tr>\n      "
)
PASS_BADGE = (
    '\n            <span class="badge text-bg-{}" data-pass="{}" title="{} &ndash; {}">'
    "{}{}{}</span>"
    "\n            "
)


def _pass_badge(item: Pass, running: str, late: str, date) -> str:
    tone = "danger" if item.late else "success" if item.done else "primary"
    state = f" ({running})" if not item.done else f" ({late})" if item.late else ""
    suspended = ""
    if item.suspended_days:
        suspended = format_html(
            ' <span data-suspended="{}">{}</span>',
            item.suspended_days,
            _("+ %(n)s hari kerja ditangguhkan") % {"n": whole_number(item.suspended_days)},
        )
    text = _("putaran %(n)s: %(days)s hari kerja")
    return html_row(
        PASS_BADGE,
        tone,
        item.number,
        date(item.opened_on),
        date(item.completed_on) if item.done else running,
        text % {"n": whole_number(item.number), "days": whole_number(item.days)},
        state,
        suspended,
    )


def duration_rows(rows: list[StepDuration], show_passes: bool) -> SafeString:
    """The rows of a durations table (workflow/_durations.html): with each pass's badge
    (the chosen process) or the count of finished passes (the history)."""
    template = labelled(
        DURATION_ROW,
        l_no=pgettext("nomor urut", "No"),
        l_uraian=_("Uraian"),
        l_unit=_("Unit kerja"),
        l_waktu=_("Waktu (hari kerja)"),
        l_average=_("Rata-rata"),
        l_maximum=_("Maksimum"),
        l_late=_("Terlambat"),
    )
    passes_cell = labelled(
        '\n          <td data-label="{l_passes}">\n            {}\n          </td>\n          ',
        l_passes=_("Putaran"),
    )
    done_cell = labelled(
        '\n          <td data-label="{l_done}" class="text-end">{}</td>\n          ',
        l_done=_("Putaran selesai"),
    )
    running, late = _("berjalan"), _("terlambat")
    date = date_formatter()
    not_opened = format_html(
        '<span class="text-body-secondary">{}</span>\n            ', _("belum dibuka")
    )
    parts = []
    for row in rows:
        if show_passes:
            badges = [_pass_badge(item, running, late, date) for item in row.passes]
            passes = passes_cell.format("".join(badges) if badges else not_opened)
        else:
            passes = done_cell.format(whole_number(len(row.done_passes)))
        unit = format_html(' data-unit="{}"', row.unit.short_name) if row.unit else ""
        average, maximum, late_count = row.average, row.maximum, row.late_count
        number = whole_number(row.step.number)
        parts.append(
            html_row(
                template,
                number,
                unit,
                "table-danger" if late_count else "",
                number,
                row.step.uraian,
                row.unit.name if row.unit and row.unit.name else "-",
                whole_number(row.working_days),
                mark_safe(passes),
                floatformat(average, 1) if average is not None else "-",
                whole_number(maximum) if maximum is not None else "-",
                whole_number(late_count),
            )
        )
    return mark_safe("".join(parts))


def process_options(processes: list[Process], chosen: Process | None) -> SafeString:
    """The `<option>`s of the durations' process chooser."""
    chosen_pk = chosen.pk if chosen else None
    # get_status_display() per row, translated once.
    field = Process._meta.get_field("status")
    status_labels = {value: str(label) for value, label in field.flatchoices}
    return mark_safe(
        "".join(
            html_row(
                '<option value="{}"{}>{} ({})</option>',
                process.pk,
                " selected" if process.pk == chosen_pk else "",
                str(process),
                status_labels.get(process.status, process.status),
            )
            for process in processes
        )
    )
