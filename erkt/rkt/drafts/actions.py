"""The step actions of SOP steps 6-10 (Draft RKT), registered with the workflow engine.

- 6 rkt.kompilasi: the output is Draft RKT version 1 (compiled on the RKT pages).
- 7 rkt.koreksi_unit: per unit; done when every row of the unit's part has a
  verdict of this task ("sesuai" or a correction).
- 8 rkt.susun_draft: done when this pass issued its version, which decided every
  open correction. Every pass issues one version, also when nothing was open.
- 9 rkt.koreksi_sekretaris, 10 rkt.pengesahan: "tidak" sends the draft back to
  step 8 (the engine reopens it) with the reviewer's row comments as the
  corrections to handle; without row comments the decision's note becomes one
  comment on the whole draft. "ya" is refused while the reviewer's own comments
  are still there (they would never be handled). Step 10 "ya" needs the
  Kepala's signature (erkt.rkt.signing) and freezes the current version as final.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.rkt.drafts.corrections import general_comment, unchecked_rows
from erkt.rkt.drafts.models import Correction, DraftRkt
from erkt.rkt.signing.services import check_signing, sign_final
from erkt.url_cache import remembered
from erkt.workflow.actions import StepAction, register
from erkt.workflow.errors import Invalid
from erkt.workflow.events import process_event
from erkt.workflow.models import Notification, Task
from erkt.workflow.permissions import is_eligible

DRAFT_RKT = "Draft RKT"


def _page_link(task: Task) -> tuple[str, str]:
    return (_("Lihat Draft RKT"), remembered("rkt:drafts:page", task.process_id))


# Whether the task made its Draft RKT version (exists()), compiled once
# (erkt.compiled_sql): the task and RKT pages ask on every visit.
DRAFT_OF_TASK = Shape(
    lambda process_id, task_id: (
        DraftRkt.objects.filter(process_id=process_id, task_id=task_id)
        .order_by()
        .values_list("pk")[:1]
    )
)


@register("rkt.kompilasi")
class Kompilasi(StepAction):
    def missing_output(self, task: Task) -> str | None:
        return None if DraftRkt.objects.filter(process_id=task.process_id).exists() else DRAFT_RKT

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        if DraftRkt.objects.filter(process_id=task.process_id).exists():
            return [_page_link(task)]
        if task.can_be_completed_by(user):
            return [(_("Kompilasi Draft RKT"), remembered("rkt:drafts:compile", task.process_id))]
        return []


@register("rkt.koreksi_unit")
class KoreksiUnit(StepAction):
    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        rows = unchecked_rows(task)
        if rows:
            raise Invalid(
                _(
                    "Masih ada %(count)s baris bagian unit kerja Anda yang belum diperiksa: "
                    "tandai 'sesuai' atau catat koreksinya."
                )
                % {"count": len(rows)}
            )

    def missing_output(self, task: Task) -> str | None:
        if not DraftRkt.objects.filter(process_id=task.process_id).exists():
            return DRAFT_RKT
        return _("Hasil koreksi Draft RKT") if unchecked_rows(task) else None

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        if not is_eligible(user, task):  # the review page is the unit head's own
            return [_page_link(task)]
        review = remembered("rkt:drafts:unit_review", task.process_id, task.unit_id)
        return [(_("Periksa bagian unit di Draft RKT"), review), _page_link(task)]


@register("rkt.susun_draft")
class SusunDraft(StepAction):
    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if self.missing_output(task):
            raise Invalid(
                _("Buat dulu versi berikutnya Draft RKT: putuskan setiap koreksi yang terbuka.")
            )

    def missing_output(self, task: Task) -> str | None:
        made = DraftRkt.objects.filter(process_id=task.process_id, task=task).exists()
        return None if made else _("Draft RKT versi berikutnya")

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        made = bool(DRAFT_OF_TASK.rows(task.process_id, task.pk))
        if made or not task.can_be_completed_by(user):
            return [_page_link(task)]
        return [
            (_("Susun Draft RKT"), remembered("rkt:drafts:next_version", task.process_id)),
            _page_link(task),
        ]


class Review(StepAction):
    """Steps 9 and 10: the reviewer comments on rows, then decides."""

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if payload.get("decision") != Task.Decision.YA:
            return
        count = Correction.objects.filter(task=task, status=Correction.Status.OPEN).count()
        if count:
            raise Invalid(
                _(
                    "Anda mencatat %(count)s komentar pada Draft RKT: pilih 'tidak' agar "
                    "ditindaklanjuti Kasubbag Perencanaan, atau tarik komentarnya."
                )
                % {"count": count}
            )

    def on_complete(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        if payload.get("decision") != Task.Decision.TIDAK:
            return
        if not Correction.objects.filter(task=task).exists():
            general_comment(task, by=by, note=payload.get("note", ""))

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        review = remembered("rkt:drafts:review", task.process_id)
        return [(_("Periksa Draft RKT"), review), _page_link(task)]


@register("rkt.koreksi_sekretaris")
class KoreksiSekretaris(Review):
    pass


@register("rkt.pengesahan")
class Pengesahan(Review):
    """Step 10: "ya" needs the Kepala's signature (certificate passphrase) or a wet-signed
    scan; it freezes the final version and issues the signed final RKT."""

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        super().validate(task, by, payload)
        if payload.get("decision") == Task.Decision.YA:
            check_signing(task, by, payload)

    def on_complete(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        super().on_complete(task, by, payload)
        if payload.get("decision") == Task.Decision.YA:
            document = sign_final(task, by, payload)
            # Everyone of the office is told (erkt.notifications, after the commit).
            process_event.send(
                Task,
                process=task.process,
                kind=Notification.Kind.SIGNED,
                by=by,
                facts={"code": document.code},
            )

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        others = super().links(task, user)
        if task.status != Task.Status.OPEN:  # signed (or decided "tidak"): nothing to sign
            return others
        sign = remembered("rkt:signing:sign", task.process_id)
        return [(_("Tanda tangani RKT"), sign), *others]
