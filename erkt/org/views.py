from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from erkt.org.demo import DEMO_PASSWORD, demo_accounts_present
from erkt.org.forms import LoginForm, PasswordChangeForm


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


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return redirect("workflow:inbox")
