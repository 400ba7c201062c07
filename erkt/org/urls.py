from django.contrib.auth import views as auth_views
from django.urls import path

from erkt.org import views, views_opd

urlpatterns = [
    path("masuk/", views.login, name="login"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("plt-plh/", views.substitutions, name="substitutions"),
    path("opd/template/", views_opd.opd_template, name="opd_template"),
    path("opd/contoh/", views_opd.opd_example, name="opd_example"),
    path("opd/impor/", views_opd.opd_import, name="opd_import"),
    path("aktivasi/<uidb64>/<token>/", views_opd.activate, name="activate"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
]
