from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from erkt.org.models import Role
from erkt.workflow.pages import has_role, inbox_tasks


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Kotak Tugas: the user's open tasks, the nearest due date first.

    An empty box tells the Kepala Badan where a new RKT starts (step 1 is theirs
    only once they start the process on the Proses page).
    """
    context = {
        "tasks": inbox_tasks(request.user),
        "may_start": has_role(request.user, Role.KEPALA),
    }
    return render(request, "workflow/inbox.html", context)
