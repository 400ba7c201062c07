from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from erkt.workflow import monitoring_html
from erkt.workflow.monitoring import Monitoring, require_monitor
from erkt.workflow.monitoring import monitoring as build_monitoring
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
    context = {"m": data, "tables": tables_of(data)}
    return render_for(request, "workflow/monitoring.html", context, organization)


def tables_of(data: Monitoring) -> dict:
    """The tables' rows as HTML (erkt.workflow.monitoring_html: no template node per row)."""
    return {
        "holders": monitoring_html.holder_rows(data.holders),
        "late": monitoring_html.late_rows(data.late),
        "options": monitoring_html.process_options(data.processes, data.process),
        "durations": monitoring_html.duration_rows(data.durations, show_passes=True),
        "history": monitoring_html.duration_rows(data.history, show_passes=False),
    }
