from django.urls import path

from erkt.renstra_process import views

app_name = "renstra_process"

urlpatterns = [
    path("proses/<int:pk>/", views.draft_page, name="draft"),
    path("proses/<int:pk>/tambah/<str:kind>/", views.draft_add, name="add"),
    path("proses/<int:pk>/hapus/<str:kind>/<int:index>/", views.draft_remove, name="remove"),
    path("proses/<int:pk>/impor/", views.draft_import, name="import"),
]
