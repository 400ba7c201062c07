from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "erkt.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from erkt.org.middleware import mark_session_fresh

        user_logged_in.connect(mark_session_fresh, dispatch_uid="erkt-session-fresh")
