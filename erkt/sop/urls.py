from django.urls import path

from erkt.sop import views

app_name = "sop"
urlpatterns = [
    path("", views.sop_list, name="list"),
    path("<slug:code>/", views.sop_detail, name="detail"),
    path("<slug:code>/pdf/", views.sop_pdf, name="pdf"),
    path("<slug:code>/docx/", views.sop_docx, name="docx"),
    path("<slug:code>/bpmn/", views.sop_bpmn, name="bpmn"),
]
