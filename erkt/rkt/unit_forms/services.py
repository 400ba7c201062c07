"""Operations on the Form RKT: issuing, changing rows, sending and returning.

Each function runs in one transaction, checks who acts, writes an audit entry,
and raises an erkt.workflow.errors.WorkflowError (NotAllowed 403, Conflict 409,
Invalid 422) with a message in Bahasa Indonesia; then nothing has changed.

Sending a form also completes the unit's open step-4 task (engine.complete_task):
the unit head clicks once. Completing that task from the task page instead
needs the form sent first (see actions.IsiForm).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.compiled_sql import Shape
from erkt.org.models import Unit
from erkt.rkt.unit_forms import access
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow
from erkt.rkt.unit_forms.rules import (
    Problem,
    form_problems,
    format_number,
    row_problems,
    too_many_rows,
)
from erkt.workflow import engine
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Process, StepRun, Task
from erkt.workflow.permissions import position_with_role
from erkt.workflow.versioning import claim

ISI_FORM = "rkt.isi_form"
KUMPUL_FORM = "rkt.kumpul_form"


class FormRefused(Invalid):
    """The form may not be sent; `messages` lists every reason."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


class RowRefused(Invalid):
    """The row may not be saved; `problems` says which field breaks which rule."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


# --- Issuing (step 3) ----------------------------------------------------------------------


def issue_forms(process: Process, *, by: Any = None, units: list[Unit] | None = None) -> list:
    """One Form RKT per form-filling unit (or per unit of `units`), pre-filled from the Renstra.

    The Renstra covering the process year gives each unit its kegiatan and sub
    kegiatan with their indicators, that year's targets, and the sub kegiatan's
    pagu of the year as the starting anggaran. A unit that has a form keeps it
    as it is: issuing twice changes nothing.
    """
    from erkt.rkt.models import Renstra

    with transaction.atomic():
        process = (
            Process.objects.select_for_update().select_related("organization").get(pk=process.pk)
        )
        if units is None:
            units = list(
                Unit.objects.filter(organization=process.organization, fills_form_rkt=True)
            )
        existing = {form.unit_id: form for form in process.unit_forms.select_related("unit")}
        missing = [unit for unit in units if unit.pk not in existing]
        if missing:
            renstra = Renstra.covering(process.organization, process.year)
            if renstra is None:
                raise Invalid(
                    _(
                        "Belum ada Renstra yang mencakup tahun %(year)s; impor Renstra "
                        "terlebih dahulu agar Form RKT dapat diisi dari Renstra."
                    )
                    % {"year": process.year}
                )
            tree = Renstra.objects.with_tree().get(pk=renstra.pk)
            for unit in missing:
                existing[unit.pk] = _issue(process, unit, tree, by)
        return [existing[unit.pk] for unit in units]


def _issue(process: Process, unit: Unit, renstra, by: Any) -> FormRkt:
    form = FormRkt.objects.create(process=process, unit=unit)
    rows = _prefilled_rows(form, renstra, process.year)
    FormRktRow.objects.bulk_create(rows)
    record(
        organization=process.organization,
        user=by,
        action="form_rkt.issue",
        obj=form,
        after={"unit": unit.short_name, "rows": len(rows), "renstra": renstra.period_label},
    )
    return form


def _prefilled_rows(form: FormRkt, renstra, year: int) -> list[FormRktRow]:
    rows: list[FormRktRow] = []
    for program in renstra.programs.all():
        for kegiatan in program.kegiatan.all():
            if kegiatan.unit_id == form.unit_id:
                for indikator in kegiatan.indikator.all():
                    rows.append(_row(form, kegiatan, None, indikator, year))
            for sub in kegiatan.sub_kegiatan.all():
                if sub.unit_id != form.unit_id:
                    continue
                pagu = sub.pagu_by_year.get(year)
                # A sub kegiatan without indicators still gets a row: its pagu needs a home.
                for index, indikator in enumerate(list(sub.indikator.all()) or [None]):
                    row = _row(form, kegiatan, sub, indikator, year)
                    if index == 0 and pagu is not None:
                        row.anggaran = pagu
                    rows.append(row)
    for order, row in enumerate(rows, start=1):
        row.order = order
    return rows


def _row(form: FormRkt, kegiatan, sub, indikator, year: int) -> FormRktRow:
    target = indikator.targets_by_year.get(year) if indikator else None
    return FormRktRow(
        form=form,
        kegiatan=kegiatan,
        sub_kegiatan=sub,
        renstra_indikator=indikator,
        sasaran_kegiatan=(sub or kegiatan).name,
        indikator=indikator.uraian if indikator else "",
        satuan=indikator.satuan if indikator else "",
        target=format_number(target) if target is not None else "",
    )


# --- Changing rows (step 4) ----------------------------------------------------------------


def save_row(row: FormRktRow, *, by: Any, version: int | None = None) -> FormRktRow:
    """Add `row` to its form, or store its changes; refused rows raise RowRefused.

    `version` is the row's version the editor loaded: another change since then
    raises versioning.Stale (409) and nothing is written.
    """
    with transaction.atomic():
        form, position = _editable(row.form, by)
        problems = row_problems(row)
        if problems:
            raise RowRefused(problems)
        before = None
        if row.pk is None:
            if refusal := too_many_rows(form.rows.count() + 1):
                raise Invalid(refusal)
            row.order = (form.rows.aggregate(last=Max("order"))["last"] or 0) + 1
            row.updated_by, row.updated_at = by, timezone.now()
        else:
            stored = FormRktRow.objects.select_for_update().filter(pk=row.pk, form=form).first()
            if stored is None:
                raise Conflict(_("Baris ini sudah dihapus."))
            before = _row_state(stored)
            claim(row, version, by=by, time_zone=_time_zone(form))
        _touch(form, by)
        row.form = form
        row.save()
        record(
            organization=form.process.organization,
            user=by,
            position=position,
            action="form_rkt.row_change" if before else "form_rkt.row_add",
            obj=form,
            before=before,
            after=_row_state(row),
        )
    return row


def delete_row(row: FormRktRow, *, by: Any, version: int | None = None) -> None:
    """Delete the row; a change of it since the editor loaded `version` raises Stale."""
    with transaction.atomic():
        form, position = _editable(row.form, by)
        stored = FormRktRow.objects.select_for_update().filter(pk=row.pk, form=form).first()
        if stored is None:
            raise Conflict(_("Baris ini sudah dihapus."))
        claim(stored, version, by=by, time_zone=_time_zone(form))
        _touch(form, by)
        before = _row_state(stored)
        stored.delete()
        record(
            organization=form.process.organization,
            user=by,
            position=position,
            action="form_rkt.row_delete",
            obj=form,
            before=before,
        )


def replace_rows(
    form: FormRkt, rows: list[FormRktRow], *, by: Any, version: int | None = None
) -> FormRkt:
    """Make `rows` (checked by the caller, e.g. the Excel upload) the whole content of the form.

    `version` is the form's version the writer read (the API's PUT rows): a change
    of the form since then raises versioning.Stale (409) and nothing is written.
    """
    with transaction.atomic():
        form, position = _editable(form, by)
        _touch(form, by, version)
        if not rows:
            raise Invalid(_("Berkas tidak berisi baris Form RKT."))
        if refusal := too_many_rows(len(rows)):
            raise Invalid(refusal)
        problems = [problem for row in rows for problem in row_problems(row)]
        if problems:
            raise RowRefused(problems)
        before = form.rows.count()
        form.rows.all().delete()
        now = timezone.now()
        for order, row in enumerate(rows, start=1):
            row.form, row.order, row.pk = form, order, None
            row.version, row.updated_by, row.updated_at = 1, by, now
        FormRktRow.objects.bulk_create(rows)
        record(
            organization=form.process.organization,
            user=by,
            position=position,
            action="form_rkt.upload",
            obj=form,
            before={"rows": before},
            after={"rows": len(rows), "total_anggaran": form.total_anggaran},
        )
    return form


# --- Sending (step 4) and returning (step 5) -----------------------------------------------


def submit_form(form: FormRkt, *, by: Any, on_behalf_reason: str = "") -> FormRkt:
    """Send the form to the Tim Perencanaan and complete the unit's open step-4 task."""
    with transaction.atomic():
        form, position = _editable(form, by)
        if position is None and not on_behalf_reason.strip():
            raise Invalid(
                _(
                    "Administrator yang mengirim Form RKT atas nama kepala unit wajib "
                    "menuliskan alasannya."
                )
            )
        problems = form_problems(form)
        if problems:
            raise FormRefused(problems)
        form.status = FormRkt.Status.SUBMITTED
        form.submitted_at = timezone.now()
        form.submitted_by = by
        _touch(form, by)
        form.save(update_fields=["status", "submitted_at", "submitted_by"])
        record(
            organization=form.process.organization,
            user=by,
            position=position,
            action="form_rkt.submit",
            obj=form,
            before={"status": FormRkt.Status.DRAFT},
            after={"status": form.status, "total_anggaran": form.total_anggaran},
            reason=on_behalf_reason.strip(),
        )
        # The Tim receives the form as it is now: its document keeps these values.
        from erkt.rkt.documents.forms import issue_form_document

        issue_form_document(form, by=by)
        task = open_fill_task(form)
        if task is not None:
            engine.complete_task(
                task,
                by=by,
                note=_("Form RKT dikirim."),
                on_behalf_reason=on_behalf_reason,
            )
    return form


def return_form(form: FormRkt, *, by: Any, reason: str, on_behalf_reason: str = "") -> FormRkt:
    """Give a sent form back to its unit with a reason; the unit's step-4 task opens again."""
    reason = (reason or "").strip()
    with transaction.atomic():
        form = _lock(form)
        if not reason:
            raise Invalid(_("Tuliskan alasan pengembalian Form RKT."))
        if not form.is_submitted:
            raise Conflict(
                _("Form RKT %(unit)s belum dikirim; tidak ada yang dapat dikembalikan.")
                % {"unit": form.unit.name}
            )
        fill_step, role = _collecting(form.process)
        form.status = FormRkt.Status.RETURNED
        form.return_reason = reason
        form.returned_at = timezone.now()
        form.returned_by = by
        _touch(form, by)
        form.save(update_fields=["status", "return_reason", "returned_at", "returned_by"])
        # The engine checks that `by` holds the role of the active step (the Tim).
        engine.reopen_unit_task(
            form.process,
            step_number=fill_step,
            unit=form.unit,
            by=by,
            reason=reason,
            on_behalf_reason=on_behalf_reason,
        )
        record(
            organization=form.process.organization,
            user=by,
            position=position_with_role(by, form.process.organization_id, role),
            action="form_rkt.return",
            obj=form,
            before={"status": FormRkt.Status.SUBMITTED},
            after={"status": form.status},
            reason=reason,
        )
    return form


# open_fill_task's query, compiled once (erkt.compiled_sql).
OPEN_FILL_TASK = Shape(
    lambda process_id, unit_id: (
        Task.objects.filter(
            process_id=process_id,
            unit_id=unit_id,
            status=Task.Status.OPEN,
            step_run__step__action=ISI_FORM,
        )
        # The form's page shows the step's number: read with the task, not by another query.
        .select_related("step_run")
        .order_by("-pass_number")[:1]
    )
)


def open_fill_task(form: FormRkt) -> Task | None:
    """The unit's open task of the step that fills the form, if any."""
    found = OPEN_FILL_TASK.rows(form.process_id, form.unit_id)
    return found[0] if found else None


def _collecting(process: Process) -> tuple[int, str]:
    """The filling step's number and the collecting step's role, while collecting is under way."""
    runs = {run.step.action: run for run in process.step_runs.select_related("step__actor")}
    collect, fill = runs.get(KUMPUL_FORM), runs.get(ISI_FORM)
    if collect is None or fill is None or collect.status != StepRun.Status.ACTIVE:
        raise Conflict(
            _(
                "Form RKT hanya dapat dikembalikan selama langkah pengumpulan Form RKT "
                "sedang berjalan."
            )
        )
    return fill.number, collect.step.actor.role


# --- Checks --------------------------------------------------------------------------------


def _lock(form: FormRkt) -> FormRkt:
    return (
        FormRkt.objects.select_for_update(of=("self",))
        .select_related("process__organization", "unit")
        .get(pk=form.pk)
    )


def _time_zone(form: FormRkt) -> str:
    return form.process.organization.time_zone


def _touch(form: FormRkt, by: Any, version: int | None = None) -> None:
    """Move the locked form's version on (from `version`, when the writer read one)."""
    claim(form, version, by=by, time_zone=_time_zone(form))


def _editable(form: FormRkt, by: Any):
    """The locked form and the head's position (None: the administrator acting for them)."""
    form = _lock(form)
    if not access.can_edit(by, form):
        raise NotAllowed(
            _("Hanya kepala %(unit)s yang dapat mengubah Form RKT ini.") % {"unit": form.unit.name}
        )
    if form.is_submitted:
        raise Conflict(_("Form RKT ini sudah dikirim dan tidak dapat diubah lagi."))
    if not form.process.is_running:
        raise Conflict(_("Pelaksanaan SOP ini sudah tidak berjalan; Form RKT tidak dapat diubah."))
    return form, access.head_position(by, form)


def _row_state(row: FormRktRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "sasaran_kegiatan": row.sasaran_kegiatan,
        "indikator": row.indikator,
        "satuan": row.satuan,
        "target": row.target,
        "anggaran": row.anggaran,
        "justifikasi": row.justifikasi,
    }
