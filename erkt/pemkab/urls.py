from django.urls import path

from erkt.pemkab import views

app_name = "pemkab"
urlpatterns = [
    path("", views.opd_overview, name="overview"),
    path("xlsx/", views.opd_overview_xlsx, name="overview_xlsx"),
]
