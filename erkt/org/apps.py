from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "erkt.org"
    label = "org"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from django.apps import apps
        from django.contrib.auth.signals import user_logged_in

        from erkt import model_instances
        from erkt.org.middleware import mark_session_fresh

        user_logged_in.connect(mark_session_fresh, dispatch_uid="erkt-session-fresh")
        # Every model is imported by now: rows become instances without Model.__init__.
        model_instances.install(apps.get_models(include_auto_created=True))
