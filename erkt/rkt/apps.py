from django.apps import AppConfig


class RktConfig(AppConfig):
    name = "erkt.rkt"
    label = "rkt"
    verbose_name = "RKT"

    def ready(self) -> None:
        from erkt.rkt.drafts import actions as drafts  # noqa: F401  (steps 6-10)
        from erkt.rkt.preparation import actions as preparation  # noqa: F401  (steps 1-3)
        from erkt.rkt.unit_forms import actions  # noqa: F401  (registers the step actions)
