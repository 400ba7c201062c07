"""Step actions of the Form RKT: filling it per unit (step 4) and collecting it (step 5).

Step 4 (rkt.isi_form): the task's output is the unit's form, sent. Sending the
form on its page completes the task in the same click (services.submit_form);
completing the task on the task page first asks for the form to be sent.
Step 5 (rkt.kumpul_form): complete only when every unit's form is in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.services import ISI_FORM, KUMPUL_FORM, issue_forms
from erkt.url_cache import remembered
from erkt.workflow.actions import StepAction, register
from erkt.workflow.errors import Invalid
from erkt.workflow.models import Task


def form_of(task: Task) -> FormRkt | None:
    return FormRkt.objects.filter(process_id=task.process_id, unit_id=task.unit_id).first()


# The unit's form (one a process: form_rkt_one_per_unit), compiled once (erkt.compiled_sql):
# the task page asks for it on every visit.
FORM_OF_UNIT = Shape(
    lambda process_id, unit_id: FormRkt.objects.filter(
        process_id=process_id, unit_id=unit_id
    ).order_by("pk")[:1]
)


@register(ISI_FORM)
class IsiForm(StepAction):
    def on_open(self, task: Task) -> None:
        """The unit's form exists and can be edited whenever its task is open."""
        if task.unit_id is None:
            return
        (form,) = issue_forms(task.process, units=[task.unit])
        if form.is_submitted:
            # Opened again (a return, or an SOP looping back here): the unit must be able to fix it.
            form.status = FormRkt.Status.RETURNED
            form.return_reason = task.return_reason
            form.save(update_fields=["status", "return_reason"])

    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        form = form_of(task)
        if form is None or not form.is_submitted:
            raise Invalid(
                _(
                    "Form RKT %(unit)s belum dikirim. Buka \u201cIsi Form RKT\u201d, lengkapi, "
                    "lalu tekan \u201cKirim Form RKT\u201d: tugas ini selesai bersama "
                    "pengirimannya."
                )
                % {"unit": task.unit.name if task.unit_id else ""}
            )

    def missing_output(self, task: Task) -> str | None:
        form = form_of(task)
        return None if form is not None and form.is_submitted else task.step.output

    def on_withdraw(self, task: Task, by: Any, reason: str) -> None:
        """The unit took its task back: its sent form can be edited again."""
        form = form_of(task)
        if form is not None and form.is_submitted:
            form.status = FormRkt.Status.RETURNED
            form.return_reason = reason
            form.save(update_fields=["status", "return_reason"])

    def has_work(self, task: Task) -> bool:
        """The unit changed its form since the completion that opened this task."""
        opened_by = task.opened_by_task
        form = form_of(task)
        return bool(
            form is not None
            and form.updated_at is not None
            and opened_by is not None
            and opened_by.completed_at is not None
            and form.updated_at > opened_by.completed_at
        )

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        if task.unit_id is None:
            return []
        found = FORM_OF_UNIT.rows(task.process_id, task.unit_id)
        if not found:
            return []
        form = found[0]
        form.process = task.process  # its own process, read with the task: no query for it
        label = _("Isi Form RKT") if form.is_editable else _("Lihat Form RKT")
        return [(label, remembered("rkt:unit_form", form.pk))]


@register(KUMPUL_FORM)
class KumpulForm(StepAction):
    def validate(self, task: Task, by: Any, payload: Mapping[str, Any]) -> None:
        waiting = waiting_units(task.process_id)
        if waiting:
            raise Invalid(
                _("Form RKT belum masuk dari: %(units)s.") % {"units": ", ".join(waiting)}
            )

    def missing_output(self, task: Task) -> str | None:
        return task.step.output if waiting_units(task.process_id) else None

    def links(self, task: Task, user: Any) -> list[tuple[str, str]]:
        return [(_("Rekap Form RKT"), reverse("rkt:forms_overview", args=[task.process_id]))]


def waiting_units(process_id: int) -> list[str]:
    """The units whose form is not in (not sent, or returned); every unit when none is issued."""
    forms = FormRkt.objects.filter(process_id=process_id).select_related("unit")
    if not forms:
        return [_("semua unit (Form RKT belum diterbitkan)")]
    return [form.unit.name for form in forms if not form.is_submitted]
