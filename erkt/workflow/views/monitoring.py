from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from erkt.org import layout
from erkt.workflow import monitoring_html
from erkt.workflow.monitoring import Monitoring, require_monitor
from erkt.workflow.monitoring import monitoring as build_monitoring


@login_required
@require_GET
def monitoring(request: HttpRequest) -> HttpResponse:
    """Pemantauan: who holds which open task, what is late, how long each step really takes.

    For the planning line (Kepala, Sekretaris, Kasubbag Perencanaan, Tim Perencanaan) and the
    organisation's administrator; `?proses=<id>` chooses the process of the durations.
    """
    organization = require_monitor(request.user)
    data = build_monitoring(organization, request.GET.get("proses"))
    # Written in Python, the layout too (erkt.workflow.monitoring_html.page_content,
    # erkt.org.layout.page): the HTML of the template it replaced.
    with timezone.override(organization.time_zone):
        content = monitoring_html.page_content(data, tables_of(data))
        return layout.page(request, gettext("Pemantauan"), content)


def tables_of(data: Monitoring) -> dict:
    """The tables' rows as HTML (erkt.workflow.monitoring_html: no template node per row),
    sharing what they escape and format (a process's name, a step's text, a day)."""
    cells = monitoring_html.Cells(data.processes, data.deadlines)
    return {
        "holders": monitoring_html.holder_rows(data.holders, cells),
        "late": monitoring_html.late_rows(data.late, cells),
        "options": monitoring_html.process_options(data.processes, data.process, cells),
        "durations": monitoring_html.duration_rows(data.durations, True, cells),
        "history": monitoring_html.duration_rows(data.history, False, cells),
    }
