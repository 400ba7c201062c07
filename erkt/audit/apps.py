from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "erkt.audit"
    label = "audit"
    verbose_name = "Jejak audit"
