from django.urls import path

from erkt.rkt.documents import rkt_views

app_name = "rkt_documents"
urlpatterns = [
    path(
        "<int:process_id>/versi/<int:number>/unduh/<str:fmt>/",
        rkt_views.version_download,
        name="version",
    ),
]
