from django.urls import path

app_name = "rkt"
urlpatterns: list = []
