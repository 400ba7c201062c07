"""Who acts in a position today: its holders, and its Plt./Plh. (erkt.org.models.Substitution).

The small lookups other apps call (the engine's permissions, the notifications, the
documents). A position read through erkt.org.access.positions_of carries `acting_kind`:
None for the user's own jabatan, "plt"/"plh" for one they act in today.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import OuterRef, Q, QuerySet, Subquery
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
    """
    today = today_in(employee.organization)
    active = active_on(today).filter(substitute=employee)
    own = Position.holders.through.objects.filter(employee=employee).values("position_id")
    return Position.objects.filter(Q(pk__in=own) | Q(pk__in=active.values("position_id"))).annotate(
        acting_kind=Subquery(active.filter(position=OuterRef("pk")).values("kind")[:1])
    )


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
