from django.urls import path

from erkt.sop import editor_views, views

app_name = "sop"
urlpatterns = [
    path("", views.sop_list, name="list"),
    path("editor/baru/", editor_views.sop_create, name="create"),
    path("<slug:code>/", views.sop_detail, name="detail"),
    path("<slug:code>/pdf/", views.sop_pdf, name="pdf"),
    path("<slug:code>/docx/", views.sop_docx, name="docx"),
    path("<slug:code>/bpmn/", views.sop_bpmn, name="bpmn"),
    path("<slug:code>/editor/", editor_views.sop_editor, name="editor"),
    path("<slug:code>/editor/pratinjau/", editor_views.sop_preview, name="preview"),
    path("<slug:code>/revisi/", editor_views.sop_revise, name="revise"),
    path("<slug:code>/bandingkan/", editor_views.sop_compare, name="compare"),
    path("<slug:code>/pengesahan/", editor_views.sop_approve, name="approve"),
]
