"""The rows of Pemantauan's tables, written in Python (workflow/monitoring.html).

A row per open task, per late task, per step of the durations and per process of the
chooser: as template nodes they were two thirds of the page's time (a `{% with %}`, a few
`{% if %}`, variable lookups and filters per cell, per row). Here each label is translated
once per table and each row is one format_html call; every value goes through its
escaping, as `{{ }}` does. The whitespace is the templates' own, so the page is the same.
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from erkt.html_cells import Converted, labelled, whole_number
from erkt.html_rows import escaped, escaped_text
from erkt.per_language import per_language
from erkt.url_cache import remembered
from erkt.workflow.deadlines import Deadline
from erkt.workflow.inbox import date_formatter
from erkt.workflow.models import Process
from erkt.workflow.monitoring import (
    Holder,
    MonitoredProcess,
    Monitoring,
    OpenTask,
    Pass,
    StepDuration,
    process_name,
)
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


def _deadline_cells(deadline: Deadline | None) -> tuple[str, str]:
    """A holders' row's tone and its deadline badge, as a plain str (str.format calls a
    SafeString's own __str__, a Python call, in every row it goes into)."""
    badge = str.__str__(deadline_badge(deadline))
    if deadline is None:
        return "", badge
    if deadline.is_late:
        return "table-danger", badge
    return "table-warning" if deadline.is_today else "", badge


def _kept_deadline_cells(kept: dict, deadline: Deadline) -> tuple[str, str]:
    """_deadline_cells(deadline), kept in `kept` (the language's) by what the badge says:
    late or due today, and the working days (some fifty Python calls a badge, its
    ngettext, otherwise paid for every due date of every request)."""
    key = (deadline.is_late, deadline.is_today, deadline.days)
    found = kept.get(key)
    if found is None:
        # The value returned is this call's own: another thread may empty `kept` meanwhile.
        if len(kept) >= Converted.LIMIT:
            kept.clear()
        found = kept[key] = _deadline_cells(deadline)
    return found


def _holder_parts() -> tuple[str, str, str, str, Converted]:
    """The holders' row template with its labels, the claimed mark, the vacant head, the
    mark of a further pass (its number to fill in) and each number of tasks' words."""
    template = labelled(
        HOLDER_ROW,
        l_task=_("Tugas"),
        l_process=pgettext("table column", "Proses"),
        l_unit=_("Unit kerja"),
        l_due=_("Batas waktu"),
        l_left=_("Sisa waktu"),
    )
    # Translated outside the f-strings, where makemessages finds them.
    claimed, vacant, again = _("Sudah diambil"), _("Jabatan kosong"), _("putaran %(n)s")
    claimed = f' <i class="bi bi-person-check" title="{escape(claimed)}"></i>'
    vacant = f'<i class="bi bi-person-dash"></i> {escape(vacant)}'
    # Escaped before its number goes in: a number (digits) holds nothing to escape.
    again = f' <span class="badge text-bg-info">{escape(again)}</span>'
    counts = Converted(
        lambda count: escape(
            ngettext("%(counter)s tugas", "%(counter)s tugas", count) % {"counter": localize(count)}
        )
    )
    return template, claimed, vacant, again, counts


def holder_rows(holders: list[Holder], cells: Cells) -> SafeString:
    """The `<tbody>` of each holder in the holders table, its tasks' rows in it."""
    template, claimed, vacant, again, counts = cells.parts.holder
    names = cells.named([task.process for holder in holders for task in holder.tasks])
    parts: list[str] = []
    written: dict[int, str] = {}
    for holder in holders:
        key, head = "vacant", vacant
        if holder.employee:
            key = holder.employee.pk
            head = f'<i class="bi bi-person"></i> {escaped_text(holder.name)}'
        # format_html's escaping done here: the key is an id or "vacant", the words escaped.
        positions = ", ".join(map(escaped_text, holder.positions))
        parts.append(HOLDER_HEAD.format(key, head, positions, counts[len(holder.tasks)]))
        # An unclaimed task is listed under each holder of its jabatan: written once.
        for task in holder.tasks:
            if task.pk not in written:
                written[task.pk] = _holder_task_row(task, template, claimed, again, cells, names)
            parts.append(written[task.pk])
        parts.append("\n        </tbody>\n        ")
    # SafeString itself: mark_safe's lazy-text checks cost some ten Python calls a table.
    return SafeString("".join(parts))


@dataclass(frozen=True)
class Parts:
    """What the tables take from the active language (and URL prefix), built once per
    language and read once a page (each kept look-up reads the language and the script
    prefix through asgiref's locals, some twenty Python calls)."""

    holder: tuple[str, str, str, str, Converted]
    late: str
    durations: tuple[str, str, str, dict[str, str], SafeString]
    averages: Converted
    statuses: Converted
    # Kept per value, each a pure function of it in the language: whole_number() of each
    # number shown (steps, passes, days), each day's `tanggal` escaped, each process's
    # name escaped (by judul, year and revision: a revision's label is translated), the
    # links of the tasks and processes by id, and each deadline's tone and badge by what
    # it says (_kept_deadline_cells). The Kepala's fifty processes and tasks are looked
    # up, not written again, on every visit.
    numbers: Converted
    dates: Converted
    names: Converted
    task_urls: Converted
    process_urls: Converted
    deadlines: dict[tuple[bool, bool, int], tuple[str, str]]


@per_language
def _parts() -> Parts:
    date = date_formatter()
    return Parts(
        holder=_holder_parts(),
        late=_late_template(),
        durations=_duration_parts(),
        averages=_averages(),
        statuses=_status_labels(),
        numbers=Converted(whole_number),
        dates=Converted(lambda day: escaped_text(date(day))),
        names=Converted(lambda key: escaped_text(process_name(*key))),
        task_urls=Converted(lambda pk: remembered("workflow:task", pk)),
        process_urls=Converted(lambda pk: remembered("workflow:process", pk)),
        deadlines={},
    )


# Each text escaped once (html.escape, what conditional_escape does to a str, skipped by
# escaped_text when nothing needs it), kept across requests: a pure function of the text.
TEXTS = Converted(escaped_text)


class Cells:
    """What several rows share: the language's parts and each process's name, once a page
    (its tables share one), and each due date's tone and badge (`deadlines`, the
    Monitoring's). Every value goes into the rows' str.format as a plain str already
    escaped; `texts`, `dates`, `numbers` and the links are dicts whose misses compute
    (Converted), kept across requests: a value seen before is a lookup without a Python
    call."""

    def __init__(
        self,
        processes: list[MonitoredProcess] | None = None,
        deadlines: dict[datetime.date, Deadline] | None = None,
    ) -> None:
        parts = self.parts = _parts()
        self.texts, self.dates, self.numbers = TEXTS, parts.dates, parts.numbers
        self.task_urls, self.process_urls = parts.task_urls, parts.process_urls
        self._processes: dict[int, str] = {}
        self.named(processes or [])
        kept = parts.deadlines
        self.deadlines = {
            due: _kept_deadline_cells(kept, deadline) for due, deadline in (deadlines or {}).items()
        }

    def named(self, processes: list[MonitoredProcess]) -> dict[int, str]:
        """html.escape(str(process)) by process id (the chooser and the holders' rows)."""
        names, known = self.parts.names, self._processes
        for process in processes:
            if process.pk not in known:
                known[process.pk] = names[process.judul, process.year, process.revision]
        return known


def _holder_task_row(
    task: OpenTask, template: str, claimed: str, again: str, cells: Cells, names: dict[int, str]
) -> str:
    step = task.step_run.step
    texts, numbers = cells.texts, cells.numbers
    tone, badge = cells.deadlines[task.due_date]
    unit = task.unit.name if task.unit_id and task.unit.name else "-"
    # html_row's escaping done here: every text escaped once a table (cells) or here; the
    # tone is a class name of this module, the ids and whole numbers digits, the links
    # reversed from ids.
    return template.format(
        tone,
        task.pk,
        cells.task_urls[task.pk],
        numbers[step.number],
        texts[step.uraian],
        again % {"n": numbers[task.pass_number]} if task.pass_number > 1 else "",
        claimed if task.claimed_by_id else "",
        cells.process_urls[task.process_id],
        names[task.process_id],
        texts[unit],
        cells.dates[task.due_date],
        badge,
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


def _late_template() -> str:
    return labelled(
        LATE_ROW,
        l_late=_("Keterlambatan"),
        l_task=_("Tugas"),
        l_process=pgettext("table column", "Proses"),
        l_actor=_("Pelaksana"),
        l_due=_("Batas waktu"),
    )


def late_rows(tasks: list[OpenTask], cells: Cells) -> SafeString:
    """The rows of the late tasks' table."""
    template = cells.parts.late
    texts, numbers, deadlines = cells.texts, cells.numbers, cells.deadlines
    names = cells.named([task.process for task in tasks])
    parts = []
    for task in tasks:
        step = task.step_run.step
        claimant = ""
        if task.claimed_by_id:
            claimant = (
                '<div class="text-body-secondary"><i class="bi bi-person-check"></i>'
                f" {escaped_text(task.claimed_by.full_name)}</div>"
            )
        # html_row's escaping done here, as in the holders' rows.
        parts.append(
            template.format(
                task.pk,
                deadlines[task.due_date][1],
                cells.task_urls[task.pk],
                numbers[step.number],
                texts[step.uraian],
                names[task.process_id],
                texts[task.unit.name if task.unit_id else task.position.title],
                claimant,
                cells.dates[task.due_date],
            )
        )
    return SafeString("".join(parts))


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


def _pass_badge(item: Pass, words: dict[str, str], cells: Cells) -> str:
    """A pass's badge: its words (`words`) and dates escaped once a table; the numbers are
    digits (and separators), nothing to escape. Pass.done, late and number written out:
    no property call a pass."""
    completed_on, numbers, dates = item.completed_on, cells.numbers, cells.dates
    if completed_on is None:
        tone, state, end = "primary", words["running_state"], words["running"]
    elif completed_on > item.due_date:
        tone, state, end = "danger", words["late_state"], dates[completed_on]
    else:
        tone, state, end = "success", "", dates[completed_on]
    suspended = ""
    if item.suspended_days:
        text = words["suspended"] % {"n": numbers[item.suspended_days]}
        suspended = f' <span data-suspended="{item.suspended_days:d}">{text}</span>'
    number = item.task.pass_number
    return PASS_BADGE.format(
        tone,
        number,
        dates[item.opened_on],
        end,
        words["pass"] % {"n": numbers[number], "days": numbers[item.days]},
        state,
        suspended,
    )


def _duration_parts() -> tuple[str, str, str, dict[str, str], SafeString]:
    """A durations table's row template, its two kinds of passes cell, the passes' words
    (escaped) and the mark of a step not opened yet: translated once per language."""
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
    running, late = escape(_("berjalan")), escape(_("terlambat"))
    words = {
        "running": running,
        "running_state": f" ({running})",
        "late_state": f" ({late})",
        "pass": escape(_("putaran %(n)s: %(days)s hari kerja")),
        # Escaped before its number goes in (digits and separators: nothing to escape).
        "suspended": escape(_("+ %(n)s hari kerja ditangguhkan")),
    }
    not_opened = format_html(
        '<span class="text-body-secondary">{}</span>\n            ', _("belum dibuka")
    )
    return template, passes_cell, done_cell, words, not_opened


def _averages() -> Converted:
    """`floatformat(average, 1)` escaped, as a plain str (see _deadline_cells), once per value
    and language: its number format lookups cost some sixty Python calls a value (the
    averages are rounded to one decimal, a few distinct values)."""
    return Converted(lambda average: str.__str__(escaped(floatformat(average, 1))))


def duration_rows(rows: list[StepDuration], show_passes: bool, cells: Cells) -> SafeString:
    """The rows of a durations table (workflow/_durations.html): with each pass's badge
    (the chosen process) or the count of finished passes (the history)."""
    template, passes_cell, done_cell, words, not_opened = cells.parts.durations
    texts, numbers, averages = cells.texts, cells.numbers, cells.parts.averages
    parts = []
    for row in rows:
        done, average, maximum, late_count = row.figures()
        if show_passes:
            badges = [_pass_badge(item, words, cells) for item in row.passes]
            passes = passes_cell.format("".join(badges) if badges else not_opened)
        else:
            passes = done_cell.format(numbers[done])
        unit = f' data-unit="{texts[row.unit.short_name]}"' if row.unit else ""
        shown = "-" if average is None else averages[average]
        number = numbers[row.step.number]
        # html_row's escaping done here: the texts escaped, the numbers are digits.
        parts.append(
            template.format(
                number,
                unit,
                "table-danger" if late_count else "",
                number,
                texts[row.step.uraian],
                texts[row.unit.name if row.unit and row.unit.name else "-"],
                numbers[row.step.working_days],
                passes,
                shown,
                "-" if maximum is None else numbers[maximum],
                numbers[late_count],
            )
        )
    return SafeString("".join(parts))


def _status_labels() -> Converted:
    """get_status_display() of each status, translated and escaped (a status without a
    label shown as it is, escaped)."""
    labels = Converted(html.escape)
    field = Process._meta.get_field("status")
    labels.update({value: html.escape(str(label)) for value, label in field.flatchoices})
    return labels


def process_options(
    processes: list[MonitoredProcess], chosen: MonitoredProcess | None, cells: Cells
) -> SafeString:
    """The `<option>`s of the durations' process chooser."""
    names = cells.named(processes)
    chosen_pk = chosen.pk if chosen else None
    status_labels = cells.parts.statuses
    return SafeString(
        "".join(
            [
                f'<option value="{process.pk:d}"{" selected" if process.pk == chosen_pk else ""}>'
                f"{names[process.pk]} ({status_labels[process.status]})</option>"
                for process in processes
            ]
        )
    )


# --- The page around the tables (workflow/monitoring.html's content block) -------------------
#
# Written in Python too: as a template the page rendered some 95 nodes and 40 translations
# a request around tables that were already strings. Every value is escaped as the template
# escaped it (`{{ }}` and `{% blocktranslate %}`'s values; a `{% translate %}` of a literal
# is safe text, not escaped); the whitespace is the template's own, so the page is the same
# (erkt/workflow/tests/test_monitoring_html_page.py renders the template it replaced).


@per_language
def texts() -> dict[str, str]:
    """The page's fixed words per language."""
    words = {
        "title": _("Pemantauan"),
        # Its day goes in escaped; the sentence is not (a {% blocktranslate %}'s text).
        "as_of": _("keadaan per %(today)s"),
        "all": _("Semua proses"),
        "holders": _("Siapa memegang apa"),
        "holders_note": _(
            "Tugas terbuka dari proses yang berjalan, per pegawai: tugas yang sudah diambil "
            "hanya pada pegawai yang mengambilnya, tugas lain pada setiap pemangku jabatannya."
        ),
        "no_open": _("Tidak ada tugas terbuka."),
        "task": _("Tugas"),
        "process_column": pgettext("table column", "Proses"),
        "unit": _("Unit kerja"),
        "due": _("Batas waktu"),
        "left": _("Sisa waktu"),
        "late_title": _("Terlambat"),
        "no_late": _("Tidak ada tugas yang terlambat."),
        "lateness": _("Keterlambatan"),
        "actor": _("Pelaksana"),
        "durations": _("Durasi langkah"),
        "durations_note": _(
            "Hari kerja dihitung seperti batas waktu: hari kerja sesudah tanggal dibuka sampai "
            "dengan tanggal selesai. Selesai pada hari dibuka = 0 hari kerja; selesai tepat "
            "pada batas waktu = Waktu langkah. Rata-rata dan maksimum dari putaran yang sudah "
            "selesai."
        ),
        "process": _("Proses"),
        "show": _("Tampilkan"),
        "no_durations": _("Belum ada langkah yang dibuka pada pelaksanaan ini."),
        "no_history": _(
            "Belum ada pelaksanaan yang selesai: rata-rata, maksimum dan keterlambatan muncul "
            "setelah pelaksanaan pertama ditandatangani dan diarsipkan."
        ),
        "no_process": _("Belum ada pelaksanaan SOP."),
        "no": pgettext("nomor urut", "No"),
        "uraian": _("Uraian"),
        "waktu": _("Waktu (hari kerja)"),
        "passes": _("Putaran"),
        "done_passes": _("Putaran selesai"),
        "average": _("Rata-rata"),
        "maximum": _("Maksimum"),
        "late": _("Terlambat"),
        "search": _("Cari di tabel"),
        "matches": _("baris yang cocok: {n}"),
    }
    # A template's `{% translate "..." %}` is a safe literal: its translation is not
    # escaped (the English "step's" stays as it is), so neither is it here.
    return words


def table_filter(table: str, t: dict[str, str]) -> str:
    """_table_filter.html with `table` (an id of this module's own, not escaped again)."""
    return (
        '\n<div class="mb-2 d-print-none table-filter" data-erkt-filter-box hidden>\n'
        f'  <label class="form-label small mb-1" for="filter-{table}">{t["search"]}</label>\n'
        '  <div class="d-flex flex-wrap align-items-center gap-2">\n'
        '    <input type="search" class="form-control form-control-sm" style="max-width: 22rem"'
        f' id="filter-{table}" data-erkt-filter="#{table}" autocomplete="off">\n'
        '    <span class="small text-body-secondary" aria-live="polite"'
        f' data-erkt-filter-count="filter-{table}" data-template="{t["matches"]}"></span>\n'
        "  </div>\n</div>\n"
    )


def durations_card(
    title: str, table: str, rows: str, show_passes: bool, empty: str, t: dict[str, str]
) -> str:
    """workflow/_durations.html: `title` and `empty` already escaped, `rows` HTML."""
    head = (
        '\n<div class="card shadow-sm mb-3">\n'
        f'  <div class="card-header bg-white fw-semibold">{title}</div>\n  '
    )
    if empty:
        return (
            f'{head}\n  <div class="card-body text-body-secondary" data-empty="{table}">'
            f'<i class="bi bi-info-circle" aria-hidden="true"></i> {empty}</div>\n  \n</div>\n'
        )
    if show_passes:
        passes = f'<th scope="col">{t["passes"]}</th>'
    else:
        passes = f'<th scope="col" class="text-end">{t["done_passes"]}</th>'
    return (
        f'{head}\n  <div class="card-body pb-0">{table_filter(table, t)}</div>\n'
        '  <div class="table-responsive table-scroll">\n'
        '    <table class="table table-sm align-middle small mb-0 table-sticky table-stack"'
        f' id="{table}">\n'
        '      <thead class="table-light">\n        <tr>\n'
        f'          <th scope="col">{t["no"]}</th>\n'
        f'          <th scope="col">{t["uraian"]}</th>\n'
        f'          <th scope="col">{t["unit"]}</th>\n'
        f'          <th scope="col" class="text-end">{t["waktu"]}</th>\n'
        f"          {passes}\n"
        f'          <th scope="col" class="text-end">{t["average"]}</th>\n'
        f'          <th scope="col" class="text-end">{t["maximum"]}</th>\n'
        f'          <th scope="col" class="text-end">{t["late"]}</th>\n'
        "        </tr>\n      </thead>\n      <tbody>\n"
        f"      {rows}\n      </tbody>\n    </table>\n  </div>\n  \n</div>\n"
    )


def _holders_card(m: Monitoring, rows: str, t: dict[str, str]) -> str:
    if not m.holders:
        return (
            '\n    <div class="card-body text-body-secondary" data-empty="holders">'
            '<i class="bi bi-check2-circle" aria-hidden="true"></i>'
            f" {t['no_open']}</div>\n    "
        )
    return (
        f'\n    <div class="card-body pb-0">{table_filter("holders-table", t)}</div>\n'
        '    <div class="table-responsive table-scroll">\n'
        '      <table class="table table-sm align-middle small mb-0 table-sticky table-stack"'
        ' id="holders-table">\n'
        '        <thead class="table-light">\n          <tr>\n'
        f'            <th scope="col">{t["task"]}</th>\n'
        f'            <th scope="col">{t["process_column"]}</th>\n'
        f'            <th scope="col">{t["unit"]}</th>\n'
        f'            <th scope="col">{t["due"]}</th>\n'
        f'            <th scope="col">{t["left"]}</th>\n'
        "          </tr>\n        </thead>\n"
        f"        {rows}\n      </table>\n    </div>\n    "
    )


def _late_card(m: Monitoring, rows: str, t: dict[str, str]) -> str:
    if not m.late:
        return (
            '\n    <div class="card-body text-body-secondary" data-empty="late">'
            '<i class="bi bi-check2-circle" aria-hidden="true"></i>'
            f" {t['no_late']}</div>\n    "
        )
    return (
        '\n    <div class="table-responsive table-scroll">\n'
        '      <table class="table table-sm table-hover align-middle small mb-0 table-sticky'
        ' table-stack" id="late-table">\n'
        '        <thead class="table-light">\n          <tr>\n'
        f'            <th scope="col">{t["lateness"]}</th>\n'
        f'            <th scope="col">{t["task"]}</th>\n'
        f'            <th scope="col">{t["process_column"]}</th>\n'
        f'            <th scope="col">{t["actor"]}</th>\n'
        f'            <th scope="col">{t["due"]}</th>\n'
        "          </tr>\n        </thead>\n        <tbody>\n"
        f"        {rows}\n        </tbody>\n      </table>\n    </div>\n    "
    )


def _durations_part(m: Monitoring, tables: dict, t: dict[str, str]) -> str:
    if not m.processes:
        return (
            '\n  <div class="card shadow-sm"><div class="card-body text-body-secondary">'
            f"{t['no_process']}</div></div>\n  "
        )
    count = len(m.completed)
    history_title = ngettext(
        "Semua pelaksanaan yang selesai (%(counter)s proses)",
        "Semua pelaksanaan yang selesai (%(counter)s proses)",
        count,
    ) % {"counter": whole_number(count)}
    durations = durations_card(
        escaped_text(str(m.process)),
        "process-durations",
        tables["durations"],
        True,
        t["no_durations"] if m.durations_empty else "",
        t,
    )
    history = durations_card(
        history_title,
        "history-durations",
        tables["history"],
        False,
        t["no_history"] if m.history_empty else "",
        t,
    )
    return (
        '\n  <form method="get" class="row g-2 align-items-end mb-3">\n'
        '    <div class="col-auto">\n'
        f'      <label class="form-label small mb-0" for="proses">{t["process"]}</label>\n'
        '      <select class="form-select form-select-sm" id="proses" name="proses">\n'
        f"        {tables['options']}\n      </select>\n    </div>\n"
        '    <div class="col-auto"><button type="submit" class="btn btn-outline-primary btn-sm">'
        f"{t['show']}</button></div>\n  </form>\n  \n  {durations}\n  \n  \n  {history}\n  "
    )


def page_content(m: Monitoring, tables: dict) -> str:
    """The page's content block (workflow/monitoring.html's), the tables' rows given."""
    t = texts()
    today = t["as_of"] % {"today": escaped_text(date_formatter()(m.today))}
    return (
        '\n<div class="d-flex flex-wrap align-items-baseline gap-2 mb-3">\n'
        f'  <h1 class="h3 mb-0">{t["title"]}</h1>\n'
        f'  <span class="text-body-secondary">{today}</span>\n'
        '  <a class="ms-auto btn btn-outline-secondary btn-sm"'
        f' href="{escaped_text(remembered("workflow:process_list"))}"><i class="bi bi-kanban"></i>'
        f" {t['all']}</a>\n</div>\n\n"
        '<section class="mb-4" id="holders" aria-labelledby="holders-title">\n'
        '  <h2 class="h5" id="holders-title"><i class="bi bi-people"></i>'
        f" {t['holders']}</h2>\n"
        f'  <p class="text-body-secondary small">{t["holders_note"]}</p>\n'
        f'  <div class="card shadow-sm">\n    {_holders_card(m, tables["holders"], t)}\n'
        "  </div>\n</section>\n\n"
        '<section class="mb-4" id="late" aria-labelledby="late-title">\n'
        '  <h2 class="h5 text-danger" id="late-title"><i class="bi bi-exclamation-triangle-fill">'
        f"</i> {t['late_title']}</h2>\n"
        '  <div class="card shadow-sm border-danger-subtle">\n'
        f"    {_late_card(m, tables['late'], t)}\n  </div>\n</section>\n\n"
        '<section class="mb-4" id="durations" aria-labelledby="durations-title">\n'
        '  <h2 class="h5" id="durations-title"><i class="bi bi-stopwatch"></i>'
        f" {t['durations']}</h2>\n"
        f'  <p class="text-body-secondary small">{t["durations_note"]}</p>\n'
        f"  {_durations_part(m, tables, t)}\n</section>\n"
    )
