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

from erkt.html_rows import row as html_row
from erkt.org.templatetags.indonesian import tanggal
from erkt.url_cache import remembered
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
    '\n            <td data-label="{}"><a href="{}">{}. {}</a>{}{}</td>'
    '\n            <td data-label="{}"><a href="{}">{}</a></td>'
    '\n            <td data-label="{}">{}</td>'
    '\n            <td data-label="{}" class="text-nowrap">{}</td>'
    '\n            <td data-label="{}" class="text-nowrap">{}</td>'
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
    l_task, l_process = _("Tugas"), pgettext("table column", "Proses")
    l_unit, l_due, l_left = _("Unit kerja"), _("Batas waktu"), _("Sisa waktu")
    claimed = format_html(' <i class="bi bi-person-check" title="{}"></i>', _("Sudah diambil"))
    vacant = format_html('<i class="bi bi-person-dash"></i> {}', _("Jabatan kosong"))
    labels = (l_task, l_process, l_unit, l_due, l_left)
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
                written[task.pk] = _holder_task_row(task, labels, claimed)
            parts.append(written[task.pk])
        parts.append("\n        </tbody>\n        ")
    return mark_safe("".join(parts))


def _holder_task_row(task: Task, labels: tuple[str, ...], claimed: SafeString) -> str:
    l_task, l_process, l_unit, l_due, l_left = labels
    step = task.step_run.step
    again = ""
    if task.pass_number > 1:
        again = format_html(
            ' <span class="badge text-bg-info">{}</span>',
            _("putaran %(n)s") % {"n": localize(task.pass_number)},
        )
    return html_row(
        HOLDER_ROW,
        _row_tone(task),
        task.pk,
        l_task,
        remembered("workflow:task", task.pk),
        localize(step.number),
        step.uraian,
        again,
        claimed if task.claimed_by_id else "",
        l_process,
        remembered("workflow:process", task.process_id),
        str(task.process),
        l_unit,
        task.unit.name if task.unit_id and task.unit.name else "-",
        l_due,
        tanggal(task.due_date),
        l_left,
        deadline_badge(task.deadline),
    )


LATE_ROW = (
    '\n          <tr data-late-task="{}">'
    '\n            <td data-label="{}" class="text-nowrap">{}</td>'
    '\n            <td data-label="{}"><a href="{}">{}. {}</a></td>'
    '\n            <td data-label="{}">{}</td>'
    '\n            <td data-label="{}">{}{}</td>'
    '\n            <td data-label="{}" class="text-nowrap">{}</td>'
    "\n          </tr>\n        "
)


def late_rows(tasks: list[Task]) -> SafeString:
    """The rows of the late tasks' table."""
    l_late, l_task = _("Keterlambatan"), _("Tugas")
    l_process, l_actor, l_due = pgettext("table column", "Proses"), _("Pelaksana"), _("Batas waktu")
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
                LATE_ROW,
                task.pk,
                l_late,
                deadline_badge(task.deadline),
                l_task,
                remembered("workflow:task", task.pk),
                localize(step.number),
                step.uraian,
                l_process,
                str(task.process),
                l_actor,
                task.unit.name if task.unit_id else task.position.title,
                claimant,
                l_due,
                tanggal(task.due_date),
            )
        )
    return mark_safe("".join(parts))


DURATION_ROW = (
    '\n        <tr data-step="{}"{} class="{}">'
    '\n          <td data-label="{}">{}</td>'
    '\n          <td data-label="{}">{}</td>'
    '\n          <td data-label="{}">{}</td>'
    '\n          <td data-label="{}" class="text-end">{}</td>'
    "\n          {}"
    '\n          <td data-label="{}" class="text-end" data-average>{}</td>'
    '\n          <td data-label="{}" class="text-end" data-maximum>{}</td>'
    '\n          <td data-label="{}" class="text-end" data-late>{}</td>'
    "\n        </tr>\n      "
)
PASS_BADGE = (
    '\n            <span class="badge text-bg-{}" data-pass="{}" title="{} &ndash; {}">'
    "{}{}{}</span>"
    "\n            "
)


def _pass_badge(item: Pass, running: str, late: str) -> SafeString:
    tone = "danger" if item.late else "success" if item.done else "primary"
    state = f" ({running})" if not item.done else f" ({late})" if item.late else ""
    suspended = ""
    if item.suspended_days:
        suspended = format_html(
            ' <span data-suspended="{}">{}</span>',
            item.suspended_days,
            _("+ %(n)s hari kerja ditangguhkan") % {"n": localize(item.suspended_days)},
        )
    text = _("putaran %(n)s: %(days)s hari kerja")
    return format_html(
        PASS_BADGE,
        tone,
        item.number,
        tanggal(item.opened_on),
        tanggal(item.completed_on) if item.done else running,
        text % {"n": localize(item.number), "days": localize(item.days)},
        state,
        suspended,
    )


def duration_rows(rows: list[StepDuration], show_passes: bool) -> SafeString:
    """The rows of a durations table (workflow/_durations.html): with each pass's badge
    (the chosen process) or the count of finished passes (the history)."""
    l_no, l_uraian, l_unit = pgettext("nomor urut", "No"), _("Uraian"), _("Unit kerja")
    l_waktu, l_passes, l_done = _("Waktu (hari kerja)"), _("Putaran"), _("Putaran selesai")
    l_average, l_maximum, l_late = _("Rata-rata"), _("Maksimum"), _("Terlambat")
    running, late = _("berjalan"), _("terlambat")
    not_opened = format_html(
        '<span class="text-body-secondary">{}</span>\n            ', _("belum dibuka")
    )
    parts = []
    for row in rows:
        if show_passes:
            badges = [_pass_badge(item, running, late) for item in row.passes] or [not_opened]
            passes = format_html(
                '\n          <td data-label="{}">\n            {}\n          </td>\n          ',
                l_passes,
                mark_safe("".join(badges)),
            )
        else:
            passes = format_html(
                '\n          <td data-label="{}" class="text-end">{}</td>\n          ',
                l_done,
                localize(len(row.done_passes)),
            )
        unit = format_html(' data-unit="{}"', row.unit.short_name) if row.unit else ""
        average, maximum = row.average, row.maximum
        parts.append(
            html_row(
                DURATION_ROW,
                localize(row.step.number),
                unit,
                "table-danger" if row.late_count else "",
                l_no,
                localize(row.step.number),
                l_uraian,
                row.step.uraian,
                l_unit,
                row.unit.name if row.unit and row.unit.name else "-",
                l_waktu,
                localize(row.working_days),
                passes,
                l_average,
                floatformat(average, 1) if average is not None else "-",
                l_maximum,
                localize(maximum) if maximum is not None else "-",
                l_late,
                localize(row.late_count),
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
