from django.apps import AppConfig


class PemkabConfig(AppConfig):
    name = "erkt.pemkab"
    label = "pemkab"
    verbose_name = "Pemkab"

    def ready(self) -> None:
        from erkt.pemkab import home_panel  # noqa: F401  (registers the home panel)
