from django.urls import path

from erkt.documents.archive import views

app_name = "archive"
urlpatterns = [
    path("", views.archive_index, name="index"),
    path("proses/<int:process_id>/berkas/", views.berkas_create, name="create"),
    path("berkas/<int:pk>/", views.berkas_detail, name="detail"),
    path("berkas/<int:pk>/unduh/", views.berkas_download, name="download"),
]
