from django.urls import include, path

from erkt.rkt import views

app_name = "rkt"
urlpatterns = [
    path("renstra/", views.renstra_current, name="renstra"),
    path("renstra/impor/", views.renstra_import, name="renstra_import"),
    path("renstra/template.xlsx", views.renstra_template, name="renstra_template"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra_detail"),
    path("renstra/<int:pk>/export.xlsx", views.renstra_export, name="renstra_export"),
    # The RKT list and page before the Form RKT's and the steps' patterns, which they pass
    # otherwise (some 150 Python calls a request); drafts' patterns start with a number,
    # "tahun/" or are the list itself, which no pattern after them matches.
    path("", include("erkt.rkt.drafts.urls")),
    path("", include("erkt.rkt.unit_forms.urls")),
    path("proses/<int:process_id>/", include("erkt.rkt.preparation.urls")),
    path("", include("erkt.rkt.documents.prep_urls")),
    path("", include("erkt.rkt.documents.rkt_urls")),
    path("", include("erkt.rkt.signing.urls")),
]
