from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "erkt.notifications"
    verbose_name = _("Pemberitahuan")

    def ready(self) -> None:
        from erkt.notifications import receivers  # noqa: F401
