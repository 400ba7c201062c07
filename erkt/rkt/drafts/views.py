"""The RKT pages anyone of the organisation may read: the RKT, versions, diffs, corrections."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from erkt.compiled_sql import Shape
from erkt.org import layout
from erkt.org.access import organization_of
from erkt.rkt.drafts import index_rows, page_html
from erkt.rkt.drafts.access import get_process, get_version
from erkt.rkt.drafts.diff import diff
from erkt.rkt.drafts.forms import DiffForm
from erkt.rkt.drafts.labels import page_labels
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow
from erkt.rkt.drafts.steps import KOMPILASI, PENGESAHAN
from erkt.rkt.drafts.table import build_table, table_head_html, table_rows_html
from erkt.rkt.templatetags.rkt_format import formatters
from erkt.url_cache import remembered
from erkt.workflow import actions
from erkt.workflow.models import Process, Task
from erkt.workflow.views.common import render_for

# What build_table and the page read of a row.
TABLE_FIELDS = ("order", "key", *DraftRow.CONTENT_FIELDS)
DRAFT_FIELDS = (
    "process",
    "number",
    "status",
    "task",
    "note",
    "forms_compiled",
    "corrections_accepted",
    "corrections_rejected",
    "created_at",
    "frozen_at",
)
# Of the users who made and froze a version: the name the page shows, or the username.
PERSON_FIELDS = tuple(
    f"{who}__{field}"
    for who in ("created_by", "frozen_by")
    for field in (
        "username",
        "employee__name",
        "employee__gelar_depan",
        "employee__gelar_belakang",
    )
)


# The versions with who made them and their open corrections, compiled once
# (erkt.compiled_sql).
VERSIONS = Shape(
    lambda process_id: (
        DraftRkt.objects.filter(process_id=process_id)
        .select_related("created_by__employee", "frozen_by__employee")
        .only(*DRAFT_FIELDS, *PERSON_FIELDS)
        .annotate(
            correction_count=Count(
                "corrections", filter=~Q(corrections__status=Correction.Status.NOTED)
            )
        )
        .order_by("number")
    )
)


def _versions(process: Process) -> list[DraftRkt]:
    versions = VERSIONS.rows(process.pk)
    for version in versions:
        version.process = process  # as filter(process=process) leaves it: no query
    return versions


# The open tasks of steps 6-10, compiled once (erkt.compiled_sql).
OPEN_RKT_TASKS = Shape(
    lambda process_id: Task.objects.filter(
        process_id=process_id,
        status=Task.Status.OPEN,
        step_run__number__gte=KOMPILASI,
        step_run__number__lte=PENGESAHAN,
    ).select_related("step_run__step", "position", "unit")
)


def my_step_links(process: Process, user) -> list[tuple[str, str]]:
    """The buttons of the user's open tasks of steps 6-10: the step actions' links, then the
    task page, where the task is completed (without it this page is a dead end)."""
    tasks = OPEN_RKT_TASKS.rows(process.pk)
    page = remembered("rkt:drafts:page", process.pk)
    links: list[tuple[str, str]] = []
    for task in tasks:
        task.process = process
        if task.can_be_completed_by(user):
            label = _("Ke halaman tugas langkah %(number)s") % {"number": task.step_run.number}
            found = [
                *actions.get(task.step_run.step.action).links(task, user),
                (label, remembered("workflow:task", task.pk)),
            ]
            links += [link for link in found if link not in links and link[1] != page]
    return links


# A version's rows in the Meta ordering within one version (without its joins to the
# version and process), as values; compiled once (erkt.compiled_sql).
DRAFT_ROWS = Shape(
    lambda draft_id: (
        DraftRow.objects.filter(draft_id=draft_id).order_by("order").values(*TABLE_FIELDS)
    )
)


def _render_version(
    request: HttpRequest, process: Process, versions: list[DraftRkt], draft: DraftRkt | None
) -> HttpResponse:
    # The Meta ordering within one version, without its joins to the version and process;
    # the rows as values (the table only reads them: no model instance per row).
    rows = []
    if draft is not None:
        rows = [SimpleNamespace(**row) for row in DRAFT_ROWS.rows(draft.pk)]
    table = build_table(rows)
    _angka, rupiah = formatters()
    step_links = my_step_links(process, request.user) if process.is_running else []
    # Written in Python (erkt.rkt.drafts.page_html); dates in the organisation's zone, as
    # render_for shows them.
    with timezone.override(process.organization.time_zone):
        content = page_html.page_content(
            process,
            versions,
            draft,
            {
                "head": table_head_html(process.year),
                "rows": table_rows_html(table, rupiah),
                "total": table.total,
                "rupiah": rupiah,
            },
            step_links,
        )
    title = page_html.title(page_labels(), process, draft)
    return layout.page(request, title, content, head=page_html.head())


@login_required
@require_GET
def rkt_index(request: HttpRequest) -> HttpResponse:
    """Every RKT process of the organisation with its current version."""
    organization = organization_of(request.user)
    # Values written in Python (erkt.rkt.drafts.index_rows): no model or node per row.
    context = {"rows": index_rows.rows_html(index_rows.rkt_processes(organization))}
    return render_for(request, "rkt/drafts/index.html", context, organization)


@login_required
@require_GET
def rkt_year(request: HttpRequest, year: int) -> HttpResponse:
    """The RKT of a year: the running process, else the latest finished one."""
    processes = Process.objects.filter(organization=organization_of(request.user), year=year)
    process = (
        processes.filter(status=Process.Status.RUNNING).first()
        or processes.exclude(status=Process.Status.CANCELLED).order_by("-start_date", "-pk").first()
    )
    if process is None:
        raise Http404
    return redirect("rkt:drafts:page", process.pk)


@login_required
@require_GET
def rkt_page(request: HttpRequest, process_id: int) -> HttpResponse:
    """The current version as the official RKT table."""
    process = get_process(request, process_id)
    versions = _versions(process)
    return _render_version(request, process, versions, versions[-1] if versions else None)


@login_required
@require_GET
def version_page(request: HttpRequest, process_id: int, number: int) -> HttpResponse:
    process = get_process(request, process_id)
    versions = _versions(process)
    draft = next((version for version in versions if version.number == number), None)
    if draft is None:
        raise Http404
    return _render_version(request, process, versions, draft)


@login_required
@require_GET
def corrections_page(request: HttpRequest, process_id: int, number: int) -> HttpResponse:
    """The verdicts and corrections recorded on a version, and what became of them."""
    process = get_process(request, process_id)
    draft = get_version(process, number)
    related = ("unit", "author__employee", "decided_by__employee", "resolved_in", "draft")
    order = ("source", "unit__order", "created_at", "pk")
    corrections = list(draft.corrections.select_related(*related).order_by(*order))
    # The decided corrections of earlier versions that step 8 carried into this one.
    resolved = list(draft.resolved_corrections.select_related(*related).order_by(*order))
    rows = {row.key: row for row in draft.rows.all()}
    for correction in corrections + resolved:
        correction.row = rows.get(correction.row_key)
    context = {
        "process": process,
        "draft": draft,
        "corrections": [c for c in corrections if c.verdict != Correction.Verdict.SESUAI],
        "sesuai": [c for c in corrections if c.verdict == Correction.Verdict.SESUAI],
        "resolved": resolved,
    }
    return render_for(request, "rkt/drafts/corrections.html", context, process.organization)


@login_required
@require_GET
def diff_page(request: HttpRequest, process_id: int) -> HttpResponse:
    """Rows added, removed and changed (old -> new) between two chosen versions."""
    process = get_process(request, process_id)
    numbers = list(process.drafts.order_by("number").values_list("number", flat=True))
    if not numbers:
        raise Http404
    initial = {"dari": max(numbers[-1] - 1, numbers[0]), "ke": numbers[-1]}
    form = DiffForm(request.GET or initial, numbers=numbers)
    if not form.is_valid():
        raise Http404
    old = get_version(process, form.cleaned_data["dari"])
    new = get_version(process, form.cleaned_data["ke"])
    context = {"process": process, "form": form, "result": diff(old, new)}
    return render_for(request, "rkt/drafts/diff.html", context, process.organization)
