"""Who may see a process and who may act on a task.

The engine enforces these rules; views and the API use the same predicates to
decide which buttons to show. Objects of another organisation never reach
them: views resolve objects within the user's organisation first (404).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from erkt.org.access import employee_of, is_admin_of, is_pemkab, positions_of, roles_of
from erkt.org.models import Employee, Position, Role, Substitution, Unit
from erkt.org.substitutes import acting_holders, acting_kind, active_on, today_in

if TYPE_CHECKING:
    from erkt.workflow.models import Process, Task

# The roles that oversee the work of every unit of their organisation: the leadership and
# the planning line. Another unit's head does not see a unit's own work.
UNIT_OVERSEER_ROLES = frozenset(
    {Role.KEPALA, Role.SEKRETARIS, Role.KASUBBAG_PERENCANAAN, Role.TIM_PERENCANAAN}
)


def is_member_of(user, organization_id: int) -> bool:
    employee = employee_of(user)
    return employee is not None and employee.organization_id == organization_id


def position_with_role(user, organization_id: int, role: str) -> Position | None:
    """The user's position holding `role` in the organisation, if any: their own first,
    else one they act in today as Plt./Plh. (its `acting_kind` says which)."""
    matching = [
        p for p in positions_of(user) if p.organization_id == organization_id and p.role == role
    ]
    matching.sort(key=lambda p: acting_kind(p) is not None)
    return matching[0] if matching else None


def can_view_process(user, process: Process) -> bool:
    """Every signed-in user of the organisation may follow a process and download its files;
    so may a Pemkab reader, any OPD's (reading only: erkt.org.middleware)."""
    return (
        is_member_of(user, process.organization_id)
        or is_admin_of(user, process.organization_id)
        or is_pemkab(user)
    )


def oversees_every_unit(user, organization_id: int) -> bool:
    """The leadership, the planning line, the organisation's administrator; a Pemkab reader
    reads every unit of every OPD."""
    return (
        bool(roles_of(user) & UNIT_OVERSEER_ROLES)
        or is_admin_of(user, organization_id)
        or is_pemkab(user)
    )


def heads_unit(user, unit: Unit) -> bool:
    """The user holds the unit's head position (read from the cached positions: no query)."""
    head_id = unit.head_position_id
    return head_id is not None and any(p.pk == head_id for p in positions_of(user))


def can_view_task(user, task: Task) -> bool:
    """Whether the user may open the task, download its files and read its history.

    A task of the whole organisation is for everyone who follows the process; a per-unit
    task only for the unit's head (and the holders of its position) and for those who
    oversee every unit. Anyone else of the organisation is answered 404.
    """
    organization_id = task.process.organization_id
    if not can_view_process(user, task.process):
        return False
    if task.unit_id is None or oversees_every_unit(user, organization_id):
        return True
    return heads_unit(user, task.unit) or any(p.pk == task.position_id for p in positions_of(user))


def visible_tasks(user, organization_id: int) -> Q:
    """The filter on Task of what can_view_task allows, for lists of tasks."""
    return visible_tasks_of(visible_positions(user, organization_id))


def visible_positions(user, organization_id: int) -> list[int] | None:
    """What visible_tasks depends on: None for those who oversee every unit, else the ids
    of the user's positions."""
    if oversees_every_unit(user, organization_id):
        return None
    return [p.pk for p in positions_of(user)]


def visible_tasks_of(mine: Sequence[int] | None) -> Q:
    """visible_tasks of the positions visible_positions gave."""
    if mine is None:
        return Q()
    return Q(unit__isnull=True) | Q(unit__head_position__in=mine) | Q(position__in=mine)


def eligible_employees(task: Task) -> QuerySet[Employee]:
    """The holders of the task's position and its Plt./Plh. of today; a lane task includes
    every position of its role (and their substitutes)."""
    today = today_in(task.process.organization)
    if task.unit_id:
        return unit_task_eligible(task.position_id, today)
    return lane_task_eligible(task.process.organization_id, task.position.role, today)


def unit_task_eligible(position_id: int, today) -> QuerySet[Employee]:
    """eligible_employees of a unit task: its position's holders and Plt./Plh."""
    return Employee.objects.filter(
        Q(positions=position_id) | Q(pk__in=acting_holders(position_id, today))
    ).distinct()


def lane_task_eligible(organization_id: int, role: str, today) -> QuerySet[Employee]:
    """eligible_employees of a lane task: every position of its role, and substitutes."""
    positions = Position.objects.filter(organization_id=organization_id, role=role)
    # Holders and substitutes are the organisation's own (Substitution.clean): said here so
    # that the OR below reads one organisation's employees, not every OPD's.
    return (
        Employee.objects.filter(organization_id=organization_id)
        .filter(
            Q(positions__in=positions)
            | Q(pk__in=active_on(today).filter(position__in=positions).values("substitute_id"))
        )
        .distinct()
    )


def is_eligible(user, task: Task) -> bool:
    return bool(_positions_for(user, task))


def is_assignee(user, task: Task) -> bool:
    """Eligible, and the claimant when someone has claimed the task."""
    if not is_eligible(user, task):
        return False
    return task.claimed_by_id is None or task.claimed_by_id == employee_of(user).pk


def acting_position(user, task: Task) -> Position:
    """The position in which an assignee acts: the task's own, else their one with its role."""
    positions = _positions_for(user, task)
    own = next((p for p in positions if p.pk == task.position_id), None)
    if own is not None:
        return own  # as read with the user's positions: it carries `acting_kind`
    return positions[0] if positions else task.position


def _positions_for(user, task: Task) -> list[Position]:
    """The user's positions that make the task theirs (as eligible_employees, read from the
    positions the request has loaded once): the task's own; for a lane task, any of
    theirs with its role in the organisation."""
    if task.unit_id:
        return [p for p in positions_of(user) if p.pk == task.position_id]
    return [
        p
        for p in positions_of(user)
        if p.organization_id == task.process.organization_id and p.role == task.position.role
    ]


def can_reassign(user, task: Task) -> bool:
    """The Kasubbag Perencanaan distributes the work of the lanes."""
    return (
        position_with_role(user, task.process.organization_id, Role.KASUBBAG_PERENCANAAN)
        is not None
    )


def who_can_act(tasks: Sequence[Task]) -> dict[int, list[Employee]]:
    """The people who can act on each task, {task pk: employees}: whom its notices go to.

    A claimed task is its claimant's; else every eligible holder's (eligible_employees:
    the task's position, or for a lane task every position of its role). Two queries for
    any number of tasks, with each employee's user; today's substitutes (Plt./Plh.) of
    an unclaimed task's position are among them.
    """
    result: dict[int, list[Employee]] = {task.pk: [] for task in tasks}
    unclaimed = [task for task in tasks if task.claimed_by_id is None]
    claimed = {task.pk: task.claimed_by_id for task in tasks if task.claimed_by_id}
    positions = {task.position_id for task in unclaimed if task.unit_id}
    roles = {(task.process.organization_id, task.position.role) for task in unclaimed}
    lanes = Q()
    for organization_id, role in roles:
        lanes |= Q(position__organization_id=organization_id, position__role=role)
    wanted = Q(position_id__in=positions) if positions else Q(pk__in=[])
    if any(not task.unit_id for task in unclaimed):
        wanted |= lanes
    if claimed:
        wanted |= Q(employee_id__in=set(claimed.values()))
    rows = list(
        Employee.positions.through.objects.filter(wanted)
        .select_related("employee__user", "position")
        .order_by("employee_id", "position_id")
    )
    substitutions = _substitutions_for(unclaimed, lanes, positions)
    for task in tasks:
        seen: dict[int, Employee] = {}
        for row in rows:
            employee, position = row.employee, row.position
            if task.pk in claimed:
                mine = employee.pk == claimed[task.pk]
            elif task.unit_id:
                mine = position.pk == task.position_id
            else:
                mine = (
                    position.organization_id == task.process.organization_id
                    and position.role == task.position.role
                )
            if mine:
                seen.setdefault(employee.pk, employee)
        if task.pk not in claimed:
            for substitution in _acting_in(task, substitutions):
                seen.setdefault(substitution.substitute_id, substitution.substitute)
        result[task.pk] = list(seen.values())
    return result


def _substitutions_for(tasks: Sequence[Task], lanes: Q, positions: set[int]) -> list:
    """The Plt./Plh. substitutions that may cover `tasks` today, in one query."""
    if not tasks:
        return []
    days = {today_in(task.process.organization) for task in tasks}
    wanted = Q(position_id__in=positions) if positions else Q(pk__in=[])
    if any(not task.unit_id for task in tasks):
        wanted |= lanes
    return list(
        Substitution.objects.filter(wanted, start_date__lte=max(days), end_date__gte=min(days))
        .select_related("substitute__user", "position")
        .order_by("pk")
    )


def _acting_in(task: Task, substitutions: list) -> list:
    today = today_in(task.process.organization)
    return [
        substitution
        for substitution in substitutions
        if substitution.start_date <= today <= substitution.end_date
        and (
            substitution.position_id == task.position_id
            if task.unit_id
            else substitution.position.organization_id == task.process.organization_id
            and substitution.position.role == task.position.role
        )
    ]
