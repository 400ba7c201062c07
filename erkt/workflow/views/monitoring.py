from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from erkt.workflow.monitoring import monitoring as build_monitoring
from erkt.workflow.monitoring import require_monitor
from erkt.workflow.views.common import render_for


@login_required
@require_GET
def monitoring(request: HttpRequest) -> HttpResponse:
    """Pemantauan: who holds which open task, what is late, how long each step really takes.

    For the planning line (Kepala, Sekretaris, Kasubbag Perencanaan, Tim Perencanaan) and the
    organisation's administrator; `?proses=<id>` chooses the process of the durations.
    """
    organization = require_monitor(request.user)
    data = build_monitoring(organization, request.GET.get("proses"))
    return render_for(request, "workflow/monitoring.html", {"m": data}, organization)
