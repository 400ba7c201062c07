"""The Form RKT pages: a unit's form (rows, Excel, sending) and the Tim's overview.

Every row action works as a plain form post (redirect back to the page) and,
with htmx, as an inline edit that swaps only the table. A unit head asking for
another unit's form gets 404: for them it does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from erkt.compiled_sql import Shape
from erkt.org import csrf_token, layout
from erkt.org.access import organization_of
from erkt.rkt.unit_forms import access, page_html, services
from erkt.rkt.unit_forms.excel import FormFileError, export_form, read_form_file
from erkt.rkt.unit_forms.forms import ReturnForm, RowForm, SubmitForm, UploadForm
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.pages import form_context, overview_context
from erkt.rkt.unit_forms.rules import COMMON_SATUAN
from erkt.workflow.errors import Conflict, WorkflowError
from erkt.workflow.pages import get_process
from erkt.workflow.views.common import render_for

PAGE = "rkt/unit_forms/form.html"
ROW_PAGE = "rkt/unit_forms/row_form.html"
OVERVIEW = "rkt/unit_forms/overview.html"
NO_VERSION = gettext_lazy("Versi data tidak terkirim; muat ulang halaman.")


# The form with what its pages show, of an organisation; by pk, so without the joins of
# FormRkt.Meta.ordering; compiled once (erkt.compiled_sql).
FORM_OF_ORGANIZATION = Shape(
    lambda organization_id, pk: (
        FormRkt.objects.select_related(
            "process__organization",
            "process__sop_version",
            "unit",
            "submitted_by__employee",
            "returned_by__employee",
        )
        .filter(pk=pk, process__organization_id=organization_id)
        .order_by()[:1]
    )
)


def get_form(request: HttpRequest, pk: int) -> FormRkt:
    """The form if the user may read it; 404 otherwise (another unit, another organisation)."""
    found = FORM_OF_ORGANIZATION.rows(organization_of(request.user).pk, pk)
    form = found[0] if found else None
    if form is None or not access.can_read(request.user, form):
        raise Http404
    return form


def get_editable_form(request: HttpRequest, pk: int) -> FormRkt:
    form = get_form(request, pk)
    if not access.can_edit(request.user, form):
        raise PermissionDenied
    return form


def get_row(form: FormRkt, row_pk: int) -> FormRktRow:
    row = form.rows.select_related("kegiatan__program", "sub_kegiatan").filter(pk=row_pk).first()
    if row is None:
        raise Http404
    return row


def posted_version(request: HttpRequest) -> int | None:
    """The version the posting page was loaded with (a hidden input), None when missing."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


def page_context(request: HttpRequest, form: FormRkt, **extra) -> dict:
    context = form_context(request.user, form, **extra)
    if context["may_edit"]:  # the rows' delete buttons are forms
        context["csrf_token"] = csrf_token.get_token(request)
    return context


def render_page(request: HttpRequest, form: FormRkt, status: int = 200, **extra) -> HttpResponse:
    """The page written in Python (page_html), its dates in the organisation's zone."""
    context = page_context(request, form, **extra)
    with timezone.override(form.process.organization.time_zone):
        content = page_html.page_content(request, context)
    response = layout.page(request, page_html.title(form), content)
    response.status_code = status
    return response


def render_body(request: HttpRequest, form: FormRkt, status: int = 200, **extra) -> HttpResponse:
    """The table and its totals, swapped in place of #form-body whatever the htmx target was."""
    context = page_context(request, form, **extra)
    with timezone.override(form.process.organization.time_zone):
        response = HttpResponse(page_html.body(request, context), status=status)
    return reswap(retarget(response, "#form-body"), "outerHTML")


def after_change(
    request: HttpRequest, form: FormRkt, notice: str, anchor: str = ""
) -> HttpResponse:
    if request.htmx:
        return render_body(request, form, notice=notice)
    messages.success(request, notice)
    return redirect(reverse("rkt:unit_form", args=[form.pk]) + anchor)


def refused(request: HttpRequest, form: FormRkt, error: WorkflowError) -> HttpResponse:
    if request.htmx:
        return render_body(request, form, error.status, error=error.message)
    return render_page(request, form, error.status, error=error.message)


@login_required
@require_GET
def unit_form(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's Form RKT: read-only once sent, editable by its head before."""
    return render_page(request, get_form(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def row_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = get_editable_form(request, pk)
    return _row_form(request, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def row_edit(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    form = get_editable_form(request, pk)
    return _row_form(request, form, get_row(form, row_pk))


def _row_form(request: HttpRequest, form: FormRkt, row: FormRktRow | None) -> HttpResponse:
    """GET: the row's form (inline for htmx); POST: save it, or show it again with the errors."""
    if not form.is_editable:
        return refused(request, form, Conflict(_("Form RKT ini tidak dapat diubah.")))
    posted = request.method == "POST"
    row_form = RowForm(request.POST if posted else None, form_rkt=form, row=row)
    if posted and row_form.is_valid():
        try:
            saved = services.save_row(
                row_form.build_row(), by=request.user, version=row_form.cleaned_data.get("version")
            )
        except services.RowRefused as error:
            row_form.add_problems(error.problems)
        except WorkflowError as error:
            return refused(request, form, error)
        else:
            notice = _("Baris disimpan.") if row else _("Baris ditambahkan.")
            return after_change(request, form, notice, f"#row-{saved.pk}")
    status = 422 if posted else 200
    # The page without JavaScript carries its own list of units to suggest (the inline form
    # uses the Form RKT page's).
    context = {"form_rkt": form, "row": row, "row_form": row_form, "satuan_list": COMMON_SATUAN}
    if request.htmx:
        template = f"{PAGE}#{'row_edit' if row else 'row_add'}"
        return render_for(request, template, context, form.process.organization, status)
    return render_for(request, ROW_PAGE, context, form.process.organization, status)


@login_required
@require_GET
def row_detail(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    """One row as shown in the table (htmx "Batal" of an inline edit)."""
    form = get_form(request, pk)
    row = get_row(form, row_pk)
    if not request.htmx:
        return redirect(reverse("rkt:unit_form", args=[form.pk]) + f"#row-{row.pk}")
    context = form_context(request.user, form)
    context["row"] = row
    return render_for(request, f"{PAGE}#row", context, form.process.organization)


@login_required
@require_POST
def row_delete(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    form = get_editable_form(request, pk)
    row = get_row(form, row_pk)
    version = posted_version(request)
    if version is None:
        return refused(request, form, Conflict(NO_VERSION))
    try:
        services.delete_row(row, by=request.user, version=version)
    except WorkflowError as error:
        return refused(request, form, error)
    return after_change(request, form, _("Baris dihapus."))


@login_required
@require_POST
def form_submit(request: HttpRequest, pk: int) -> HttpResponse:
    form = get_editable_form(request, pk)
    submit = SubmitForm(request.POST, acting_for_someone=access.acts_for_head(request.user, form))
    submit.is_valid()
    try:
        services.submit_form(form, by=request.user, on_behalf_reason=submit.acting_reason())
    except services.FormRefused as error:
        return render_page(request, form, error.status, submit_errors=error.messages)
    except WorkflowError as error:
        return render_page(request, form, error.status, submit_errors=[error.message])
    messages.success(request, _("Form RKT %(unit)s dikirim.") % {"unit": form.unit.name})
    return redirect("rkt:unit_form", form.pk)


@login_required
@require_GET
def form_download(request: HttpRequest, pk: int) -> HttpResponse:
    filename, mimetype, content = export_form(get_form(request, pk))
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def form_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace every row with the uploaded file's; all of it, or nothing and every error listed."""
    form = get_editable_form(request, pk)
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return render_page(request, form, 422, upload_form=upload)
    version = posted_version(request)
    if version is None:
        return render_page(request, form, 409, upload_form=upload, error=NO_VERSION)
    try:
        rows = read_form_file(form, upload.cleaned_data["file"].read())
        services.replace_rows(form, rows, by=request.user, version=version)
    except FormFileError as error:
        return render_page(request, form, 422, upload_form=upload, upload_errors=error.errors)
    except WorkflowError as error:
        return render_page(request, form, error.status, upload_form=upload, error=error.message)
    messages.success(request, _("Form RKT diunggah: %(n)s baris.") % {"n": len(rows)})
    return redirect("rkt:unit_form", form.pk)


@login_required
@require_GET
def current_form(request: HttpRequest) -> HttpResponse:
    """ "Form RKT" in the menu: the form the user works on in the running RKT process."""
    organization = organization_of(request.user)
    if not access.works_on_forms(request.user, organization.pk):
        raise PermissionDenied
    url = access.current_form_url(request.user, organization.pk)
    if url is None:
        messages.info(request, _("Belum ada Form RKT pada proses RKT yang sedang berjalan."))
        return redirect("rkt:drafts:index")
    return redirect(url)


@login_required
@require_GET
def forms_overview(request: HttpRequest, process_id: int) -> HttpResponse:
    """Which units' forms are in, for the Tim Perencanaan and the leadership."""
    process = get_process(request.user, process_id)
    if not access.reads_all_forms(request.user, process.organization_id):
        raise PermissionDenied
    context = overview_context(request.user, process)
    return render_for(request, OVERVIEW, context, process.organization)


@login_required
@require_POST
def form_return(request: HttpRequest, pk: int) -> HttpResponse:
    form = get_form(request, pk)
    process = form.process
    if not access.reads_all_forms(request.user, process.organization_id):
        raise PermissionDenied
    returning = ReturnForm(
        request.POST,
        acting_for_someone=access.acts_for_returner(request.user, process),
        unit_form_pk=form.pk,
    )
    returning.is_valid()
    try:
        services.return_form(
            form,
            by=request.user,
            reason=returning.cleaned_data.get("reason", ""),
            on_behalf_reason=returning.acting_reason(),
        )
    except WorkflowError as error:
        context = overview_context(
            request.user, process, failed=form.pk, return_form=returning, error=error.message
        )
        return render_for(request, OVERVIEW, context, process.organization, error.status)
    messages.success(
        request, _("Form RKT %(unit)s dikembalikan ke unitnya.") % {"unit": form.unit.name}
    )
    return redirect("rkt:forms_overview", process.pk)
