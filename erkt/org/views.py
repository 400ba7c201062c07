from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def login(request: HttpRequest) -> HttpResponse:
    return auth_views.LoginView.as_view(
        template_name="registration/login.html", redirect_authenticated_user=True
    )(request)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("sop:list")
