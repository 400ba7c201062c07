from django.urls import path

from erkt.notifications import views

app_name = "notifications"

urlpatterns = [
    path("pemberitahuan/", views.notification_list, name="list"),
    path("pemberitahuan/lonceng/", views.bell, name="bell"),
    path("pemberitahuan/baca-semua/", views.mark_all_read, name="mark_all_read"),
    path("pemberitahuan/<int:notice_id>/baca/", views.mark_read, name="mark_read"),
    path("profil/", views.profile, name="profile"),
]
