"""GET /tasks read as plain rows: the caller's open tasks with written-out SQL (the Kotak
Tugas's filter, erkt.workflow.inbox) and their files, each task's dict built straight
from its row in TaskOut's order.

The ORM read made seven model instances a task (the task, its process, step run, step,
unit, position and claimant), ran Django's converters on every column and worked out
every task's deadline on its own: a Kepala with fifty open tasks cost some 26,000 Python
calls a request. Here a task is a tuple, its dates go out as the ISO text JSON writes
anyway, and the working-day arithmetic is done once per distinct date of the answer.
test_task_rows.py compares the answer with the ORM's tasks through task_data.
"""

from __future__ import annotations

import datetime
from operator import itemgetter
from types import SimpleNamespace

from django.db import connection
from django.utils.translation import get_language

from erkt.org.access import employee_of
from erkt.org.models import Employee
from erkt.workflow.calendar import WorkingCalendar, today_for
from erkt.workflow.deadlines import span_text
from erkt.workflow.inbox import kept_per_table, open_tasks_query, placeholders
from erkt.workflow.monitoring import DayText, UtcText, to_day, to_utc

# TaskOut's columns up to its attachments, in its order (claimed_by as the employee's three
# name columns, completed_by as the username), then what the list is sorted by. Dates and
# datetimes as text (erkt.workflow.monitoring's DayText and UtcText: SQLite's driver would
# parse each date by its declared type, and Django's converter check it again).
TASK_COLUMNS = (
    't."id", t."process_id", r."number", s."uraian", u."short_name", o."title", t."status",'
    ' t."pass_number", {opened_on}, {due_date}, t."claimed_by_id", e."gelar_depan",'
    ' e."name", e."gelar_belakang", c."username", {completed_at}, t."decision", t."note",'
    ' t."return_reason", t."on_behalf_reason", t."withdraw_reason",'
    ' p."year", {start_date}, t."unit_id" IS NOT NULL, COALESCE(u."order", 0)'
)
TASK_JOINS = (
    ' FROM "workflow_task" t'
    ' INNER JOIN "workflow_process" p ON t."process_id" = p."id"'
    ' INNER JOIN "workflow_steprun" r ON t."step_run_id" = r."id"'
    ' INNER JOIN "sop_sopstep" s ON r."step_id" = s."id"'
    ' INNER JOIN "org_position" o ON t."position_id" = o."id"'
    ' LEFT OUTER JOIN "org_unit" u ON t."unit_id" = u."id"'
    ' LEFT OUTER JOIN "org_employee" e ON t."claimed_by_id" = e."id"'
    ' LEFT OUTER JOIN "auth_user" c ON t."completed_by_id" = c."id"'
)
# Task.Meta.ordering by columns: first the step run's number, the pass, the unit (none
# first), the pk; then, stable and reversed, the latest process first (its year, start
# date, pk). ISO dates sort as the dates do; itemgetter sorts without a Python call a row.
ASCENDING = itemgetter(2, 7, 23, 24, 0)
LATEST_PROCESS_FIRST = itemgetter(21, 22, 1)

# AttachmentOut's columns after the task's id, in ATTACHMENT_ORDER within a task.
ATTACHMENT_SQL = (
    'SELECT a."task_id", a."id", a."original_name", a."size", a."content_type",'
    ' w."username", {uploaded_at}'
    ' FROM "workflow_attachment" a INNER JOIN "auth_user" w ON a."uploaded_by_id" = w."id"'
    ' WHERE a."task_id" IN ({ids})'
    ' ORDER BY a."task_id", a."uploaded_at", a."id"'
)


def day_text(column: str) -> str:
    """DayText's SQL: the date column as 'YYYY-MM-DD'."""
    return DayText.sql(column, connection.vendor)


def utc_text(column: str) -> str:
    """UtcText's SQL: the datetime column as its UTC text (to_utc reads it)."""
    return UtcText.sql(column, connection.vendor)


def open_task_list(user, zone: datetime.tzinfo) -> list[dict]:
    """open_tasks_for(user) as GET /tasks answers it: TaskOut's dicts in Task's order, its
    datetimes in `zone` (as LocalDateTime writes them), its dates as ISO text."""
    columns = TASK_COLUMNS.format(
        opened_on=day_text('t."opened_on"'),
        due_date=day_text('t."due_date"'),
        completed_at=utc_text('t."completed_at"'),
        start_date=day_text('p."start_date"'),
    )
    query = open_tasks_query(user, columns, TASK_JOINS)
    if query is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(*query)
        rows = cursor.fetchall()
    if not rows:
        return []
    rows.sort(key=ASCENDING)
    rows.sort(key=LATEST_PROCESS_FIRST, reverse=True)
    files = attachments_by_task([row[0] for row in rows], zone)
    organization = employee_of(user).organization
    due_facts, explanation = deadline_helpers(organization)
    data = []
    for row in rows:
        overdue, remaining = due_facts(row[9])
        data.append(
            {
                "id": row[0],
                "process": row[1],
                "step": row[2],
                "uraian": row[3],
                "unit": row[4],
                "position": row[5],
                "status": row[6],
                "pass_number": row[7],
                "opened_on": row[8],
                "due_date": row[9],
                "overdue": overdue,
                "remaining_working_days": remaining,
                "due_explanation": explanation((row[8], row[9])),
                "claimed_by": None if row[10] is None else full_name(*row[11:14]),
                "completed_by": row[14],
                "completed_at": None if row[15] is None else to_utc(row[15]).astimezone(zone),
                "decision": row[16],
                "note": row[17],
                "return_reason": row[18],
                "on_behalf_reason": row[19],
                "withdraw_reason": row[20],
                "attachments": files.get(row[0], []),
            }
        )
    return data


def deadline_helpers(organization) -> tuple:
    """For one answer: a due date's (overdue, working days left) and a span's due
    explanation, each worked out once per distinct date (ISO text) or pair of dates.
    Every row is an open task of a running process, so both of Task's properties apply."""
    calendar = WorkingCalendar(organization)
    today = today_for(organization)
    language = get_language()

    def due_facts(text: str) -> tuple:
        due = to_day(text)
        return today > due, calendar.working_days_between(today, due)

    def explanation(span: tuple[str, str]) -> str:
        # Kept per calendar version too, as the process page's: a later answer with the
        # same span walks no days.
        return span_text(calendar, to_day(span[0]), to_day(span[1]), language)

    return kept_per_table(due_facts), kept_per_table(explanation)


def full_name(gelar_depan: str, name: str, gelar_belakang: str) -> str:
    """Employee.full_name of the three columns."""
    return Employee.full_name.fget(
        SimpleNamespace(gelar_depan=gelar_depan, name=name, gelar_belakang=gelar_belakang)
    )


def attachments_by_task(task_ids: list[int], zone: datetime.tzinfo) -> dict[int, list[dict]]:
    """The tasks' files as AttachmentOut's dicts, by task, in ATTACHMENT_ORDER (one query)."""
    sql = ATTACHMENT_SQL.format(
        uploaded_at=utc_text('a."uploaded_at"'), ids=placeholders(len(task_ids))
    )
    files: dict[int, list[dict]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, task_ids)
        for task_id, pk, name, size, content_type, uploader, uploaded_at in cursor.fetchall():
            files.setdefault(task_id, []).append(
                {
                    "id": pk,
                    "name": name,
                    "size": size,
                    "content_type": content_type,
                    "uploaded_by": uploader,
                    "uploaded_at": to_utc(uploaded_at).astimezone(zone),
                }
            )
    return files
