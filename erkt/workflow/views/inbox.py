from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from erkt.workflow.pages import inbox_tasks


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Kotak Tugas: the user's open tasks, the nearest due date first."""
    return render(request, "workflow/inbox.html", {"tasks": inbox_tasks(request.user)})
