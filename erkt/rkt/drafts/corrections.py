"""Recording verdicts and comments on a Draft RKT version (steps 7, 9 and 10).

While its task is open, an author may change or withdraw what they recorded;
once the task is done the corrections wait, open, for step 8.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow, parse_rupiah
from erkt.rkt.drafts.steps import KOREKSI_UNIT, PENGESAHAN, REVIEW_STEPS
from erkt.rkt.unit_forms.rules import target_problem
from erkt.workflow.errors import Conflict, Invalid, NotAllowed
from erkt.workflow.models import Process, Task

SOURCE_OF_STEP = {
    KOREKSI_UNIT: Correction.Source.UNIT_REVIEW,
    REVIEW_STEPS[0]: Correction.Source.SEKRETARIS,
    PENGESAHAN: Correction.Source.KEPALA,
}


def unit_rows(draft: DraftRkt, unit_id: int) -> QuerySet[DraftRow]:
    """A unit's part of a version: the rows compiled from its Form RKT."""
    return draft.rows.filter(unit_id=unit_id)


def unchecked_rows(task: Task) -> list[DraftRow]:
    """The rows of the task's unit in the current version without a verdict of this task."""
    draft = DraftRkt.objects.latest_of(task.process)
    if draft is None:
        return []
    checked = set(Correction.objects.filter(task=task).values_list("row_key", flat=True))
    return [row for row in unit_rows(draft, task.unit_id) if row.key not in checked]


def record_verdict(
    task: Task,
    *,
    by,
    row_key: str,
    verdict: str,
    field: str = "",
    comment: str = "",
    proposed_value: str = "",
) -> Correction:
    """Step 7: "sesuai" for a row of the unit's part, or a correction of one of its values.

    A row with a correction is not "sesuai" until its corrections are withdrawn
    (one click too many must not silently drop a correction); a correction
    replaces "sesuai" and an earlier correction of the same field.
    """
    with transaction.atomic():
        task, draft = _lock(task, by, (KOREKSI_UNIT,))
        row = unit_rows(draft, task.unit_id).filter(key=row_key).first()
        if row is None:
            raise Invalid(_("Baris ini bukan bagian unit kerja Anda."))
        mine = Correction.objects.filter(task=task, row_key=row.key)
        if verdict == Correction.Verdict.SESUAI:
            if mine.filter(verdict=Correction.Verdict.KOREKSI).exists():
                raise Conflict(
                    _(
                        "Baris ini sudah memiliki koreksi. Tarik koreksinya dahulu bila baris "
                        "ini ternyata sesuai."
                    )
                )
            mine.delete()
            correction = _create(task, draft, by, row, Correction.Verdict.SESUAI, "baris", "", "")
        elif verdict == Correction.Verdict.KOREKSI:
            field, comment, proposed_value = _checked_value(row, field, comment, proposed_value)
            mine.filter(verdict=Correction.Verdict.SESUAI).delete()
            mine.filter(field=field).delete()
            correction = _create(task, draft, by, row, verdict, field, comment, proposed_value)
        else:
            raise Invalid(_("Pilih 'sesuai' atau 'koreksi'."))
    return correction


def mark_rest_sesuai(task: Task, *, by) -> int:
    """Step 7: "sesuai" for every row of the unit's part not yet checked; returns how many."""
    with transaction.atomic():
        task, draft = _lock(task, by, (KOREKSI_UNIT,))
        rows = unchecked_rows(task)
        for row in rows:
            _create(task, draft, by, row, Correction.Verdict.SESUAI, "baris", "", "")
    return len(rows)


def add_review_comment(
    task: Task, *, by, row_key: str, field: str, comment: str, proposed_value: str = ""
) -> Correction:
    """Steps 9 and 10: a reviewer's comment on a row (or, without row_key, on the whole draft)."""
    with transaction.atomic():
        task, draft = _lock(task, by, REVIEW_STEPS)
        row = None
        if row_key:
            row = draft.rows.filter(key=row_key).first()
            if row is None:
                raise Invalid(_("Baris ini tidak ada pada versi yang diperiksa."))
            field, comment, proposed_value = _checked_value(row, field, comment, proposed_value)
        else:
            field, comment, proposed_value = Correction.Field.BARIS, _required(comment), ""
        return _create(
            task, draft, by, row, Correction.Verdict.KOMENTAR, field, comment, proposed_value
        )


def general_comment(task: Task, *, by, note: str) -> Correction:
    """The note of a reviewer's "tidak" as the correction to handle (inside the engine's call)."""
    draft = DraftRkt.objects.latest_of(task.process)
    return _create(task, draft, by, None, Correction.Verdict.KOMENTAR, "baris", note, "")


def withdraw(correction: Correction, *, by) -> None:
    """Remove what the user recorded while its task is still open."""
    with transaction.atomic():
        if correction.task is None:
            raise Conflict(_("Koreksi ini tidak dapat ditarik lagi."))
        task, _draft = _lock(correction.task, by, (KOREKSI_UNIT, *REVIEW_STEPS))
        correction = Correction.objects.select_for_update().filter(pk=correction.pk).first()
        if correction is None or correction.status not in (
            Correction.Status.OPEN,
            Correction.Status.NOTED,
        ):
            raise Conflict(_("Koreksi ini tidak dapat ditarik lagi."))
        before = _state(correction)
        Correction.objects.filter(pk=correction.pk).delete()
        record(
            organization=task.process.organization,
            user=by,
            position=task.position,
            action="rkt.correction.withdraw",
            obj=correction.draft,
            before=before,
        )


# --- Helpers ---------------------------------------------------------------------------------


def _lock(task: Task, by, steps: tuple[int, ...]) -> tuple[Task, DraftRkt]:
    """Serialise with the engine (process row lock); the task must be the user's, open, now."""
    process = (
        Process.objects.select_for_update().select_related("organization").get(pk=task.process_id)
    )
    task = Task.objects.select_related("step_run__step", "position", "unit").get(pk=task.pk)
    task.process = process
    if task.step_run.number not in steps:
        raise Invalid(_("Tugas ini bukan langkah pemeriksaan Draft RKT."))
    if not task.is_open or not process.is_running:
        raise Conflict(_("Tugas ini sudah tidak terbuka."))
    if not task.can_be_completed_by(by):
        raise NotAllowed(_("Anda bukan pemegang tugas ini."))
    draft = DraftRkt.objects.latest_of(process)
    if draft is None:
        raise Conflict(_("Belum ada Draft RKT yang dapat diperiksa."))
    return task, draft


def _required(comment: str) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise Invalid(_("Tuliskan catatan koreksinya."))
    return comment


def _checked_value(row: DraftRow, field: str, comment: str, proposed: str) -> tuple[str, str, str]:
    """The field, comment and proposed value, or the message saying what is wrong."""
    if field not in Correction.Field.values:
        raise Invalid(_("Pilih bagian baris yang dikoreksi."))
    comment, proposed = _required(comment), (proposed or "").strip()
    if field not in Correction.VALUE_FIELDS:
        return field, comment, ""
    if not proposed:
        raise Invalid(_("Tuliskan usulan nilai %(field)s.") % {"field": _field_label(field)})
    if field == Correction.Field.ANGGARAN:
        try:
            value = parse_rupiah(proposed)
        except ValueError:
            raise Invalid(_("Usulan anggaran harus angka rupiah, misalnya 85.000.000.")) from None
        if value == row.anggaran:
            raise Invalid(_("Usulan anggaran sama dengan anggaran sekarang."))
    elif proposed == getattr(row, field):
        raise Invalid(
            _("Usulan %(field)s sama dengan nilai sekarang.") % {"field": _field_label(field)}
        )
    _check_form_rules(row, field, proposed)
    return field, comment, proposed


def _check_form_rules(row: DraftRow, field: str, proposed: str) -> None:
    """The rules of the Form RKT for the proposed value: its length, a number for a numeric satuan.

    A new satuan is checked against the row's target, or against a target proposed by an
    open correction of the same row (the two are then decided together at step 8).
    """
    longest = DraftRow._meta.get_field(field).max_length
    if longest and len(proposed) > longest:
        raise Invalid(
            _("Usulan %(field)s terlalu panjang (paling banyak %(n)s karakter).")
            % {"field": _field_label(field), "n": longest}
        )
    if field == Correction.Field.TARGET:
        if problem := target_problem(proposed, row.satuan):
            raise Invalid(problem)
    elif field == Correction.Field.SATUAN:
        targets = [row.target, *_proposed_targets(row)]
        if all(target_problem(target, proposed) for target in targets):
            raise Invalid(
                _(
                    "Target baris ini “%(target)s” bukan angka, padahal satuan usulan "
                    "“%(satuan)s” diukur dengan angka. Usulkan juga koreksi target "
                    "berupa angka."
                )
                % {"target": row.target, "satuan": proposed}
            )


def _proposed_targets(row: DraftRow) -> list[str]:
    return list(
        Correction.objects.filter(
            draft_id=row.draft_id,
            row_key=row.key,
            field=Correction.Field.TARGET,
            status=Correction.Status.OPEN,
        ).values_list("proposed_value", flat=True)
    )


def _field_label(field: str) -> str:
    return str(Correction.Field(field).label).lower()


def _create(
    task: Task,
    draft: DraftRkt,
    by,
    row: DraftRow | None,
    verdict: str,
    field: str,
    comment: str,
    proposed_value: str,
) -> Correction:
    sesuai = verdict == Correction.Verdict.SESUAI
    correction = Correction.objects.create(
        draft=draft,
        task=task,
        row_key=row.key if row is not None else "",
        field=field,
        unit=task.unit or (row.unit if row is not None else None),
        author=by,
        source=SOURCE_OF_STEP[task.step_run.number],
        verdict=verdict,
        comment=comment,
        proposed_value=proposed_value,
        status=Correction.Status.NOTED if sesuai else Correction.Status.OPEN,
    )
    record(
        organization=task.process.organization,
        user=by,
        position=task.position,
        action="rkt.correction.add",
        obj=draft,
        after=_state(correction),
    )
    return correction


def _state(correction: Correction) -> dict:
    return {
        "id": correction.pk,
        "row": correction.row_key,
        "field": correction.field,
        "verdict": correction.verdict,
        "comment": correction.comment,
        "proposed_value": correction.proposed_value,
    }
