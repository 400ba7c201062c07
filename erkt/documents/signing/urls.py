from django.urls import path

from erkt.documents import views_verify
from erkt.documents.signing import views

app_name = "signing"
urlpatterns = [
    path("verifikasi/<str:code>/", views_verify.verify_document, name="verify"),
    path("dokumen/sertifikat/", views.certificate, name="certificate"),
]
