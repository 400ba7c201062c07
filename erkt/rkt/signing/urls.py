from django.urls import path

from erkt.rkt.signing import views

app_name = "signing"
urlpatterns = [
    path("<int:process_id>/tanda-tangan/", views.sign, name="sign"),
]
