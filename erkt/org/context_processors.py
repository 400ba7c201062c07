from django.http import HttpRequest

from erkt.org.access import (
    employee_of,
    is_pemkab,
    pemkab_membership_of,
    positions_of,
    roles_of,
    unwrapped,
)
from erkt.org.models import PemkabMembership


def navigation(request: HttpRequest) -> dict:
    """Who the user is, for the navigation bar: at most two queries, cached on request.user
    (one when the session's backend read the employee with the user).

    `me`: the Employee (with its organisation) or None; `my_positions`: their jabatan
    (with units); `my_roles`: the set of Role values, for the navigation's guards
    (erkt/org/navigation.py). The queries: erkt.org.signed_in.
    """
    # The user behind request.user's lazy object, read once for the five helpers below.
    user = unwrapped(getattr(request, "user", None))
    if user is None or not user.is_authenticated:
        return {}
    me = employee_of(user)
    return {
        "me": me,
        "my_positions": positions_of(user),
        "my_roles": roles_of(user),
        # The Pemkab reader's membership, or None: a pegawai is never one (erkt.org.access).
        "my_pemkab": None if me is not None else pemkab_of(user),
    }


def pemkab_of(user) -> PemkabMembership | None:
    return pemkab_membership_of(user) if is_pemkab(user) else None
