"""The step actions of steps 1-3 (registered when erkt.rkt starts, see erkt/rkt/apps.py).

Each step is complete when its content is recorded on its page: the disposition,
the plan with its team, the meeting with attendance and minutes. Completing the
meeting issues the Form RKT of every unit.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from erkt.rkt.preparation.models import Disposisi, RapatSosialisasi, RencanaPenyusunan
from erkt.rkt.preparation.steps import DISPOSISI, RENCANA, SOSIALISASI
from erkt.workflow.actions import StepAction, register
from erkt.workflow.errors import Invalid
from erkt.workflow.models import Task


class PreparationStep(StepAction, ABC):
    """A step whose output is a record on the step's page (`hint` says what to do there)."""

    url_name = ""
    edit_label = ""
    view_label = ""

    @abstractmethod
    def recorded(self, task: Task) -> bool:
        """Whether the step's content is recorded (its output exists)."""

    @abstractmethod
    def hint(self, task: Task) -> str:
        """What the user still has to record, as the end of a sentence."""

    def missing_output(self, task: Task) -> str | None:
        return None if self.recorded(task) else task.step.output

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        # Before the engine's short "belum diunggah": say what the page still needs.
        if not self.recorded(task):
            raise Invalid(
                _("Output '%(output)s' belum ada: %(hint)s")
                % {"output": task.step.output, "hint": self.hint(task)}
            )

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        url = reverse(self.url_name, args=[task.process_id])
        editing = task.is_open and task.process.is_running and task.can_be_completed_by(user)
        return [(str(self.edit_label if editing else self.view_label), url)]


@register(DISPOSISI)
class DisposisiStep(PreparationStep):
    url_name = "rkt:disposisi"
    edit_label = gettext_lazy("Isi Lembar Disposisi")
    view_label = gettext_lazy("Lihat Lembar Disposisi")

    def recorded(self, task: Task) -> bool:
        return Disposisi.objects.filter(process_id=task.process_id).exists()

    def hint(self, task: Task) -> str:
        return _("isi Lembar Disposisi terlebih dahulu.")


@register(RENCANA)
class RencanaStep(PreparationStep):
    url_name = "rkt:rencana"
    edit_label = gettext_lazy("Isi Rencana Penyusunan")
    view_label = gettext_lazy("Lihat Rencana Penyusunan")

    def recorded(self, task: Task) -> bool:
        return RencanaPenyusunan.objects.filter(
            process_id=task.process_id, anggota__isnull=False
        ).exists()

    def hint(self, task: Task) -> str:
        return _("simpan rencana penyusunan dengan paling sedikit satu anggota Tim Perencanaan.")

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        disposisi = (_("Lihat Lembar Disposisi"), reverse("rkt:disposisi", args=[task.process_id]))
        return [*super().links(task, user), disposisi]


@register(SOSIALISASI)
class SosialisasiStep(PreparationStep):
    url_name = "rkt:sosialisasi"
    edit_label = gettext_lazy("Catat Rapat Sosialisasi")
    view_label = gettext_lazy("Lihat Rapat Sosialisasi")

    def recorded(self, task: Task) -> bool:
        rapat = RapatSosialisasi.objects.filter(process_id=task.process_id).first()
        return rapat is not None and not rapat.missing()

    def hint(self, task: Task) -> str:
        rapat = RapatSosialisasi.objects.filter(process_id=task.process_id).first()
        if rapat is None:
            return _("catat tanggal, waktu dan tempat rapat sosialisasi terlebih dahulu.")
        return _("catat %(missing)s rapat sosialisasi terlebih dahulu.") % {
            "missing": _(" dan ").join(rapat.missing())
        }

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        rencana = (
            _("Lihat Rencana Penyusunan"),
            reverse("rkt:rencana", args=[task.process_id]),
        )
        return [*super().links(task, user), rencana]

    def on_complete(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        # Imported here: the unit forms are a sibling package, loaded after the registry.
        from erkt.rkt.unit_forms.services import issue_forms

        issue_forms(task.process, by=by)
