from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "erkt.api"
    label = "api"
