from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from erkt.workflow.pages import open_tasks_for


def open_task_count(request: HttpRequest) -> dict:
    """`open_task_count` for the Kotak Tugas badge: one COUNT query, only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"open_task_count": SimpleLazyObject(lambda: open_tasks_for(user).count())}
