from django.contrib import admin
from django.urls import include, path

from erkt.api.api import api
from erkt.workflow.views.home import home

urlpatterns = [
    # First: an API request is resolved without trying the pages' patterns (some 100 of
    # them under a dozen includes, ~380 Python calls a request); none of those starts with
    # "api/", so every address resolves as before.
    path("api/v1/", api.urls),
    path("", home, name="home"),
    # Then the includes under a prefix of their own: passing one that does not match costs
    # a few Python calls, passing an include under "" tries each of its patterns (the RKT
    # page paid ~400 calls to be resolved, behind some 40 patterns). No pattern under ""
    # starts with these prefixes but the signing's "dokumen/sertifikat/", which the
    # documents' "dokumen/<int:pk>/..." cannot match, so every address resolves as before.
    path("sop/", include("erkt.sop.urls")),
    path("rkt/", include("erkt.rkt.urls")),
    path("arsip/", include("erkt.documents.archive.urls")),
    path("pemkab/", include("erkt.pemkab.urls")),
    path("renstra-sop/", include("erkt.renstra_process.urls")),
    path("dokumen/", include("erkt.documents.urls")),
    path("", include("erkt.workflow.urls")),
    path("", include("erkt.notifications.urls")),
    path("", include("erkt.org.urls")),
    path("", include("erkt.documents.signing.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "erkt.error_views.bad_request"
handler403 = "erkt.error_views.permission_denied"
handler404 = "erkt.error_views.page_not_found"
handler500 = "erkt.error_views.server_error"
