from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from erkt.org.access import employee_of, is_admin_of, organization_of
from erkt.org.demo import DEMO_PASSWORD, demo_accounts_present
from erkt.org.forms import LoginForm, PasswordChangeForm, SubstitutionForm
from erkt.org.models import Organization, Substitution


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_initial(self) -> dict:
        # A demo account link without JavaScript (?username=kepala) fills the field.
        return {"username": self.request.GET.get("username", "")}

    def get_context_data(self, **kwargs) -> dict:
        # Only while `erkt demo` has loaded its users; one query, on the page only.
        return super().get_context_data(
            demo_accounts=demo_accounts_present(), demo_password=DEMO_PASSWORD, **kwargs
        )


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    return LoginView.as_view()(request)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's form (old password, new password twice, AUTH_PASSWORD_VALIDATORS);
    the session stays signed in."""

    template_name = "registration/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form) -> HttpResponse:
        messages.success(self.request, _("Kata sandi Anda telah diubah."))
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    return PasswordChangeView.as_view()(request)


def _substitutions_visible(user, organization: Organization, as_admin: bool) -> QuerySet:
    """An administrator sees every Plt./Plh. of the office; anyone else those of the
    positions they hold and those naming them."""
    rows = Substitution.objects.filter(organization=organization).select_related(
        "position__unit", "substitute", "created_by__employee"
    )
    if as_admin:
        return rows
    employee = employee_of(user)
    return rows.filter(Q(position__holders=employee) | Q(substitute=employee)).distinct()


@login_required
@require_http_methods(["GET", "POST"])
def substitutions(request: HttpRequest) -> HttpResponse:
    """Plt./Plh.: the list, and naming one (administrator: any; a holder: a Plh. for
    their own position while away)."""
    organization = organization_of(request.user)
    as_admin = is_admin_of(request.user, organization.pk)
    form_args = {"user": request.user, "organization": organization, "as_admin": as_admin}
    form = SubstitutionForm(request.POST or None, **form_args)
    status = 200
    if request.method == "POST":
        if not (as_admin or form.fields["position"].queryset.exists()):
            raise PermissionDenied  # neither administrator nor holder of any jabatan
        if form.is_valid():
            form.instance.organization = organization
            form.instance.created_by = request.user
            substitution = form.save()  # erkt.audit.apps records it in the audit log
            messages.success(request, _("%(title)s telah dicatat.") % {"title": substitution.title})
            return redirect("substitutions")
        status = 422
    context = {
        "form": form,
        "as_admin": as_admin,
        "substitutions": _substitutions_visible(request.user, organization, as_admin),
    }
    return render(request, "org/substitutions.html", context, status=status)
