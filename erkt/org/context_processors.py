from django.http import HttpRequest

from erkt.org.access import employee_of, roles_of


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar shows this user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"me": employee_of(user), "my_roles": roles_of(user)}
