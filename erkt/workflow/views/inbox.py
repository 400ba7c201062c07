from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from erkt.org import layout
from erkt.org.models import Role
from erkt.workflow.inbox import inbox_body
from erkt.workflow.pages import has_role, inbox_tasks, remember_open_task_count
from erkt.workflow.superiors import overdue_tasks_under


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Kotak Tugas: the user's open tasks, the nearest due date first.

    An empty box tells the Kepala Badan where a new RKT starts (step 1 is theirs
    only once they start the process on the Proses page). A superior also sees the late
    tasks of the people they lead.

    The box is written in Python (erkt.workflow.inbox.inbox_body) and so is the layout
    around it (erkt.org.layout.page): no template is rendered.
    """
    tasks = inbox_tasks(request.user)
    remember_open_task_count(request, tasks)
    # The SOP's Peringatan: a late step is shown to the superior of those responsible.
    late_under = overdue_tasks_under(request.user, exclude={t.pk for t in tasks})
    may_start = has_role(request.user, Role.KEPALA)
    body = inbox_body(tasks, late_under, may_start=may_start)
    return layout.page(request, gettext("Kotak Tugas"), f"\n{body}\n\n")
