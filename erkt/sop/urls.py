from django.urls import path

from erkt.sop import views

app_name = "sop"
urlpatterns = [
    path("", views.sop_list, name="list"),
]
