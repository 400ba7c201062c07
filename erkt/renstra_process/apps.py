from django.apps import AppConfig


class RenstraProcessConfig(AppConfig):
    name = "erkt.renstra_process"
    label = "renstra_process"
    verbose_name = "Penyusunan Renstra"

    def ready(self) -> None:
        from erkt.renstra_process import actions  # noqa: F401  (registers the step actions)
