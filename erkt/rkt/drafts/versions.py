"""Step 8: the next Draft RKT version, deciding every open correction; step 10: the final one.

Each pass of step 8 issues exactly one version, also when nothing is open (on
the first pass when every unit found its part "sesuai"): the new version is the
draft the Sekretaris reviews at step 9, and the step's output.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow, decisions_summary
from erkt.rkt.drafts.steps import SUSUN_DRAFT, require_actor
from erkt.rkt.unit_forms.rules import target_problem
from erkt.workflow.errors import Conflict, Invalid
from erkt.workflow.models import Process

ACCEPT, REJECT = "accept", "reject"


class DecisionError(Invalid):
    """Several things are wrong with the decisions at once; `messages` lists each."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


def open_corrections(process: Process) -> QuerySet[Correction]:
    """The corrections still waiting for the Kasubbag Perencanaan's decision."""
    return (
        Correction.objects.filter(draft__process=process, status=Correction.Status.OPEN)
        .select_related("draft", "unit", "author__employee", "task__position")
        .order_by("draft__number", "created_at", "pk")
    )


def make_next_version(
    process: Process,
    *,
    by,
    decisions: Mapping[int, tuple[str, str]],
    shown_as: Mapping[int, int] | None = None,
) -> DraftRkt:
    """Issue version n+1 from version n with the accepted proposed values applied.

    `decisions` maps every open correction's id to ("accept" | "reject", reason);
    a rejection needs its reason. All or nothing: on any error nothing changes.
    `shown_as` maps a correction's id to the number the caller's page shows for
    it, so that messages name it as the user sees it (by default: its id).
    """
    with transaction.atomic():
        process = (
            Process.objects.select_for_update().select_related("organization").get(pk=process.pk)
        )
        task = require_actor(process, SUSUN_DRAFT, by)
        base = DraftRkt.objects.latest_of(process)
        if base is None:
            raise Invalid(_("Belum ada Draft RKT yang dapat disusun."))
        made = DraftRkt.objects.filter(process=process, task=task).first()
        if made is not None:
            raise Conflict(
                _("Versi %(number)s sudah dibuat pada putaran ini.") % {"number": made.number}
            )
        pending = list(open_corrections(process))
        for correction in pending:
            correction.label = (shown_as or {}).get(correction.pk, correction.pk)
        checked = _checked_decisions(pending, decisions)
        accepted = [correction for correction, verdict, _reason in checked if verdict == ACCEPT]
        rows = _next_rows(base, accepted)
        draft = DraftRkt.objects.issue(
            process=process,
            number=base.number + 1,
            rows=rows,
            by=by,
            task=task,
            # The note in the official language (the version's PDF writes it); each
            # reader's page writes the counts in theirs.
            note=_summary(len(accepted), len(checked) - len(accepted)),
            decided=(len(accepted), len(checked) - len(accepted)),
        )
        _mark_decided(checked, draft, by)
        record(
            organization=process.organization,
            user=by,
            position=task.position,
            action="rkt.draft.next_version",
            obj=draft,
            before={"version": base.number},
            after={
                "version": draft.number,
                "accepted": [c.pk for c in accepted],
                "rejected": {c.pk: reason for c, verdict, reason in checked if verdict == REJECT},
            },
        )
    return draft


def freeze_final(process: Process, *, by) -> DraftRkt:
    """Step 10 "ya": the current version becomes the final RKT (in the caller's transaction)."""
    draft = DraftRkt.objects.latest_of(process)
    if draft is None:
        raise Invalid(_("Belum ada Draft RKT yang dapat ditetapkan."))
    if draft.is_final:
        raise Conflict(_("Versi %(number)s sudah final.") % {"number": draft.number})
    draft.freeze(by=by)
    record(
        organization=process.organization,
        user=by,
        action="rkt.draft.freeze",
        obj=draft,
        before={"status": DraftRkt.Status.DRAFT},
        after={"status": draft.status, "version": draft.number},
    )
    return draft


def _checked_decisions(
    corrections: list[Correction], decisions: Mapping[int, tuple[str, str]]
) -> list[tuple[Correction, str, str]]:
    errors: list[str] = []
    checked = []
    for correction in corrections:
        verdict, reason = decisions.get(correction.pk, ("", ""))
        reason = (reason or "").strip()
        if verdict not in (ACCEPT, REJECT):
            errors.append(_("Koreksi #%(id)s belum diputuskan.") % {"id": correction.label})
        elif verdict == REJECT and not reason:
            errors.append(
                _("Penolakan koreksi #%(id)s wajib disertai alasan.") % {"id": correction.label}
            )
        checked.append((correction, verdict, reason))
    known = {correction.pk for correction in corrections}
    for unknown in sorted(set(decisions) - known):
        errors.append(_("Koreksi #%(id)s tidak ada atau sudah diputuskan.") % {"id": unknown})
    if errors:
        raise DecisionError(errors)
    return checked


def _next_rows(base: DraftRkt, accepted: list[Correction]) -> list[DraftRow]:
    """The base version's rows with the accepted values applied and removed rows left out."""
    rows = {row.key: row for row in base.rows.all()}
    changes: dict[str, dict[str, tuple[str | Decimal, Correction]]] = {}
    removed: dict[str, Correction] = {}
    errors: list[str] = []
    for correction in accepted:
        if correction.row_key and correction.row_key not in rows:
            errors.append(_row_gone(correction, base))
        elif correction.field == Correction.Field.HAPUS and correction.row_key:
            removed[correction.row_key] = correction
        elif correction.changes_value:
            errors += _collect_change(correction, changes)
    for key, correction in removed.items():
        for _value, other in changes.get(key, {}).values():
            errors.append(
                _("Koreksi #%(a)s menghapus baris yang diubah koreksi #%(b)s; tolak salah satunya.")
                % {"a": correction.label, "b": other.label}
            )
    if errors:
        raise DecisionError(errors)
    next_rows = [
        row.copy(**{name: value for name, (value, _c) in changes.get(key, {}).items()})
        for key, row in rows.items()
        if key not in removed
    ]
    errors = [_broken_rule(row, changes[row.key]) for row in next_rows if row.key in changes]
    if errors := [error for error in errors if error]:
        raise DecisionError(errors)
    return next_rows


def _broken_rule(row: DraftRow, changed: dict[str, tuple[str | Decimal, Correction]]) -> str:
    """The Form RKT's rule the changed row breaks (a numeric satuan takes a number), else ""."""
    if not {Correction.Field.TARGET, Correction.Field.SATUAN} & set(changed):
        return ""
    problem = target_problem(row.target, row.satuan)
    if not problem:
        return ""
    labels = ", ".join(
        f"#{correction.label}"
        for field, (_value, correction) in changed.items()
        if field in (Correction.Field.TARGET, Correction.Field.SATUAN)
    )
    return _("Koreksi %(labels)s: %(problem)s") % {"labels": labels, "problem": problem}


def _collect_change(
    correction: Correction, changes: dict[str, dict[str, tuple[str | Decimal, Correction]]]
) -> list[str]:
    try:
        value = correction.new_value()
    except ValueError:
        return [
            _("Usulan anggaran koreksi #%(id)s bukan angka rupiah yang sah.")
            % {"id": correction.label}
        ]
    fields = changes.setdefault(correction.row_key, {})
    earlier = fields.get(correction.field)
    if earlier is not None and earlier[0] != value:
        return [
            _(
                "Koreksi #%(a)s dan #%(b)s mengusulkan %(field)s yang berbeda untuk baris yang "
                "sama; tolak salah satunya."
            )
            % {
                "a": earlier[1].label,
                "b": correction.label,
                "field": correction.get_field_display(),
            }
        ]
    fields[correction.field] = (value, correction)
    return []


def _row_gone(correction: Correction, base: DraftRkt) -> str:
    return _("Baris koreksi #%(id)s tidak ada pada versi %(number)s; tolak koreksi ini.") % {
        "id": correction.label,
        "number": base.number,
    }


def _mark_decided(checked: list[tuple[Correction, str, str]], draft: DraftRkt, by) -> None:
    now = timezone.now()
    for correction, verdict, reason in checked:
        accepted = verdict == ACCEPT
        correction.status = Correction.Status.ACCEPTED if accepted else Correction.Status.REJECTED
        correction.decided_by = by
        correction.decided_at = now
        correction.decision_reason = reason
        correction.resolved_in = draft
        correction.save(
            update_fields=["status", "decided_by", "decided_at", "decision_reason", "resolved_in"]
        )


def _summary(accepted: int, rejected: int) -> str:
    with translation.override("id"):
        return decisions_summary(accepted, rejected)
