from django.urls import path

from erkt.documents import views

app_name = "documents"

urlpatterns = [
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/<str:fmt>/", views.document_download, name="download"),
]
