"""Bringing in an OPD (template, import: the deployment administrator) and activation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from erkt.org.forms import ActivationForm, OpdImportForm
from erkt.org.opd_demo import EXAMPLE_PATH
from erkt.org.opd_excel import XLSX_MIME, OpdFileError, build_workbook, rules
from erkt.org.opd_import import import_opd


def require_deployment_admin(user) -> None:
    """Only a superuser brings in an OPD: it creates accounts in a new organisation."""
    if not (user.is_active and user.is_superuser):
        raise PermissionDenied


@login_required
@require_GET
def opd_template(request: HttpRequest) -> HttpResponse:
    require_deployment_admin(request.user)
    response = HttpResponse(build_workbook(), content_type=XLSX_MIME)
    response["Content-Disposition"] = 'attachment; filename="template-struktur-opd.xlsx"'
    return response


@login_required
@require_GET
def opd_example(request: HttpRequest) -> HttpResponse:
    """The filled example (DISKOMINFO Kabupaten Balangan) the README walks in with."""
    require_deployment_admin(request.user)
    response = HttpResponse(EXAMPLE_PATH.read_bytes(), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{EXAMPLE_PATH.name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def opd_import(request: HttpRequest) -> HttpResponse:
    """Upload a filled template: the whole OPD is created, or nothing and every error listed."""
    require_deployment_admin(request.user)
    posted = request.method == "POST"
    form = OpdImportForm(request.POST, request.FILES) if posted else OpdImportForm()
    errors, imported = [], None
    if posted and form.is_valid():
        try:
            imported = import_opd(form.cleaned_data["file"].read(), by=request.user)
        except OpdFileError as refused:
            errors = refused.errors
        else:
            messages.success(request, _success_message(imported))
    status = 422 if posted and imported is None else 200
    context = {"form": form, "errors": errors, "imported": imported, "rules": rules()}
    return render(request, "org/opd_import.html", context, status=status)


def _success_message(imported) -> str:
    return _(
        "%(org)s didaftarkan: %(units)s unit, %(users)s pegawai, SOP versi %(version)s. "
        "Tautan aktivasi dikirim ke e-mail setiap pegawai."
    ) % {
        "org": imported.organization.name,
        "units": imported.organization.units.count(),
        "users": len(imported.users),
        "version": imported.sop_version.number,
    }


class ActivationView(auth_views.PasswordResetConfirmView):
    """Django's reset-confirm view: checks the one-time token, hides it from the address
    bar and the Referer, and sets the password with AUTH_PASSWORD_VALIDATORS."""

    template_name = "registration/activation.html"
    form_class = ActivationForm
    success_url = reverse_lazy("login")
    reset_url_token = "atur-kata-sandi"

    def form_valid(self, form) -> HttpResponse:
        messages.success(
            self.request, _("Akun Anda aktif. Masuk dengan NIP dan kata sandi yang baru Anda buat.")
        )
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    return ActivationView.as_view()(request, uidb64=uidb64, token=token)
