from django.contrib import admin
from django.urls import include, path

from erkt.api.api import api

handler400 = "erkt.error_views.bad_request"
handler404 = "erkt.error_views.not_found"

urlpatterns = [
    path("", include("erkt.org.urls")),
    path("sop/", include("erkt.sop.urls")),
    path("", include("erkt.workflow.urls")),
    path("rkt/", include("erkt.rkt.urls")),
    path("", include("erkt.documents.signing.urls")),
    path("dokumen/", include("erkt.documents.urls")),
    path("arsip/", include("erkt.documents.archive.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
