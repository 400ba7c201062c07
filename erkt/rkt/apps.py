from django.apps import AppConfig


class RktConfig(AppConfig):
    name = "erkt.rkt"
    label = "rkt"
    verbose_name = "RKT"

    def ready(self) -> None:
        from erkt.rkt import (
            archive_step,  # noqa: F401  (step 11)
            home_panels,  # noqa: F401  (the home page's RKT panels)
        )
        from erkt.rkt.documents import forms as form_docs  # noqa: F401  (Form RKT documents)
        from erkt.rkt.documents import preparation as prep_docs  # noqa: F401  (steps 1-3 docs)
        from erkt.rkt.documents import rkt  # noqa: F401  (RKT version documents)
        from erkt.rkt.drafts import actions as drafts  # noqa: F401  (steps 6-10)
        from erkt.rkt.preparation import actions as preparation  # noqa: F401  (steps 1-3)
        from erkt.rkt.unit_forms import actions  # noqa: F401  (registers the step actions)
