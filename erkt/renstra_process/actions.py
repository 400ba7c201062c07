"""The step actions of the SOP Penyusunan Renstra (erkt/sop/seeds/penyusunan-renstra.yaml).

Registered when the app starts; the engine knows nothing of them. Step 1 creates the draft
Renstra of the period starting in the process year; steps 3, 4 and 6 edit it on the draft
page (rows or the Excel template); the Sekretaris's "ya" and the Kepala's penetapan need a
complete draft; penetapan puts it in force, so the next RKT reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from erkt.renstra_process import draft
from erkt.workflow.actions import StepAction, register
from erkt.workflow.errors import Invalid
from erkt.workflow.models import Task

PERSIAPAN = "renstra.persiapan"
PENGUMPULAN_DATA = "renstra.pengumpulan_data"
RANCANGAN_AWAL = "renstra.rancangan_awal"
RANCANGAN = "renstra.rancangan"
FORUM = "renstra.forum"
RANCANGAN_AKHIR = "renstra.rancangan_akhir"
VERIFIKASI = "renstra.verifikasi"
PENETAPAN = "renstra.penetapan"

# The steps whose task lets its assignee edit the draft, and the rows each may touch.
EDITING = {
    RANCANGAN_AWAL: {"tujuan", "sasaran", "indikator"},
    RANCANGAN: set(draft.KINDS),
    RANCANGAN_AKHIR: set(draft.KINDS),
}


def _refuse(messages: list[str]) -> None:
    raise Invalid(" ".join(messages[:5]) + (" …" if len(messages) > 5 else ""))


class RenstraStep(StepAction):
    """A step of the Renstra SOP: its task page links to the draft."""

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        if draft.draft_of(task.process) is None:
            return []
        editing = task.step.action in EDITING and task.can_be_completed_by(user)
        label = _("Isi Rancangan Renstra") if editing else _("Lihat Rancangan Renstra")
        return [(label, reverse("renstra_process:draft", args=[task.process_id]))]


@register(PERSIAPAN)
class Persiapan(RenstraStep):
    """Needs the Keputusan Tim Penyusun (an upload); completing it creates the draft."""

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if problem := draft.period_problem(task.process):
            raise Invalid(problem)

    def on_complete(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        try:
            draft.create_draft(task.process, by=by)
        except draft.DraftInvalid as refused:
            _refuse(refused.messages)


@register(PENGUMPULAN_DATA)
class PengumpulanData(RenstraStep):
    """The agenda and the evaluation of the previous Renstra: an upload and a note."""

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if not (payload.get("note") or "").strip():
            raise Invalid(_("Tuliskan ringkasan hasil evaluasi Renstra periode lalu di catatan."))


class DraftStep(RenstraStep):
    """A step whose output is the draft itself, complete to the step's stage."""

    awal = False

    def missing_output(self, task: Task) -> str | None:
        return task.step.output if draft.problems(task.process, awal=self.awal) else None

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if problems := draft.problems(task.process, awal=self.awal):
            _refuse([_("Rancangan Renstra belum lengkap:"), *problems])


@register(RANCANGAN_AWAL)
class RancanganAwal(DraftStep):
    awal = True


@register(RANCANGAN)
class Rancangan(DraftStep):
    pass


@register(RANCANGAN_AKHIR)
class RancanganAkhir(DraftStep):
    pass


@register(FORUM)
class Forum(RenstraStep):
    """The berita acara (an upload) and the forum's agreements (the note)."""

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if not (payload.get("note") or "").strip():
            raise Invalid(_("Tuliskan kesepakatan Forum Perangkat Daerah di catatan."))


@register(VERIFIKASI)
class Verifikasi(RenstraStep):
    """The Sekretaris's check: "ya" only for a complete draft."""

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if payload.get("decision") != Task.Decision.YA:
            return
        if problems := draft.problems(task.process):
            _refuse([_("Rancangan akhir belum lengkap:"), *problems])


@register(PENETAPAN)
class Penetapan(RenstraStep):
    """The keputusan (an upload); completing puts the Renstra in force for the RKT."""

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if problems := draft.problems(task.process):
            _refuse([_("Renstra belum dapat ditetapkan:"), *problems])

    def on_complete(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        try:
            draft.establish(task.process, by=by)
        except draft.DraftInvalid as refused:
            _refuse(refused.messages)
