"""Who the signed-in user is in the organisation, and the checks views use."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.functional import SimpleLazyObject, empty

from erkt.compiled_sql import Shape
from erkt.org.models import Employee, Organization, PemkabMembership, Position, Role
from erkt.org.signed_in import positions_with_units


def unwrapped(user):
    """The user object behind request.user, a SimpleLazyObject whose every attribute read costs
    some four Python calls (the helpers below read several each, a dozen times a page)."""
    if type(user) is SimpleLazyObject:
        wrapped = user._wrapped  # each read of it is a Python call (LazyObject's getattribute)
        if wrapped is empty:
            user._setup()
            wrapped = user._wrapped
        return wrapped
    return user


def employee_of(user: AbstractBaseUser | AnonymousUser) -> Employee | None:
    user = unwrapped(user)
    if not user.is_authenticated:
        return None
    # One query with the organisation, cached on the user object: the navigation,
    # the footer and every access check ask for it on each request. A session's user
    # comes with it already (erkt.org.signed_in.EmployeeBackend reads both in one query).
    if not hasattr(user, "_erkt_employee"):
        user._erkt_employee = (
            Employee.objects.select_related("organization").filter(user=user).first()
        )
    return user._erkt_employee


def pemkab_membership_of(user) -> PemkabMembership | None:
    """The user's Pemkab membership (a read-only reader of every OPD), cached on the user."""
    # A pegawai of an OPD is never one (PemkabMembership.clean): the cached employee
    # spares every OPD user's request the query.
    user = unwrapped(user)
    if not user.is_authenticated or employee_of(user) is not None:
        return None
    if not hasattr(user, "_erkt_pemkab"):
        found = PEMKAB_MEMBERSHIP.rows(user.pk)
        user._erkt_pemkab = found[0] if found else None
    return user._erkt_pemkab


# PemkabMembership.objects.filter(user=user).first() (its Meta ordering), compiled once
# (erkt.compiled_sql): every page of a Pemkab reader asks it.
PEMKAB_MEMBERSHIP = Shape(
    lambda user_id: PemkabMembership.objects.filter(user_id=user_id).order_by("body", "name")[:1]
)


def is_pemkab(user) -> bool:
    """A Pemkab reader (Bappeda, Bagian Organisasi, Inspektorat): reads every OPD, changes
    nothing. An active account only."""
    user = unwrapped(user)
    return bool(user.is_authenticated and user.is_active and pemkab_membership_of(user))


def require_pemkab(user) -> PemkabMembership:
    if not is_pemkab(user):
        raise PermissionDenied
    return pemkab_membership_of(user)


def organization_of(user) -> Organization:
    """The user's organisation; a user outside every organisation sees nothing (404)."""
    employee = employee_of(user)
    if employee is None:
        raise Http404
    return employee.organization


def is_admin_of(user, organization_id: int) -> bool:
    """A staff account of the organisation (or of the whole deployment: no employee record)."""
    if not (user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)):
        return False
    employee = employee_of(user)
    return employee is None or employee.organization_id == organization_id


def positions_of(user) -> list[Position]:
    user = unwrapped(user)
    employee = employee_of(user)
    if employee is None:
        return []
    # Cached on the user object: navigation and permission checks ask repeatedly per request.
    # One query, with the positions the user acts in today as Plt./Plh. (`acting_kind`).
    # Position's ordering, by the organisation's key instead of its name: the same order
    # within one organisation (an employee's positions and substitutions are all in theirs)
    # without joining the organisation. Written out (erkt.org.signed_in.positions_sql): Django
    # built and compiled the query on every request in several times the database's time.
    if not hasattr(user, "_erkt_positions"):
        user._erkt_positions = positions_with_units(employee)
    return user._erkt_positions


def roles_of(user) -> set[str]:
    return {p.role for p in positions_of(user)}


def require_role(user, *roles: Role) -> None:
    if not roles_of(user) & set(roles):
        raise PermissionDenied
