"""Who is the superior (atasan) of a position, from the organisation's unit tree.

The superior of a position is the head of its own unit when the position is not that
head (an Anggota Tim Perencanaan answers to the Kasubbag Perencanaan), else the head of
the nearest unit above it (a Kabid answers to the head of the unit the Bidang hangs
under). A vacant head (a position nobody holds) is passed over. When the tree names
nobody, the organisation head (the Kepala) is the superior, except of the Kepala
themselves, who has none inside the organisation.
"""

from __future__ import annotations

from django.db.models import Count

from erkt.org.access import employee_of, positions_of
from erkt.org.models import Employee, Organization, Position, Role, Unit
from erkt.workflow.calendar import today_for
from erkt.workflow.models import Process, Task

CLAIMANT_FIELDS = ("claimed_by__name", "claimed_by__gelar_depan", "claimed_by__gelar_belakang")


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


def overdue_tasks_under(user, *, exclude: set[int] = frozenset()) -> list[Task]:
    """The late open tasks of the positions the user is the superior of (the inbox).

    At most four queries whatever the number of tasks: none for a user who heads nothing,
    one when nothing is late in the organisation, else the units, the Kepala and (when some
    late task is theirs) the local calendar days.
    """
    from erkt.workflow.pages import INBOX_FIELDS, INBOX_RELATIONS, attach_deadlines, inbox_order

    employee = employee_of(user)
    positions = positions_of(user)
    heads = {p.pk for p in positions if p.unit.head_position_id == p.pk or p.role == Role.KEPALA}
    if employee is None or not heads:
        return []
    organization = employee.organization
    # The inbox's columns, with who holds the task (the claimant or the position's title).
    late = sorted(
        Task.objects.filter(
            process__organization=organization,
            process__status=Process.Status.RUNNING,
            status=Task.Status.OPEN,
            due_date__lt=today_for(organization),
        )
        .exclude(pk__in=exclude)
        .select_related(*INBOX_RELATIONS, "position", "claimed_by")
        .only(*INBOX_FIELDS, "position__unit_id", "position__title", *CLAIMANT_FIELDS)
        .order_by(),
        key=inbox_order,
    )
    if not late:
        return []
    tree = UnitTree(organization)
    mine = [task for task in late if tree.superior_of(task.position) in heads]
    if mine:
        attach_deadlines(mine, organization)
    return mine
