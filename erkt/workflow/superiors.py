"""Who is the superior (atasan) of a position, from the organisation's unit tree.

The superior of a position is the head of its own unit when the position is not that
head (an Anggota Tim Perencanaan answers to the Kasubbag Perencanaan), else the head of
the nearest unit above it (a Kabid answers to the head of the unit the Bidang hangs
under). A vacant head (a position nobody holds) is passed over. When the tree names
nobody, the organisation head (the Kepala) is the superior, except of the Kepala
themselves, who has none inside the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count

from erkt.org.access import employee_of, positions_of
from erkt.org.models import Employee, Organization, Position, Role, Unit
from erkt.workflow.calendar import today_for
from erkt.workflow.inbox import ROW_COLUMNS, ROW_JOINS, InboxRow, fetch_rows, placeholders
from erkt.workflow.models import Process, Task


class UnitTree:
    """The units of one organisation, read once (two queries) for many positions."""

    def __init__(self, organization: Organization) -> None:
        rows = (
            Unit.objects.filter(organization=organization)
            .annotate(head_holders=Count("head_position__holders"))
            .values("pk", "parent_id", "head_position_id", "head_holders")
        )
        self._units = {row["pk"]: row for row in rows}
        self._organization_head = (
            Position.objects.filter(organization=organization, role=Role.KEPALA)
            .order_by("unit__order", "title", "pk")
            .values_list("pk", flat=True)
            .first()
        )

    def superior_of(self, position: Position) -> int | None:
        """The pk of the position above `position`, or None for the organisation head."""
        unit = self._units.get(position.unit_id)
        seen: set[int] = set()
        while unit is not None and unit["pk"] not in seen:  # `seen`: a broken tree never loops
            seen.add(unit["pk"])
            head = unit["head_position_id"]
            if head is not None and head != position.pk and unit["head_holders"]:
                return head
            unit = self._units.get(unit["parent_id"])
        if self._organization_head is not None and self._organization_head != position.pk:
            return self._organization_head
        return None


def superior_employees(tree: UnitTree, position: Position) -> list[Employee]:
    """The holders of the superior position of `position` (none for the Kepala)."""
    superior = tree.superior_of(position)
    if superior is None:
        return []
    return list(Employee.objects.filter(positions=superior).select_related("user").order_by("pk"))


def overdue_tasks_under(user, *, exclude: set[int] = frozenset()) -> list[InboxRow]:
    """The late open tasks of the positions the user is the superior of (the inbox).

    At most four queries whatever the number of tasks: none for a user who heads nothing,
    one when nothing is late in the organisation, else the units, the Kepala and (when some
    late task is theirs) the local calendar days. The late tasks are read with
    LATE_TASKS_SQL (erkt.workflow.inbox's rows, with who holds each task).
    """
    from erkt.workflow.pages import attach_deadlines

    employee = employee_of(user)
    positions = positions_of(user)
    heads = {p.pk for p in positions if p.unit.head_position_id == p.pk or p.role == Role.KEPALA}
    if employee is None or not heads:
        return []
    organization = employee.organization
    sql = LATE_TASKS_SQL
    params = [organization.pk, Process.Status.RUNNING, Task.Status.OPEN]
    params.append(connection.ops.adapt_datefield_value(today_for(organization)))
    if exclude:
        sql += f' AND t."id" NOT IN ({placeholders(len(exclude))})'
        params.extend(sorted(exclude))
    late = fetch_rows(sql, params, extra=holder_of)
    if not late:
        return []
    tree = UnitTree(organization)
    mine = [
        row
        for row in late
        if tree.superior_of(PositionRef(row.position_id, row.position_unit_id)) in heads
    ]
    if mine:
        attach_deadlines(mine, organization)
    return mine


# The inbox's columns with the task's position and claimant: what
#     Task.objects.filter(process__organization=o, process__status=RUNNING, status=OPEN,
#                         due_date__lt=today).exclude(pk__in=exclude)
#     .select_related(*inbox relations, "position", "claimed_by")
# read. Parameters: o, RUNNING, OPEN, today (then the excluded pks).
LATE_TASKS_SQL = (
    f'SELECT {ROW_COLUMNS}, pos."unit_id", pos."title",'
    ' c."name", c."gelar_depan", c."gelar_belakang", t."position_id"'
    f"{ROW_JOINS}"
    ' INNER JOIN "org_position" pos ON t."position_id" = pos."id"'
    ' LEFT OUTER JOIN "org_employee" c ON t."claimed_by_id" = c."id"'
    ' WHERE p."organization_id" = %s AND p."status" = %s AND t."status" = %s'
    ' AND t."due_date" < %s'
)


@dataclass(frozen=True, slots=True)
class PositionRef:
    """What UnitTree.superior_of reads of a position."""

    pk: int
    unit_id: int | None


def holder_of(row: InboxRow, values: tuple) -> None:
    """The position and claimant columns of LATE_TASKS_SQL onto the row."""
    row.position_unit_id, row.position_title, name, gelar_depan, gelar_belakang, pk = values
    row.position_id = pk
    if row.claimed_by_id:
        claimant = Employee(name=name, gelar_depan=gelar_depan, gelar_belakang=gelar_belakang)
        row.claimant_name = claimant.full_name
