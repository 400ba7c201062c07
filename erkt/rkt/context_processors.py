from django.http import HttpRequest

from erkt.org.access import employee_of, unwrapped
from erkt.rkt.unit_forms.access import works_on_forms


def rkt_navigation(request: HttpRequest) -> dict:
    """`offers_form_rkt` for the RKT menu: read from the cached employee and positions, no query.

    The menu links to rkt:unit_form_current, which finds the form when clicked,
    so no page pays for looking up the running process.
    """
    user = unwrapped(getattr(request, "user", None))
    employee = employee_of(user) if user is not None else None
    if employee is None:
        return {}
    return {"offers_form_rkt": works_on_forms(user, employee.organization_id)}
