from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from erkt.org import layout
from erkt.org.models import Role
from erkt.workflow import home_html
from erkt.workflow.home import home_of, panels_for
from erkt.workflow.inbox import inbox_body
from erkt.workflow.models import Task
from erkt.workflow.pages import has_role, inbox_tasks, remember_open_task_count
from erkt.workflow.superiors import overdue_tasks_under

HISTORY_PAGE_SIZE = 50


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The first page after login: the panels of the user's roles above their Kotak Tugas."""
    tasks = inbox_tasks(request.user)
    remember_open_task_count(request, tasks)
    home = home_of(request.user)
    panels = panels_for(home)
    late_under = overdue_tasks_under(request.user, exclude={t.pk for t in tasks})
    may_start = has_role(request.user, Role.KEPALA) and home.process is None
    inbox = inbox_body(tasks, late_under, on_home=True, may_start=may_start)
    # No template (erkt.workflow.home_html inside erkt.org.layout.page): its nodes cost more
    # than the panels and the Kotak Tugas they put together; the HTML is the same.
    heading = home_html.labels()[0]
    return layout.page(request, mark_safe(heading), home_html.page_content(home, panels, inbox))


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    """Riwayat tugas saya: the tasks the user completed, newest first, 50 a page."""
    done = (
        Task.objects.filter(completed_by=request.user, status=Task.Status.DONE)
        .select_related("process__sop_version", "step_run__step", "unit")
        .order_by("-completed_at", "-pk")
    )
    page = Paginator(done, HISTORY_PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(request, "workflow/history.html", {"page": page})
