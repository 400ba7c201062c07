from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "erkt.audit"
    label = "audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from erkt.audit import receivers  # noqa: F401
