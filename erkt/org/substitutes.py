"""Who acts in a position today: its holders, and its Plt./Plh. (erkt.org.models.Substitution).

The small lookups other apps call (the engine's permissions, the notifications, the
documents). A position read through erkt.org.access.positions_of carries `acting_kind`:
None for the user's own jabatan, "plt"/"plh" for one they act in today.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import connection
from django.db.models import CharField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from erkt.org.models import Employee, Organization, Position, Substitution


def today_in(organization: Organization) -> datetime.date:
    """Today's date in the organisation's time zone (as the working calendar's today)."""
    return timezone.now().astimezone(zoneinfo.ZoneInfo(organization.time_zone)).date()


def active_on(on_date: datetime.date) -> QuerySet[Substitution]:
    return Substitution.objects.filter(start_date__lte=on_date, end_date__gte=on_date)


def acting_holders(position: Position, on_date: datetime.date) -> QuerySet[Employee]:
    """The employees acting (Plt./Plh.) in `position` on `on_date` (at most one)."""
    return Employee.objects.filter(
        pk__in=active_on(on_date).filter(position=position).values("substitute_id")
    )


def positions_acted_by(employee: Employee, on_date: datetime.date) -> QuerySet[Position]:
    """The positions `employee` acts in (Plt./Plh.) on `on_date`."""
    return Position.objects.filter(
        pk__in=active_on(on_date).filter(substitute=employee).values("position_id")
    )


def substitution_for(employee: Employee, position: Position, on_date: datetime.date):
    """The employee's Substitution in `position` on `on_date`, or None."""
    return (
        active_on(on_date)
        .filter(substitute=employee, position=position)
        .select_related("position")
        .first()
    )


def own_and_acting_positions(employee: Employee) -> QuerySet[Position]:
    """The employee's own positions and those they act in today, in one query.

    Each carries `acting_kind` (None for their own). Both parts are subqueries on the
    position's key, so a position with several holders is never read twice.

    The subqueries are written out: every request reads the user's positions, and Django
    built and compiled the same query from Q, Subquery and OuterRef objects in several
    times the time the database takes to answer it. They say what
    ``Q(pk__in=<holders>.filter(employee=e)) | Q(pk__in=active_on(today).filter(substitute=e))``
    and ``Subquery(active_on(today).filter(substitute=e, position=OuterRef("pk")))`` said.
    """
    quote = connection.ops.quote_name
    today = connection.ops.adapt_datefield_value(today_in(employee.organization))
    substitution = quote(Substitution._meta.db_table)
    holders = quote(Position.holders.through._meta.db_table)
    position_key = f"{quote(Position._meta.db_table)}.{quote(Position._meta.pk.column)}"

    def column(table: str, name: str) -> str:
        return f"{table}.{quote(name)}"

    active = (
        f"{column(substitution, 'substitute_id')} = %s"
        f" AND {column(substitution, 'start_date')} <= %s"
        f" AND {column(substitution, 'end_date')} >= %s"
    )
    acting = (
        f"SELECT {column(substitution, 'kind')} FROM {substitution}"
        f" WHERE {active} AND {column(substitution, 'position_id')} = {position_key} LIMIT 1"
    )
    own_or_acting = (
        f"SELECT {column(holders, 'position_id')} FROM {holders}"
        f" WHERE {column(holders, 'employee_id')} = %s"
        f" UNION SELECT {column(substitution, 'position_id')} FROM {substitution} WHERE {active}"
    )
    return Position.objects.filter(
        pk__in=RawSQL(own_or_acting, (employee.pk, employee.pk, today, today))
    ).annotate(acting_kind=RawSQL(acting, (employee.pk, today, today), output_field=CharField()))


def acting_kind(position: Position | None) -> str | None:
    """ "plt"/"plh" when the position was read as one the user acts in, else None."""
    return getattr(position, "acting_kind", None) if position is not None else None


def acting_title(position: Position) -> str:
    """The jabatan as the user signs in it: 'Plh. Kepala Bidang PSDM' or 'Kepala Bidang PSDM'."""
    kind = acting_kind(position)
    if not kind:
        return position.title
    return f"{Substitution.Kind(kind).label} {position.title}"


def holder_names(position: Position) -> str:
    """The holders of the position, as 'atas nama' names ('' for a vacant position)."""
    names = [e.full_name for e in position.holders.order_by("pk")]
    return ", ".join(names) if names else _("(jabatan kosong)")


def acting_phrase(kind: str, name: str, on_behalf_of: str) -> str:
    """'Plh. Budi atas nama Siti'."""
    return _("%(kind)s %(name)s atas nama %(holder)s") % {
        "kind": Substitution.Kind(kind).label,
        "name": name,
        "holder": on_behalf_of,
    }
