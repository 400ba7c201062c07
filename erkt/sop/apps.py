from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopConfig(AppConfig):
    name = "erkt.sop"
    label = "sop"
    verbose_name = _("SOP")

    def ready(self) -> None:
        from erkt.sop import monev  # noqa: F401  (registers the evaluation form document)
