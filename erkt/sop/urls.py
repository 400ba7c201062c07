from django.urls import path

from erkt.sop import editor_views, monev_views, views

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
    path("<slug:code>/evaluasi/", monev_views.evaluation_page, name="evaluations"),
    path("<slug:code>/evaluasi/xlsx/", monev_views.evaluation_xlsx, name="evaluations_xlsx"),
    path("<slug:code>/evaluasi/baru/", monev_views.evaluation_create, name="evaluation_create"),
    path("<slug:code>/evaluasi/<int:pk>/", monev_views.evaluation_detail, name="evaluation"),
    path(
        "<slug:code>/evaluasi/<int:pk>/sahkan/",
        monev_views.evaluation_sign,
        name="evaluation_sign",
    ),
    path(
        "<slug:code>/evaluasi/<int:pk>/revisi/",
        monev_views.evaluation_revise,
        name="evaluation_revise",
    ),
    path(
        "<slug:code>/evaluasi/<int:pk>/<str:fmt>/",
        monev_views.evaluation_document,
        name="evaluation_document",
    ),
]
