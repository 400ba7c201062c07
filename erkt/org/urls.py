from django.contrib.auth import views as auth_views
from django.urls import path

from erkt.org import views

urlpatterns = [
    path("masuk/", views.login, name="login"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("plt-plh/", views.substitutions, name="substitutions"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
]
