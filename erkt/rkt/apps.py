from django.apps import AppConfig


class RktConfig(AppConfig):
    name = "erkt.rkt"
    label = "rkt"
    verbose_name = "RKT"
