from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from erkt.workflow.pages import open_task_count_of


def open_task_count(request: HttpRequest) -> dict:
    """`open_task_count` for the Kotak Tugas badge: at most one COUNT query per request,
    only if a page shows it (none on the inbox, which has read the tasks already)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"open_task_count": SimpleLazyObject(lambda: open_task_count_of(request))}
