from django.http import HttpRequest

from erkt.org.access import employee_of, is_pemkab, pemkab_membership_of, positions_of, roles_of


def navigation(request: HttpRequest) -> dict:
    """Who the user is, for the navigation bar: two queries, both cached on request.user.

    `me`: the Employee (with its organisation) or None; `my_positions`: their jabatan
    (with units); `my_roles`: the set of Role values, for the guards in nav.html.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "me": employee_of(user),
        "my_positions": positions_of(user),
        "my_roles": roles_of(user),
        # The Pemkab reader's membership, or None (no query for a pegawai: erkt.org.access).
        "my_pemkab": pemkab_membership_of(user) if is_pemkab(user) else None,
    }
