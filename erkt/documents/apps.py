from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "erkt.documents"
    label = "documents"
    verbose_name = _("Dokumen")

    def ready(self) -> None:
        from erkt.documents import anchors  # noqa: F401  (registers the recorded chain heads)
        from erkt.documents.archive import records  # noqa: F401  (SOP and audit report)
