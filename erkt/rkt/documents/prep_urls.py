"""Included by erkt/rkt/urls.py: the names live in the "rkt" namespace."""

from django.urls import path

from erkt.rkt.documents import prep_views

urlpatterns = [
    path(
        "proses/<int:process_id>/dokumen/<slug:slug>/<str:fmt>/",
        prep_views.prep_document,
        name="prep_document",
    ),
    path("form-rkt/<int:pk>/dokumen/<str:fmt>/", prep_views.form_document, name="form_document"),
]
