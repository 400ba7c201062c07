"""The Kotak Tugas: its rows read with written-out SQL as plain values, rendered in Python.

Every page after sign-in shows the Kotak Tugas (the inbox, or the home page under its
panels) or its badge. Django built and compiled the tasks' query from Q objects and
select_related on every request in several times the time the database takes to answer
it, then made six model instances a row and rendered a dozen template nodes a row. Here
the query is joined from fixed strings, a row is an `InboxRow`, and a table row is one
f-string with every database value escaped (as the template escaped: a name holding
`<script>` stays text). test_inbox_rows.py compares the SQL with the ORM query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from erkt.date_texts import tanggal_writer
from erkt.html_rows import escaped as escape
from erkt.html_rows import escaped_all
from erkt.org.access import employee_of, positions_of
from erkt.per_language import per_language
from erkt.url_cache import remembered, remembered_for
from erkt.workflow.deadlines import Deadline
from erkt.workflow.models import Process, Task
from erkt.workflow.templatetags.workflow_tags import deadline_badge


@dataclass(slots=True)
class InboxRow:
    """What one row of the Kotak Tugas shows (and a late task's row, with its holder)."""

    pk: int
    due_date: datetime.date | None
    pass_number: int
    claimed_by_id: int | None
    step_number: int  # the SOP step's number (shown)
    run_number: int  # the step run's number (the order)
    uraian: str
    output: str
    actor_name: str
    unit_id: int | None
    unit_name: str | None
    unit_order: int | None
    judul: str
    year: int
    revision: int
    status: str = Task.Status.OPEN
    deadline: Deadline | None = None
    # Late tasks only (erkt.workflow.superiors.overdue_tasks_under).
    position_id: int | None = None
    position_unit_id: int | None = None
    position_title: str = ""
    claimant_name: str = ""

    @property
    def process_label(self) -> str:
        """str(Process) (Process.year_label): "<judul> 2027", "<judul> 2027 — Perubahan 1"."""
        if not self.revision:
            return f"{self.judul} {self.year}"
        label = gettext("%(year)s — Perubahan %(number)s")
        return f"{self.judul} {label % {'year': self.year, 'number': self.revision}}"

    @property
    def holder(self) -> str:
        """The unit, or the SOP's pelaksana for a task of no unit."""
        return self.unit_name if self.unit_id is not None else self.actor_name


# The columns of an InboxRow, in its fields' order, over the joins below.
ROW_COLUMNS = (
    't."id", t."due_date", t."pass_number", t."claimed_by_id", s."number", r."number",'
    ' s."uraian", s."output", a."name", t."unit_id", u."name", u."order",'
    ' v."judul", p."year", p."revision"'
)
ROW_JOINS = (
    ' FROM "workflow_task" t'
    ' INNER JOIN "workflow_process" p ON t."process_id" = p."id"'
    ' INNER JOIN "sop_sopversion" v ON p."sop_version_id" = v."id"'
    ' INNER JOIN "workflow_steprun" r ON t."step_run_id" = r."id"'
    ' INNER JOIN "sop_sopstep" s ON r."step_id" = s."id"'
    ' INNER JOIN "sop_sopactor" a ON s."actor_id" = a."id"'
    ' LEFT OUTER JOIN "org_unit" u ON t."unit_id" = u."id"'
)


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def open_tasks_where(roles: int, positions: int) -> str:
    """erkt.workflow.pages.open_tasks_for's filter, written out (tested to match it):

        Task.objects.filter(
            position_id__in=Position.objects.filter(organization_id=o, role__in=roles),
            status=OPEN, process__status=RUNNING, process__organization_id=o,
        )
        .exclude(Q(unit__isnull=False) & ~Q(position_id__in=positions))
        .exclude(Q(claimed_by__isnull=False) & ~Q(claimed_by=employee))

    Parameters: o, *roles, o, RUNNING, OPEN, *positions, employee.

    The read starts from the open tasks of the positions of the user's roles (the index on
    the task's position and status): `+p."organization_id"` (the same value; the unary plus
    only keeps the column's index out of the plan) stops SQLite from starting from every
    running process of the organisation and reading each one's tasks, done ones included
    (0.2-0.8 ms a page, more with more running processes, against some 0.03 ms).
    """
    return (
        ' WHERE t."position_id" IN (SELECT "id" FROM "org_position"'
        f' WHERE "organization_id" = %s AND "role" IN ({placeholders(roles)}))'
        ' AND +p."organization_id" = %s AND p."status" = %s AND t."status" = %s'
        # The exclusions stay negations, as the ORM writes them: as "unit_id IS NULL OR
        # ..." SQLite would read every organisation's lane tasks through the unit index.
        ' AND NOT (t."unit_id" IS NOT NULL'
        f' AND NOT (t."position_id" IN ({placeholders(positions)})))'
        ' AND NOT (t."claimed_by_id" IS NOT NULL AND NOT (t."claimed_by_id" = %s))'
    )


def open_tasks_query(user, select: str, joins: str) -> tuple[str, list] | None:
    """The SQL and parameters of the user's open tasks (None: the user has none)."""
    employee = employee_of(user)
    positions = positions_of(user) if employee is not None else []
    if not positions:
        return None
    roles = sorted({p.role for p in positions})
    position_ids = [p.pk for p in positions]
    organization_id = employee.organization_id
    sql = f"SELECT {select}{joins}{open_tasks_where(len(roles), len(position_ids))}"
    params = [organization_id, *roles, organization_id, Process.Status.RUNNING]
    return sql, [*params, Task.Status.OPEN, *position_ids, employee.pk]


def inbox_key(row: InboxRow) -> tuple:
    """erkt.workflow.pages.inbox_order for a row: the nearest due date first, then the
    step run, the unit's order (no unit first), the pk."""
    has_unit = row.unit_id is not None
    return (row.due_date, row.run_number, has_unit, row.unit_order if has_unit else None, row.pk)


def fetch_rows(sql: str, params: list, extra=None) -> list[InboxRow]:
    """The rows of `sql` (ROW_COLUMNS first, then `extra`'s columns) in the inbox's order."""
    convert_date = date_converter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = []
        for values in cursor.fetchall():
            row = InboxRow(*values[:15])
            row.due_date = convert_date(row.due_date)
            if extra is not None:
                extra(row, values[15:])
            rows.append(row)
    rows.sort(key=inbox_key)
    return rows


def date_converter():
    """SQLite answers a raw query's DATE column as text; PostgreSQL as a date."""
    if connection.vendor != "sqlite":
        return lambda value: value
    return lambda value: datetime.date.fromisoformat(value) if isinstance(value, str) else value


def open_task_rows(user) -> list[InboxRow]:
    """The user's open tasks (open_tasks_for) as the Kotak Tugas lists them, sorted."""
    query = open_tasks_query(user, ROW_COLUMNS, ROW_JOINS)
    return [] if query is None else fetch_rows(*query)


def open_task_total(user) -> int:
    """open_tasks_for(user).count(), written out (the badge on every page)."""
    query = open_tasks_query(
        user,
        "COUNT(*)",
        ' FROM "workflow_task" t INNER JOIN "workflow_process" p ON t."process_id" = p."id"',
    )
    if query is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(*query)
        return cursor.fetchone()[0]


# --- Rendering ------------------------------------------------------------------------------
# Plain f-strings with escape() on every value read from the database (erkt.html_rows:
# what the template's autoescape writes): format_html's SafeString per argument cost more
# than the rest of a row.


def deadline_class(deadline: Deadline | None) -> str:
    """A row's class: red when late, amber on the due date."""
    if deadline and deadline.is_late:
        return "table-danger"
    if deadline and deadline.is_today:
        return "table-warning"
    return ""


def date_formatter():
    """The `tanggal` filter, its language read once for a table."""
    return tanggal_writer()


def task_link(row: InboxRow, url_of) -> str:
    url = url_of(row.pk)
    return f'<a class="fw-semibold" href="{url}">{row.step_number}. {escape(row.uraian)}</a>'


def kept_per_table(render):
    """`render(value)`, kept per value for the rows of one table: they share due dates and
    deadlines (a Deadline is a frozen value), each translated and escaped once."""
    found = {}

    def get(value):
        text = found.get(value)
        if text is None:
            text = found[value] = render(value)
        return text

    return get


def table_helpers() -> tuple:
    """The task link's URLs and the escaped date, for one table."""
    date = date_formatter()
    return remembered_for("workflow:task"), kept_per_table(lambda day: escape(date(day)))


def inbox_table_rows(rows: list[InboxRow]) -> SafeString:
    """The <tr>s of the Kotak Tugas's table (what _inbox_body.html's loop rendered)."""
    due, task, process, for_, left = (
        escape(gettext("Batas waktu")),
        escape(gettext("Tugas")),
        escape(pgettext("table column", "Proses")),
        escape(gettext("Untuk")),
        escape(gettext("Sisa waktu")),
    )
    output = escape(gettext("Output"))
    yours = escape(gettext("Anda yang mengerjakan"))  # outside the f-string, for xgettext
    mine = (
        f'<div class="small text-body-secondary"><i class="bi bi-person-check"></i> {yours}</div>'
    )
    url_of, date = table_helpers()
    # The row's class and badge both follow its deadline: kept together, once per deadline.
    class_and_badge = kept_per_table(lambda d: (deadline_class(d), deadline_badge(d)))
    html_rows = []
    for row in rows:
        second_pass = ""
        if row.pass_number > 1:
            label = escape(gettext("putaran %(n)s") % {"n": row.pass_number})
            second_pass = f'<span class="badge text-bg-info">{label}</span>'
        row_class, badge = class_and_badge(row.deadline)
        uraian, row_output, process_label, holder = escaped_all(
            row.uraian, row.output, row.process_label, row.holder
        )
        # task_link(row, url_of), written out: one call less per row.
        link = f'<a class="fw-semibold" href="{url_of(row.pk)}">{row.step_number}. {uraian}</a>'
        html_rows.append(
            f'<tr class="{row_class}" data-task="{row.pk}">\n'
            f'<td data-label="{due}" class="text-nowrap">{date(row.due_date)}</td>\n'
            f'<td data-label="{task}">\n{link}\n{second_pass}\n'
            f'<div class="small text-body-secondary">{output}: {row_output}</div>\n</td>\n'
            f'<td data-label="{process}">{process_label}</td>\n'
            f'<td data-label="{for_}">\n{holder}\n'
            f"{mine if row.claimed_by_id else ''}\n</td>\n"
            f'<td data-label="{left}" class="text-nowrap">{badge}</td>\n'
            "</tr>\n"
        )
    return mark_safe("".join(html_rows))


def late_table_rows(rows: list[InboxRow]) -> SafeString:
    """The <tr>s of "Tugas terlambat di unit Anda" (a superior's late tasks)."""
    due, task, process, holder, late = (
        escape(gettext("Batas waktu")),
        escape(gettext("Tugas")),
        escape(pgettext("table column", "Proses")),
        escape(gettext("Pelaksana")),
        escape(gettext("Keterlambatan")),
    )
    url_of, date = table_helpers()
    badge = kept_per_table(deadline_badge)
    html_rows = []
    for row in rows:
        if row.claimed_by_id:
            who = f'<i class="bi bi-person-check"></i> {escape(row.claimant_name)}'
        else:
            who = escape(row.position_title)
        html_rows.append(
            f'<tr data-late-task="{row.pk}">\n'
            f'<td data-label="{due}" class="text-nowrap">{date(row.due_date)}</td>\n'
            f'<td data-label="{task}">{task_link(row, url_of)}</td>\n'
            f'<td data-label="{process}">{escape(row.process_label)}</td>\n'
            f'<td data-label="{holder}">\n{escape(row.holder)}\n'
            f'<div class="small text-body-secondary">{who}</div>\n</td>\n'
            f'<td data-label="{late}" class="text-nowrap">{badge(row.deadline)}</td>\n'
            "</tr>\n"
        )
    return mark_safe("".join(html_rows))


# --- The whole Kotak Tugas (what _inbox_body.html rendered) ---------------------------------
# The parts that depend only on the language are built once per language and kept.


def heads(*labels: str) -> str:
    return "\n".join(f'<th scope="col">{escape(label)}</th>' for label in labels)


@per_language
def fixed_parts() -> dict[str, str]:
    title = escape(gettext("Kotak Tugas"))
    late_title = escape(gettext("Tugas terlambat di unit Anda"))
    # The texts before the f-strings: xgettext does not look inside them.
    mine, every = escape(gettext("Riwayat tugas saya")), escape(gettext("Semua proses"))
    none = escape(gettext("Tidak ada tugas terbuka."))
    start = escape(gettext("Mulai Penyusunan RKT"))
    history, processes = remembered("workflow:history"), remembered("workflow:process_list")
    table_column = pgettext("table column", "Proses")
    return {
        "h1": f'<h1 class="h3 mb-0">{title}</h1>',
        "h2": f'<h2 class="h4 mb-0" id="kotak-tugas">{title}</h2>',
        "buttons": (
            '<span class="ms-auto d-flex flex-wrap gap-2">\n'
            f'<a class="btn btn-outline-secondary btn-sm" href="{history}">'
            '<i class="bi bi-clock-history" aria-hidden="true"></i>'
            f" {mine}</a>\n"
            f'<a class="btn btn-outline-secondary btn-sm" href="{processes}">'
            '<i class="bi bi-kanban" aria-hidden="true"></i>'
            f" {every}</a>\n</span>\n</div>\n"
        ),
        "table": (
            '<div class="card shadow-sm">\n<div class="table-responsive">\n'
            '<table class="table table-hover align-middle mb-0 table-stack" id="inbox">\n'
            '<thead class="table-light">\n<tr>\n'
            + heads(
                gettext("Batas waktu"),
                gettext("Tugas"),
                table_column,
                gettext("Untuk"),
                gettext("Sisa waktu"),
            )
            + "\n</tr>\n</thead>\n<tbody>\n"
        ),
        "empty": (
            '<div class="card shadow-sm"><div class="card-body text-center py-5">\n'
            '<i class="bi bi-inbox fs-1 text-body-secondary"></i>\n'
            f'<p class="mb-1 mt-2 fw-semibold">{none}</p>\n'
            '<p class="text-body-secondary mb-0">'
            + escape(
                gettext("Tugas baru muncul di sini ketika sebuah langkah SOP menjadi giliran Anda.")
            )
            + "</p>\n"
        ),
        "start": (
            f'<a class="btn btn-primary mt-3" href="{processes}"><i class="bi bi-play-circle"></i>'
            f" {start}</a>"
        ),
        "late": (
            '<section class="mt-4" id="late-under" aria-labelledby="late-under-title">\n'
            '<h2 class="h5 text-danger" id="late-under-title">'
            '<i class="bi bi-exclamation-triangle-fill"></i>'
            f" {late_title}</h2>\n"
            '<p class="text-body-secondary small">'
            + escape(
                gettext(
                    "Langkah-langkah ini telah melewati batas waktu menurut SOP. "
                    "Sebagai atasan, mohon ingatkan pelaksananya."
                )
            )
            + "</p>\n"
            '<div class="card shadow-sm border-danger-subtle">\n<div class="table-responsive">\n'
            '<table class="table table-hover align-middle mb-0 table-stack">\n'
            '<thead class="table-light">\n<tr>\n'
            + heads(
                gettext("Batas waktu"),
                gettext("Tugas"),
                table_column,
                gettext("Pelaksana"),
                gettext("Keterlambatan"),
            )
            + "\n</tr>\n</thead>\n<tbody>\n"
        ),
    }


def inbox_body(tasks, late_under, *, on_home: bool = False, may_start: bool = False) -> SafeString:
    """The Kotak Tugas: its heading and count, its table (or the empty box), and a
    superior's late tasks. On the home page the heading is an <h2> under the panels."""
    parts = fixed_parts()
    count = len(tasks)
    counted = ngettext("%(counter)s tugas terbuka", "%(counter)s tugas terbuka", count) % {
        "counter": count
    }
    html_parts = [
        '<div class="d-flex flex-wrap align-items-baseline gap-2 mb-3">\n',
        parts["h2"] if on_home else parts["h1"],
        f'\n<span class="text-body-secondary">{escape(counted)}</span>\n',
        parts["buttons"],
    ]
    if tasks:
        html_parts += [
            parts["table"],
            inbox_table_rows(tasks),
            "</tbody>\n</table>\n</div>\n</div>\n",
        ]
    else:
        html_parts += [parts["empty"], parts["start"] if may_start else "", "\n</div></div>\n"]
    if late_under:
        html_parts += [
            parts["late"],
            late_table_rows(late_under),
            "</tbody>\n</table>\n</div>\n</div>\n</section>\n",
        ]
    return mark_safe("".join(html_parts))
