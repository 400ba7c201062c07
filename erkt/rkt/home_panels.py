"""The RKT's panels on the home page (registered in erkt.workflow.home).

- Kepala Badan and Sekretaris, before step 10 is done: what they are about to sign.
- Kasubbag Perencanaan and Tim Perencanaan: which unit sent its Form RKT.
- A unit head: their unit's Form RKT and the corrections on its rows.
Each reads a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string

from erkt.compiled_sql import Shape
from erkt.org.models import Unit
from erkt.per_language import per_language
from erkt.rkt.drafts.models import Correction, DraftRkt, DraftRow
from erkt.rkt.home_html import forms_card, signing_card_with_draft, unit_card
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.pages import pagu_by_unit
from erkt.workflow.home import LEADERS, PLANNERS, Home, register
from erkt.workflow.models import StepRun, Task

SIGNING_STEP = 10
FORM_STEP = 4


def _rkt_process(home: Home):
    """The home's process when it runs an RKT SOP (a step with an "rkt." action), else None:
    another SOP's process (e.g. the Penyusunan Renstra) has no Form RKT or draft."""
    if home.process is None or not any(a.startswith("rkt.") for a in home.step_actions):
        return None
    return home.process


def _signed(home: Home) -> bool:
    return any(r.number >= SIGNING_STEP and r.status == StepRun.Status.DONE for r in home.runs)


# The signing summary's reads, compiled once (erkt.compiled_sql): every home page of the
# Kepala and the Sekretaris reads them. The rows are values, not DraftRow instances: the
# panel counts them, sums their anggaran and compares their content, no more.
DRAFTS = Shape(lambda process_id: DraftRkt.objects.filter(process_id=process_id).order_by("number"))
DRAFT_ROWS = Shape(
    lambda *draft_ids: (
        DraftRow.objects.filter(draft_id__in=draft_ids)
        .order_by()
        .values_list("draft_id", "key", "order", *DraftRow.CONTENT_FIELDS)
    )
)
ANGGARAN = 3 + DraftRow.CONTENT_FIELDS.index("anggaran")
OPEN_CORRECTIONS = Shape(
    lambda process_id: (
        Correction.objects.filter(draft__process_id=process_id, status=Correction.Status.OPEN)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
)


@dataclass
class Changes:
    """The keys of the rows added, changed and removed since version 1 (what
    erkt.rkt.drafts.diff.diff_rows finds, by key only)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many rows differ from version 1, whichever way."""
        return len(self.added) + len(self.changed) + len(self.removed)


def changes_between(old_rows: list[tuple], new_rows: list[tuple]) -> Changes:
    """diff_rows of DRAFT_ROWS rows: matched by key, in row order, compared by content."""
    old = {row[1]: row[3:] for row in sorted(old_rows, key=lambda row: row[2])}
    new = {row[1]: row[3:] for row in sorted(new_rows, key=lambda row: row[2])}
    changes = Changes(removed=[key for key in old if key not in new])
    for key, content in new.items():
        before = old.get(key)
        if before is None:
            changes.added.append(key)
        elif before != content:
            changes.changed.append(key)
    return changes


def pagu_total(process) -> Decimal:
    """The year's pagu of every unit in the Renstra covering the year (0 without one)."""
    return sum(pagu_by_unit(process).values(), Decimal(0))


SIGNING_TEMPLATE = "rkt/home/signing.html"


def signing_card(context: dict) -> str:
    """The HTML of rkt/home/signing.html for the signing panel's context."""
    if context["draft"] is None:
        return no_draft_card()
    return signing_card_with_draft(context)


@per_language
def no_draft_card() -> str:
    """The signing panel before the first draft: the same card for everyone, once per
    language (the template's nodes and translations cost more than reading the drafts)."""
    return render_to_string(SIGNING_TEMPLATE, {"draft": None})


@register("rkt_signing", SIGNING_TEMPLATE, roles=LEADERS, order=30, render=signing_card)
def signing_panel(home: Home) -> dict | None:
    """Version, rows, anggaran against pagu, the changes since version 1, open comments."""
    if _rkt_process(home) is None or _signed(home):
        return None
    process = home.process
    drafts = DRAFTS.rows(process.pk)
    if not drafts:
        return {"process": process, "draft": None}
    first, latest = drafts[0], drafts[-1]
    rows = DRAFT_ROWS.rows(*sorted({first.pk, latest.pk}))
    latest_rows = [row for row in rows if row[0] == latest.pk]
    total = sum((row[ANGGARAN] or Decimal(0) for row in latest_rows), Decimal(0))
    pagu = pagu_total(process)
    changes = changes_between([row for row in rows if row[0] == first.pk], latest_rows)
    open_comments = OPEN_CORRECTIONS.rows(process.pk)
    return {
        "process": process,
        "draft": latest,
        "versions": len(drafts),
        "rows": len(latest_rows),
        "total": total,
        "pagu": pagu,
        "over_pagu": pagu and total > pagu,
        "changes": changes,
        "open_comments": open_comments[0][1] if open_comments else 0,
    }


@dataclass
class FormLine:
    unit: Unit
    form: FormRkt | None
    rows: int
    total: Decimal
    late: bool = False


def forms_with_totals(process_id: int, *unit_ids: int):
    """The process's Form RKTs (of `unit_ids` only, when given) with their rows' count and
    anggaran."""
    only = Q(unit__in=unit_ids) if unit_ids else Q()
    return (
        FormRkt.objects.filter(process_id=process_id)
        .filter(only)
        .select_related("returned_by__employee")
        .annotate(row_count=Count("rows"), anggaran=Sum("rows__anggaran"))
    )


# Compiled once per shape (erkt.compiled_sql): every home page of a unit head or a planner
# read them, Django compiling the joins and aggregates anew each time.
FORMS = Shape(forms_with_totals)
FORM_UNITS = Shape(
    lambda organization_id, *with_form: (
        Unit.objects.filter(organization_id=organization_id)
        .filter(Q(fills_form_rkt=True) | Q(pk__in=with_form))
        .order_by("order", "pk")
    )
)
CORRECTIONS = Shape(
    lambda process_id, *unit_ids: (
        Correction.objects.filter(draft__process_id=process_id, unit__in=unit_ids)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
)


def _form_lines(home: Home, unit_ids: list[int] | None = None) -> list[FormLine]:
    """Every form-filling unit (or only `unit_ids`) with its form, rows and anggaran."""
    process = home.process
    if unit_ids is not None and not unit_ids:
        forms = {}  # Q(unit__in=[]): no form
    else:
        forms = {form.unit_id: form for form in FORMS.rows(process.pk, *(unit_ids or ()))}
    today = process.today()
    late_units = {
        task.unit_id
        for task in home.tasks
        if task.unit_id and task.status == Task.Status.OPEN and task.due_date < today
        if task.step_run.number == FORM_STEP
    }
    lines = []
    for unit in _units_of(home, forms, unit_ids):
        form = forms.get(unit.pk)
        rows = form.row_count if form else 0
        total = (form.anggaran or Decimal(0)) if form else Decimal(0)
        lines.append(FormLine(unit, form, rows, total, unit.pk in late_units))
    return lines


def _units_of(home: Home, forms: dict, unit_ids: list[int] | None) -> list[Unit]:
    """The form-filling units and those with a form, by order (of `unit_ids` only: a unit
    head's own units, read with their positions already, so without a query)."""
    if unit_ids is None:
        return FORM_UNITS.rows(home.process.organization_id, *sorted(forms))
    own = {p.unit.pk: p.unit for p in home.positions if p.unit_id in unit_ids}
    shown = [u for u in own.values() if u.fills_form_rkt or u.pk in forms]
    return sorted(shown, key=lambda u: (u.order, u.pk))


@register("rkt_forms", "rkt/home/forms.html", roles=PLANNERS, order=30, render=forms_card)
def forms_panel(home: Home) -> dict | None:
    """The forms recap: each unit's Form RKT (sent, returned, draft, none) and who is late."""
    if _rkt_process(home) is None:
        return None
    if not any(run.number >= FORM_STEP and run.passes for run in home.runs):
        return None  # the forms are not asked for yet
    lines = _form_lines(home)
    sent = sum(1 for line in lines if line.form is not None and line.form.is_submitted)
    return {
        "process": home.process,
        "lines": lines,
        "sent": sent,
        "late": [line for line in lines if line.late],
    }


@register("rkt_unit", "rkt/home/unit.html", order=30, for_unit_heads=True, render=unit_card)
def unit_panel(home: Home) -> dict | None:
    """A unit head: their unit's Form RKT and the corrections on their unit's rows."""
    if _rkt_process(home) is None:
        return None
    units = home.headed_unit_ids
    lines = _form_lines(home, units)
    if not lines:
        return None
    corrections = dict(CORRECTIONS.rows(home.process.pk, *units))
    return {"process": home.process, "lines": lines, "corrections": corrections}
