"""Included by erkt/rkt/urls.py under proses/<process_id>/: names live in the "rkt" namespace."""

from django.urls import path

from erkt.rkt.preparation import views

urlpatterns = [
    path("disposisi/", views.disposisi, name="disposisi"),
    path("rencana/", views.rencana, name="rencana"),
    path("sosialisasi/", views.sosialisasi, name="sosialisasi"),
    path("sosialisasi/kehadiran/", views.sosialisasi_kehadiran, name="sosialisasi_kehadiran"),
]
