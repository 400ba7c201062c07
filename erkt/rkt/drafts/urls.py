from django.urls import path

from erkt.rkt.drafts import step_views, views

app_name = "drafts"
urlpatterns = [
    path("", views.rkt_index, name="index"),
    path("tahun/<int:year>/", views.rkt_year, name="year"),
    path("<int:process_id>/", views.rkt_page, name="page"),
    path("<int:process_id>/versi/<int:number>/", views.version_page, name="version"),
    path(
        "<int:process_id>/versi/<int:number>/koreksi/",
        views.corrections_page,
        name="corrections",
    ),
    path("<int:process_id>/selisih/", views.diff_page, name="diff"),
    path("<int:process_id>/kompilasi/", step_views.compile_view, name="compile"),
    path(
        "<int:process_id>/koreksi-unit/<int:unit_id>/",
        step_views.unit_review,
        name="unit_review",
    ),
    path(
        "<int:process_id>/koreksi-unit/<int:unit_id>/catat/",
        step_views.unit_verdict,
        name="unit_verdict",
    ),
    path(
        "<int:process_id>/koreksi-unit/<int:unit_id>/sisanya-sesuai/",
        step_views.unit_rest_sesuai,
        name="unit_rest_sesuai",
    ),
    path(
        "<int:process_id>/koreksi/<int:correction_id>/tarik/",
        step_views.correction_withdraw,
        name="correction_withdraw",
    ),
    path("<int:process_id>/susun/", step_views.next_version, name="next_version"),
    path("<int:process_id>/periksa/", step_views.review, name="review"),
    path("<int:process_id>/periksa/komentar/", step_views.review_comment, name="review_comment"),
]
