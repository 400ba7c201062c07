from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from erkt.compiled_sql import Shape
from erkt.org import layout
from erkt.org.access import organization_of, roles_of
from erkt.org.models import Organization, Role
from erkt.rkt import renstra_html
from erkt.rkt.forms import RenstraImportForm
from erkt.rkt.models import MAX_YEAR, MIN_YEAR, Renstra
from erkt.rkt.renstra_excel import (
    XLSX_MIME,
    RenstraFileError,
    build_workbook,
    export_renstra,
    import_renstra,
    rules,
)
from erkt.rkt.renstra_page import program_rows, renstra_labels, sasaran_rows, tree_of

IMPORT_ROLES = {Role.KASUBBAG_PERENCANAAN, Role.TIM_PERENCANAAN}


def can_import_renstra(user) -> bool:
    return user.is_staff or bool(roles_of(user) & IMPORT_ROLES)


def _renstra(request: HttpRequest, pk: int) -> Renstra:
    return get_object_or_404(Renstra, pk=pk, organization=organization_of(request.user))


def _xlsx(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Compiled once (erkt.compiled_sql).
PERIODS = Shape(
    lambda organization_id: Renstra.objects.filter(organization_id=organization_id).order_by(
        "-period_start"
    )
)


def _periods(request: HttpRequest) -> list[Renstra]:
    """Every Renstra of the user's organisation, the latest period first (Meta.ordering
    within one organisation): the page's menu of periods and where it finds the one shown."""
    return PERIODS.rows(organization_of(request.user).pk)


def _render_renstra(
    request: HttpRequest, renstra: Renstra | None, periods: list[Renstra]
) -> HttpResponse:
    tables = {}
    if renstra is not None:
        renstra = tree_of(renstra)
        tables = {"sasaran_rows": sasaran_rows(renstra), "program_rows": program_rows(renstra)}
    content = renstra_html.page_content(renstra, periods, can_import_renstra(request.user), tables)
    return layout.page(request, renstra_labels()["renstra"], content, head=renstra_html.HEAD)


@login_required
@require_GET
def renstra_current(request: HttpRequest) -> HttpResponse:
    """The Renstra covering this year (else the latest in force, else the latest draft):
    Renstra.covering's choice, made among the periods the page lists anyway."""
    periods = _periods(request)
    year = timezone.localdate().year
    in_force = [period for period in periods if period.status == Renstra.Status.DITETAPKAN]
    covering = (p for p in in_force if p.period_start <= year <= p.period_end)
    renstra = next(covering, None) or next(iter(in_force), None) or next(iter(periods), None)
    return _render_renstra(request, renstra, periods)


@login_required
@require_GET
def renstra_detail(request: HttpRequest, pk: int) -> HttpResponse:
    periods = _periods(request)
    renstra = next((period for period in periods if period.pk == pk), None)
    if renstra is None:
        raise Http404
    return _render_renstra(request, renstra, periods)


@login_required
@require_GET
def renstra_export(request: HttpRequest, pk: int) -> HttpResponse:
    filename, _mimetype, content = export_renstra(_renstra(request, pk))
    return _xlsx(filename, content)


def _template_start(request: HttpRequest, organization: Organization) -> int:
    """?tahun_awal=2025, else the period of the Renstra in force, else this year."""
    asked = request.GET.get("tahun_awal", "")
    if asked.isdigit() and MIN_YEAR <= int(asked) <= MAX_YEAR:
        return int(asked)
    year = timezone.localdate().year
    current = Renstra.covering(organization, year)
    return current.period_start if current else year


@login_required
@require_GET
def renstra_template(request: HttpRequest) -> HttpResponse:
    organization = organization_of(request.user)
    start = _template_start(request, organization)
    content = build_workbook(organization, period_start=start)
    return _xlsx(f"template-renstra-{start}-{start + 4}.xlsx", content)


@login_required
@require_http_methods(["GET", "POST"])
def renstra_import(request: HttpRequest) -> HttpResponse:
    """Upload a filled template; all of it is imported, or nothing and every error is listed."""
    organization = organization_of(request.user)
    if not can_import_renstra(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = RenstraImportForm(request.POST, request.FILES) if posted else RenstraImportForm()
    errors = []
    if posted and form.is_valid():
        try:
            renstra, data = import_renstra(
                organization, form.cleaned_data["file"].read(), by=request.user
            )
        except RenstraFileError as refused:
            errors = refused.errors
        else:
            messages.success(request, _success_message(renstra, data.counts()))
            return redirect("rkt:renstra_detail", pk=renstra.pk)
    context = {"form": form, "errors": errors, "rules": rules()}
    return render(request, "rkt/renstra_import.html", context, status=422 if posted else 200)


def _success_message(renstra: Renstra, counts: dict[str, int]) -> str:
    return _(
        "Renstra %(period)s diimpor: %(tujuan)s tujuan, %(sasaran)s sasaran strategis, "
        "%(indikator)s indikator (%(iku)s IKU), %(program)s program, %(kegiatan)s kegiatan, "
        "%(sub_kegiatan)s sub kegiatan."
    ) % {"period": renstra.period_label, **counts}
