"""Included by erkt/rkt/urls.py: the names live in the "rkt" namespace."""

from django.urls import path

from erkt.rkt.unit_forms import views

urlpatterns = [
    path("form-rkt/", views.current_form, name="unit_form_current"),
    path("form-rkt/<int:pk>/", views.unit_form, name="unit_form"),
    path("form-rkt/<int:pk>/baris/tambah/", views.row_add, name="unit_form_row_add"),
    path("form-rkt/<int:pk>/baris/<int:row_pk>/", views.row_detail, name="unit_form_row"),
    path("form-rkt/<int:pk>/baris/<int:row_pk>/ubah/", views.row_edit, name="unit_form_row_edit"),
    path(
        "form-rkt/<int:pk>/baris/<int:row_pk>/hapus/", views.row_delete, name="unit_form_row_delete"
    ),
    path("form-rkt/<int:pk>/kirim/", views.form_submit, name="unit_form_submit"),
    path("form-rkt/<int:pk>/unduh.xlsx", views.form_download, name="unit_form_download"),
    path("form-rkt/<int:pk>/unggah/", views.form_upload, name="unit_form_upload"),
    path("form-rkt/<int:pk>/kembalikan/", views.form_return, name="unit_form_return"),
    path("proses/<int:process_id>/form-rkt/", views.forms_overview, name="forms_overview"),
]
